"""Editing, deleting (with undo), the trash, search, filters and paging of entries."""

import html
import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import TRASH_DAYS, EntryCategory, Interaction, Person, Source
from journal.views import PAGE_SIZE
from tests.clock import LATE_2026

# Many entries these tests edit move to fixed days of 2026.
pytestmark = pytest.mark.clock(LATE_2026, tick=True)

LONDON = ZoneInfo("Europe/London")


def make_entry(person: Person, text: str = "A quiet evening text.", **fields) -> Interaction:
    fields.setdefault("occurred_at", timezone.now() - timedelta(hours=1))
    fields.setdefault("feeling", 0)
    return Interaction.objects.create(user=person.user, person=person, text=text, **fields)


def page(client, url: str = "/", **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def form_data(entry: Interaction, **changes) -> dict:
    data = {
        "person": str(entry.person_id),
        "occurred_at": timezone.localtime(entry.occurred_at, LONDON).strftime("%Y-%m-%dT%H:%M"),
        "channel": entry.channel,
        "text": entry.text,
        "feeling": str(entry.feeling),
    }
    data.update(changes)
    return data


@pytest.fixture
def entry(sam) -> Interaction:
    when = datetime(2026, 7, 1, 21, 30, tzinfo=LONDON)  # summer time: 20:30 UTC
    return make_entry(sam, "Asked about Friday. Long, warm answer.", occurred_at=when, feeling=2)


# --------------------------------------------------------------------------------------
# Editing
# --------------------------------------------------------------------------------------
def test_the_edit_form_comes_back_filled_in_local_time(alice_client, entry):
    body = page(alice_client, reverse("journal-entry-edit", args=[entry.pk]))
    assert "Asked about Friday. Long, warm answer." in body
    assert 'value="2026-07-01T21:30"' in body  # London time, not the stored 20:30 UTC
    assert f'<option value="{entry.person_id}" selected>' in body


def test_saving_the_edit_form_updates_the_entry(alice_client, entry):
    data = form_data(entry, text="He left me on read again.", feeling="-2", reply="seen_no_reply")
    data["occurred_at"] = "2026-07-02T23:45"
    response = alice_client.post(reverse("journal-entry-edit", args=[entry.pk]), data)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('journal-log')}#entry-{entry.pk}"  # at its card
    entry.refresh_from_db()
    assert entry.text == "He left me on read again."
    assert entry.feeling == -2
    assert entry.reply == "seen_no_reply"
    assert entry.occurred_at == datetime(2026, 7, 2, 23, 45, tzinfo=LONDON)
    assert Interaction.objects.count() == 1
    # Saving classifies the new text.
    assert EntryCategory.objects.filter(interaction=entry, category="left_on_read").exists()


def test_the_edited_entry_shows_at_its_local_time(alice_client, entry):
    alice_client.post(
        reverse("journal-entry-edit", args=[entry.pk]),
        form_data(entry, occurred_at="2026-01-15T23:30"),
    )
    body = page(alice_client)
    assert "23:30" in body
    assert "Thursday 15 January 2026" in body


def test_a_bad_edit_keeps_what_was_typed_and_changes_nothing(alice_client, entry):
    data = form_data(entry, text="Typed with care", feeling="9")
    response = alice_client.post(reverse("journal-entry-edit", args=[entry.pk]), data)
    assert response.status_code == 200
    assert "feeling" in response.context["form"].errors
    assert "Typed with care" in response.content.decode()
    entry.refresh_from_db()
    assert entry.feeling == 2


def test_after_editing_it_goes_back_to_the_page_it_came_from(alice_client, entry, sam):
    back = f"/people/{sam.pk}/"
    url = reverse("journal-entry-edit", args=[entry.pk])
    response = alice_client.post(url, form_data(entry, next=back))
    assert response["Location"] == f"{back}#entry-{entry.pk}"


def test_it_never_redirects_to_another_site(alice_client, entry):
    url = reverse("journal-entry-edit", args=[entry.pk])
    response = alice_client.post(url, form_data(entry, next="https://evil.example/"))
    assert response["Location"] == f"{reverse('journal-log')}#entry-{entry.pk}"


def test_an_entry_can_move_to_an_archived_person(alice_client, entry, alice):
    old_flame = Person.objects.create(user=alice, name="Robin", archived=True)
    url = reverse("journal-entry-edit", args=[entry.pk])
    alice_client.post(url, form_data(entry, person=str(old_flame.pk)))
    entry.refresh_from_db()
    assert entry.person == old_flame


# --------------------------------------------------------------------------------------
# Deleting, undo and the trash
# --------------------------------------------------------------------------------------
def test_delete_asks_first(alice_client, entry):
    body = page(alice_client, reverse("journal-entry-delete", args=[entry.pk]))
    assert "Delete this entry?" in body
    entry.refresh_from_db()
    assert entry.deleted is None


def test_deleting_moves_the_entry_to_the_trash_and_offers_undo(alice_client, entry):
    response = alice_client.post(reverse("journal-entry-delete", args=[entry.pk]), follow=True)
    body = html.unescape(response.content.decode())
    entry.refresh_from_db()
    assert entry.deleted is not None
    assert "Moved to the trash." in body
    assert f'action="{reverse("journal-entry-restore", args=[entry.pk])}"' in body
    assert "Long, warm answer" not in body  # gone from the timeline

    response = alice_client.post(reverse("journal-entry-restore", args=[entry.pk]))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.deleted is None
    assert "Long, warm answer" in page(alice_client)


def test_with_htmx_delete_and_undo_return_only_the_fragment(alice_client, entry):
    htmx = {"HX-Request": "true"}
    response = alice_client.post(reverse("journal-entry-delete", args=[entry.pk]), headers=htmx)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert f'id="entry-{entry.pk}"' in body
    assert f'hx-post="{reverse("journal-entry-restore", args=[entry.pk])}"' in body
    assert Interaction.objects.for_user(entry.user).count() == 0

    response = alice_client.post(reverse("journal-entry-restore", args=[entry.pk]), headers=htmx)
    body = html.unescape(response.content.decode())
    assert "<html" not in body
    assert body.lstrip().startswith(f'<article class="entry" id="entry-{entry.pk}"')
    assert "Long, warm answer" in body
    assert f'<h4 id="entry-{entry.pk}-title"' in body
    assert 'tabindex="-1" autofocus>' in body.split("\n")[0]  # the focus comes back with it
    assert Interaction.objects.for_user(entry.user).count() == 1


def test_what_htmx_posts_get_back_tells_caches_it_differs_by_htmx(alice_client, entry):
    htmx = {"HX-Request": "true"}
    posts = [
        (reverse("journal-entry-create"), {"text": "No one picked."}),  # the form again
        (reverse("patterns-correct", args=[entry.pk]), {"category": "joked_off", "present": "1"}),
        (reverse("journal-entry-delete", args=[entry.pk]), {}),
        (reverse("journal-entry-restore", args=[entry.pk]), {}),
        (reverse("patterns-learning-forget"), {}),
    ]
    for url, data in posts:
        response = alice_client.post(url, data, headers=htmx)
        assert response.status_code == 200, url
        assert "<html" not in response.content.decode(), url
        assert "HX-Request" in response["Vary"], url


def test_on_a_persons_page_undo_brings_the_card_back_under_its_day(alice_client, entry):
    """Cards there sit under a day's h3 and have h4 headings; the restored one too."""
    htmx = {"HX-Request": "true"}
    person_page = alice_client.get(reverse("journal-person", args=[entry.person_id])).content
    local = timezone.localdate(entry.occurred_at, entry.user.tz)
    day = f'<h3 class="day">{local:%A %-d %B %Y}</h3>'
    assert day in person_page.decode()
    assert f'<h4 id="entry-{entry.pk}-title"' in person_page.decode().split(day)[1]
    alice_client.post(reverse("journal-entry-delete", args=[entry.pk]), headers=htmx)
    restored = alice_client.post(reverse("journal-entry-restore", args=[entry.pk]), headers=htmx)
    assert f'<h4 id="entry-{entry.pk}-title"' in restored.content.decode()


def test_the_trash_lists_deleted_entries_and_restores_them(alice_client, entry, sam):
    kept = make_entry(sam, "This one stays put.")
    alice_client.post(reverse("journal-entry-delete", args=[entry.pk]))
    body = page(alice_client, reverse("journal-trash"))
    assert "Asked about Friday" in body
    assert "This one stays put" not in body

    trash = reverse("journal-trash")
    response = alice_client.post(reverse("journal-entry-restore", args=[entry.pk]), {"next": trash})
    assert response["Location"] == trash
    assert "The trash is empty." in page(alice_client, trash)
    kept.refresh_from_db()
    assert kept.deleted is None


def test_entries_older_than_the_trash_keeps_are_gone_for_good(alice_client, sam, entry):
    old = make_entry(sam, "Deleted long ago.")
    old.deleted = timezone.now() - timedelta(days=TRASH_DAYS + 1)
    old.save(update_fields=["deleted"])
    alice_client.post(reverse("journal-entry-delete", args=[entry.pk]))
    assert not Interaction.objects.filter(pk=old.pk).exists()
    assert Interaction.objects.filter(pk=entry.pk).exists()


def test_the_trash_shows_the_latest_deletion_first_and_nothing_past_its_time(alice_client, sam):
    now = timezone.now()
    for text, days in (("Deleted last week.", 7), ("Deleted today.", 0), ("Expired.", 31)):
        make_entry(sam, text, deleted=now - timedelta(days=days))
    body = page(alice_client, reverse("journal-trash"))
    assert body.index("Deleted today.") < body.index("Deleted last week.")
    assert "Expired." not in body


def test_an_entry_in_the_trash_cannot_be_edited_or_deleted_again(alice_client, entry):
    alice_client.post(reverse("journal-entry-delete", args=[entry.pk]))
    assert alice_client.get(reverse("journal-entry-edit", args=[entry.pk])).status_code == 404
    assert alice_client.post(reverse("journal-entry-delete", args=[entry.pk])).status_code == 404


def test_restoring_an_entry_that_is_not_in_the_trash_is_a_404(alice_client, entry):
    assert alice_client.post(reverse("journal-entry-restore", args=[entry.pk])).status_code == 404


def test_restore_only_accepts_post(alice_client, entry):
    alice_client.post(reverse("journal-entry-delete", args=[entry.pk]))
    assert alice_client.get(reverse("journal-entry-restore", args=[entry.pk])).status_code == 405


# --------------------------------------------------------------------------------------
# Search, filters, paging
# --------------------------------------------------------------------------------------
@pytest.fixture
def journal(alice, sam):
    robin = Person.objects.create(user=alice, name="Robin")
    entries = {
        "pizza": make_entry(sam, "Pizza night, lovely.", feeling=2),
        "read": make_entry(sam, "Seen at 3pm, nothing since."),
        "asked": make_entry(robin, "Robin asked about PIZZA plans."),
    }
    EntryCategory.objects.create(interaction=entries["read"], category="left_on_read")
    EntryCategory.objects.create(
        interaction=entries["asked"], category="left_on_read", source=Source.PERSON, active=False
    )
    return {"sam": sam, "robin": robin, **entries}


def test_search_finds_words_in_any_case(alice_client, journal):
    body = page(alice_client, q="pizza")
    assert "Pizza night" in body
    assert "Robin asked about PIZZA" in body
    assert "Seen at 3pm" not in body


def test_search_finds_entries_with_every_word_in_any_order(alice_client, journal):
    body = page(alice_client, q="plans robin")
    assert "Robin asked about PIZZA plans" in body
    assert "Pizza night" not in body  # "pizza" alone is not enough


def test_search_says_when_nothing_matches(alice_client, journal):
    assert "No entries match" in page(alice_client, q="marathon")


def test_the_person_filter_shows_only_their_entries(alice_client, journal):
    body = page(alice_client, person=journal["robin"].pk)
    assert "Robin asked" in body
    assert "Pizza night" not in body


def test_filters_combine(alice_client, journal):
    body = page(alice_client, person=journal["sam"].pk, q="pizza")
    assert "Pizza night" in body
    assert "Robin asked" not in body


def test_the_category_filter_shows_entries_with_that_sign(alice_client, journal):
    body = page(alice_client, category="left_on_read")
    assert "Seen at 3pm" in body
    assert "Robin asked" not in body  # the person took that sign off
    assert "Pizza night" not in body
    assert "Showing entries marked “Left on read”" in body


@pytest.mark.parametrize("person", ["abc", "²", "9" * 30, "-1"])
def test_an_unknown_filter_value_is_ignored(alice_client, journal, person):
    body = page(alice_client, category="nope", person=person)
    assert "Pizza night" in body
    assert "Robin asked" in body


def test_with_htmx_the_filters_return_only_the_timeline(alice_client, journal):
    response = alice_client.get(
        "/", {"q": "pizza"}, headers={"HX-Request": "true", "HX-Target": "timeline"}
    )
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="entry-form"' not in body
    assert body.lstrip().startswith('<div id="timeline"')
    assert "Pizza night" in body


def test_the_log_page_and_its_timeline_tell_caches_they_differ_by_htmx(alice_client, journal):
    fragment = alice_client.get("/", headers={"HX-Request": "true", "HX-Target": "timeline"})
    page = alice_client.get("/")
    assert "<html" not in fragment.content.decode()
    assert "<html" in page.content.decode()
    assert "HX-Request" in fragment["Vary"]
    assert "HX-Request" in page["Vary"]


def test_another_users_person_id_in_the_filter_shows_nothing_of_theirs(alice_client, journal, bob):
    theirs = Person.objects.create(user=bob, name="Bob's date")
    make_entry(theirs, "Bob's private entry.")
    body = page(alice_client, person=theirs.pk)
    assert "Bob's private entry" not in body
    assert "No entries match" in body


def test_the_timeline_pages_newest_first(alice_client, sam):
    now = timezone.now()
    for i in range(PAGE_SIZE + 5):
        make_entry(sam, f"Entry number {i:02d}.", occurred_at=now - timedelta(hours=i))
    first = page(alice_client)
    assert "Entry number 00." in first
    assert f"Entry number {PAGE_SIZE - 1:02d}." in first
    assert f"Entry number {PAGE_SIZE:02d}." not in first
    assert first.index("Entry number 00.") < first.index("Entry number 01.")
    assert "Page 1" in first
    assert "?page=2" in first
    assert "Newer" not in first

    second = page(alice_client, page=2)
    assert f"Entry number {PAGE_SIZE:02d}." in second
    assert "Entry number 00." not in second
    assert "Page 2" in second
    assert "Older" not in second
    past_the_end = page(alice_client, page=99)
    assert "There are no entries this far back" in past_the_end
    assert re.search(r'href="/\??">Back to the newest', past_the_end)
    assert "Page 1" in page(alice_client, page="soon")


def test_paging_keeps_the_filters(alice_client, sam):
    for i in range(PAGE_SIZE + 1):
        make_entry(sam, f"Coffee chat {i}.")
    body = page(alice_client, q="coffee")
    assert "?q=coffee&amp;page=2" in body or "?q=coffee&page=2" in body


# --------------------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------------------
# A few entries, a long sparse history (one every ten days: 27 years) and a dense one.
@pytest.mark.parametrize(("count", "hours_apart"), [(10, 1), (1000, 240), (1000, 1)])
def test_the_log_page_needs_the_same_queries_for_10_or_1000_entries(
    alice_client, alice, sam, count, hours_apart, django_assert_num_queries
):
    robin = Person.objects.create(user=alice, name="Robin")
    now = timezone.now()
    entries = Interaction.objects.bulk_create(
        Interaction(
            user=alice,
            person=(sam, robin)[i % 2],
            occurred_at=now - timedelta(hours=i * hours_apart),
            text=f"Entry {i}",
            feeling=i % 7 - 3,
        )
        for i in range(count)
    )
    EntryCategory.objects.bulk_create(
        EntryCategory(interaction=e, category=slug)
        for e in entries[::3]
        for slug in ("left_on_read", "busy_excuses")
    )
    alice_client.get("/")  # the first request after login settles the session
    # Session and user 2, the entry form's last person 1, the page of entries and their
    # signs 2, the data key 1, the people 1, the decisions due 1 and the form's people 1;
    # a search first reads the ids and sealed texts it opens 1.
    filters = [({}, 9), ({"q": "Entry"}, 10), ({"category": "left_on_read"}, 9)]
    for params, queries in [*filters, ({"person": sam.pk}, 9)]:
        with django_assert_num_queries(queries):
            response = alice_client.get("/", params)
        assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 1000])
def test_logging_with_htmx_needs_the_same_queries_for_10_or_1000_entries(
    alice_client, alice, sam, count, django_assert_num_queries
):
    now = timezone.now()
    Interaction.objects.bulk_create(
        Interaction(
            user=alice, person=sam, occurred_at=now - timedelta(hours=i), text="Hi", feeling=0
        )
        for i in range(count)
    )
    data = {
        "person": sam.pk,
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "channel": "text",
        "text": "Asked about Saturday. They said they were so busy, maybe next week.",
        "feeling": "-1",
        "token": str(uuid.uuid4()),
    }
    htmx = {"HX-Request": "true", "HX-Current-URL": "http://testserver/"}
    # Session, user, the form's checks, the token, the key, the entry, its signs, its
    # week's sums and the person's count and latest entry (5) in one transaction, then
    # the newest entry before it, the new card with its signs, and the person lists of
    # the filter and the fresh form: 21, and 2 savepoints inside the test's own
    # transaction.
    with django_assert_num_queries(23):
        response = alice_client.post(reverse("journal-entry-create"), data, headers=htmx)
    assert response.status_code == 200 and "Avoided plans" in response.content.decode()
    assert Interaction.objects.filter(user=alice).count() == count + 1
