"""The breadcrumbs card on a person's page: most of the recent contact carried a sign."""

import html
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from journal.models import EntryCategory, Interaction, Person
from patterns.person_patterns import BREADCRUMB_DAYS, BREADCRUMB_HIGH

CARD = "lately has been crumbs"
GUIDE = reverse("guidance-page", args=["dont-settle-for-breadcrumbs"])


@pytest.fixture(autouse=True)
def midday(time_machine):
    """Entries are logged whole days before now. At noon in London none of them falls
    late at night: logged after 22:00, they make a late-night pattern besides the card."""
    time_machine.move_to(datetime(2026, 3, 11, 12, tzinfo=UTC), tick=False)


def log(person, days_ago: float, category: str | None = None) -> Interaction:
    entry = Interaction.objects.create(
        user=person.user,
        person=person,
        occurred_at=timezone.now() - timedelta(days=days_ago),
        text="Logged for the test.",
        feeling=-1 if category else 1,
    )
    if category:
        EntryCategory.objects.create(interaction=entry, category=category, reasons=["test"])
    return entry


def person_page(client, person) -> str:
    response = client.get(reverse("journal-person", args=[person.pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_threshold_means_most_of_the_contact():
    assert 0.5 < BREADCRUMB_HIGH < 1


def test_the_card_shows_when_most_recent_contact_carried_a_sign(alice_client, sam):
    for day, sign in enumerate(["left_on_read", "late_night_only", "busy_excuses", None], 1):
        log(sam, day, sign)
    body = person_page(alice_client, sam)
    assert CARD in body
    assert "75% of what you logged with Sam" in body
    assert f'href="{GUIDE}"' in body


def test_the_share_is_said_once_by_the_card_not_again_as_a_pattern(alice_client, sam):
    for day, sign in enumerate(["left_on_read", "late_night_only", "busy_excuses", None], 1):
        log(sam, day, sign)
    body = person_page(alice_client, sam)
    assert body.count("75%") == 1
    assert body.count("carried a sign of not being fully chosen") == 1
    assert '<ul class="patterns">' not in body  # no empty list beside the card
    assert "No pattern stands out yet" not in body


def test_other_patterns_still_list_beside_the_card(alice_client, sam):
    for day in (1, 2, 3):
        log(sam, day, "left_on_read")
    body = person_page(alice_client, sam)
    assert CARD in body
    assert "Left on read came up 3 times" in body
    assert body.count("carried a sign of not being fully chosen") == 1


def test_the_card_goes_when_clean_entries_bring_the_ratio_down(alice_client, sam):
    for day in (1, 2, 3):
        log(sam, day, "one_word_replies")
    assert CARD in person_page(alice_client, sam)
    for day in (4, 5, 6):
        log(sam, day)
    assert CARD not in person_page(alice_client, sam)  # 3 of 6: half, not most


def test_old_signs_do_not_count(alice_client, sam):
    for day in (1, 2, 3):
        log(sam, BREADCRUMB_DAYS + day, "avoided_plans")
    log(sam, 1)
    log(sam, 2)
    log(sam, 3)
    assert CARD not in person_page(alice_client, sam)


def test_too_few_entries_show_no_card(alice_client, sam):
    log(sam, 1, "left_on_read")
    log(sam, 2, "left_on_read")
    assert CARD not in person_page(alice_client, sam)


def test_a_removed_sign_no_longer_counts(alice_client, sam):
    entries = [log(sam, day, "joked_off") for day in (1, 2, 3)]
    alice_client.post(
        reverse("patterns-correct", args=[entries[0].pk]),
        {"category": "joked_off", "present": "0"},
    )
    alice_client.post(
        reverse("patterns-correct", args=[entries[1].pk]),
        {"category": "joked_off", "present": "0"},
    )
    assert CARD not in person_page(alice_client, sam)


def test_the_card_is_about_this_person_only(alice_client, alice, sam):
    robin = Person.objects.create(user=alice, name="Robin")
    for day in (1, 2, 3):
        log(sam, day, "left_on_read")
        log(robin, day)
    assert CARD in person_page(alice_client, sam)
    assert CARD not in person_page(alice_client, robin)


def test_an_outsider_never_sees_the_card(bob_client, sam):
    for day in (1, 2, 3):
        log(sam, day, "left_on_read")
    assert bob_client.get(reverse("journal-person", args=[sam.pk])).status_code == 404


def test_the_person_page_queries_stay_flat_as_entries_grow(alice_client, sam):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert CARD in person_page(alice_client, sam)
        return len(queries)

    for day in range(5):
        log(sam, day + 0.5, "left_on_read")
    count_queries()  # the first visit after logging in also stamps the session
    few = count_queries()
    for day in range(60):
        log(sam, day % 27 + 0.5, "left_on_read" if day % 4 else None)
    assert count_queries() == few
