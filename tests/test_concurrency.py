"""Faults from people being people: double clicks, retries, two tabs on one entry."""

import html
import re
from uuid import uuid4

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from journal.models import Interaction, Person, WeekRollup
from tests.clock import LATE_2026
from tests.threads import at_once

# The entries these tests log fall on fixed days of 2026.
pytestmark = pytest.mark.clock(LATE_2026, tick=True)

LOG = "journal-entry-create"


def entry_data(**overrides) -> dict:
    data = {
        "new_person": "Sam",
        "occurred_at": "2026-03-20T21:30",
        "channel": "text",
        "initiated_by": "me",
        "text": "Asked if we're still on for Friday. 'Maybe, crazy week.'",
        "feeling": "-1",
        "feelings": ["anxious"],
        "token": str(uuid4()),
    }
    data.update(overrides)
    return data


# Double submission ---------------------------------------------------------------------


def test_a_retried_post_stores_one_entry(alice_client, alice):
    data = entry_data()
    first = alice_client.post(reverse(LOG), data)
    second = alice_client.post(reverse(LOG), data)  # The retry after a time-out.
    assert first.status_code == second.status_code == 302
    assert Interaction.objects.filter(user=alice).count() == 1
    assert Person.objects.filter(user=alice).count() == 1


def test_a_double_click_with_htmx_stores_one_entry(alice_client, alice):
    data = entry_data()
    for _ in range(2):
        response = alice_client.post(reverse(LOG), data, headers={"HX-Request": "true"})
        assert response.status_code == 200
        assert "crazy week" in html.unescape(response.content.decode())
    assert Interaction.objects.filter(user=alice).count() == 1


def test_two_forms_with_their_own_tokens_store_two_entries(alice_client, alice):
    alice_client.post(reverse(LOG), entry_data())
    alice_client.post(reverse(LOG), entry_data())
    assert Interaction.objects.filter(user=alice).count() == 2


def test_the_same_token_from_another_user_is_their_own_entry(client, alice, bob):
    data = entry_data()
    for user in (alice, bob):
        client.force_login(user)
        client.post(reverse(LOG), data)
    assert Interaction.objects.filter(user=alice).count() == 1
    assert Interaction.objects.filter(user=bob).count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's shared in-memory test database locks whole tables",
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("new_person", [True, False])
def test_two_posts_at_the_same_moment_store_one_entry(alice, new_person):
    """Two threads, two connections, one token: the database's unique constraint decides."""
    rounds, threads_per_round = 5, 4
    if not new_person:
        sam = Person.objects.create(user=alice, name="Sam")
    for _ in range(rounds):
        data = entry_data() if new_person else entry_data(new_person="", person=str(sam.pk))
        statuses = at_once(
            alice,
            threads_per_round,
            lambda client, data=data: client.post(reverse(LOG), data).status_code,
        )
        assert statuses == [302] * threads_per_round
    assert Interaction.objects.filter(user=alice).count() == rounds
    assert Person.objects.filter(user=alice).count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's shared in-memory test database locks whole tables",
)
@pytest.mark.django_db(transaction=True)
def test_entries_for_one_person_logged_at_once_all_land_in_the_week_sums(alice):
    """Two tabs (or an outbox) logging for the same person at the same moment: each write
    counts the week again, and the second waits for the first rather than fail."""
    sam = Person.objects.create(user=alice, name="Sam")
    threads = 4
    statuses = at_once(
        alice,
        threads,
        lambda client: (
            client.post(
                reverse(LOG), entry_data(new_person="", person=str(sam.pk), token=str(uuid4()))
            ).status_code
        ),
    )
    assert statuses == [302] * threads
    kept = list(WeekRollup.objects.filter(user=alice).values_list("week", "total"))
    sam.refresh_from_db()
    assert [total for _week, total in kept] == [threads]
    assert sam.entry_count == threads


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's shared in-memory test database locks whole tables",
)
@pytest.mark.django_db(transaction=True)
def test_a_new_time_zone_saved_twice_at_once_moves_the_entries_once(alice):
    """Saves of one new zone race: the first moves the entries, the rest find it saved."""
    browser = Client()
    browser.force_login(alice)
    browser.post(reverse(LOG), entry_data(occurred_at="2026-01-10T02:15"))
    data = {"time_zone": "America/New_York", "week_start": "0"}
    statuses = at_once(
        alice, 4, lambda other: other.post(reverse("accounts-settings"), data).status_code
    )
    assert statuses == [302] * 4
    entry = Interaction.objects.get(user=alice)
    assert entry.occurred_at.isoformat() == "2026-01-10T07:15:00+00:00"  # 02:15 in New York


# Two tabs, one entry -------------------------------------------------------------------


def seen_version(response) -> str:
    match = re.search(r'name="seen_updated" value="([^"]*)"', response.content.decode())
    return html.unescape(match.group(1))


@pytest.fixture
def entry(alice_client, alice):
    alice_client.post(reverse(LOG), entry_data(text="The first version."))
    return Interaction.objects.get(user=alice)


def edit_data(entry, **overrides) -> dict:
    data = entry_data(new_person="", person=str(entry.person_id), token="")
    data.update(overrides)
    return data


def test_the_second_tab_is_told_the_entry_changed(alice_client, entry):
    url = reverse("journal-entry-edit", args=[entry.pk])
    tab_one = seen_version(alice_client.get(url))
    tab_two = seen_version(alice_client.get(url))
    assert tab_one == tab_two != ""

    saved = alice_client.post(url, edit_data(entry, text="Tab one's words.", seen_updated=tab_one))
    assert saved.status_code == 302
    refused = alice_client.post(
        url, edit_data(entry, text="Tab two's <b>words</b>.", seen_updated=tab_two)
    )

    assert refused.status_code == 200
    page = html.unescape(refused.content.decode())
    assert "was changed somewhere else" in page
    assert "Tab one's words." in page  # The saved version...
    assert "Tab two's <b>words</b>." in page  # ...and what tab two typed, still there.
    assert "<b>words</b>" not in refused.content.decode()  # Shown as text, escaped.
    entry.refresh_from_db()
    assert entry.text == "Tab one's words."

    # Saving again is deliberate: the page now carries the newer version.
    again = seen_version(refused)
    assert again != tab_two
    saved = alice_client.post(
        url, edit_data(entry, text="Tab two's <b>words</b>.", seen_updated=again)
    )
    assert saved.status_code == 302
    entry.refresh_from_db()
    assert entry.text == "Tab two's <b>words</b>."


def test_one_tab_saving_twice_is_no_conflict(alice_client, entry):
    url = reverse("journal-entry-edit", args=[entry.pk])
    for text in ("Once.", "Twice."):
        version = seen_version(alice_client.get(url))
        assert (
            alice_client.post(url, edit_data(entry, text=text, seen_updated=version)).status_code
            == 302
        )
    entry.refresh_from_db()
    assert entry.text == "Twice."


def test_a_conflict_with_other_errors_keeps_both(alice_client, entry):
    url = reverse("journal-entry-edit", args=[entry.pk])
    stale = seen_version(alice_client.get(url))
    alice_client.post(url, edit_data(entry, text="Newer.", seen_updated=stale))
    response = alice_client.post(
        url, edit_data(entry, text="Mine.", feeling="9", seen_updated=stale)
    )
    page = html.unescape(response.content.decode())
    assert "was changed somewhere else" in page
    assert "Select a valid choice" in page
    entry.refresh_from_db()
    assert entry.text == "Newer."
