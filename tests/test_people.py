"""People: the list with counts, adding, editing, archiving, deleting, and the 404 for
anyone else's entries and people by any URL."""

import html
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from journal import rollups
from journal.models import EntryCategory, Interaction, Person
from tests.clock import LATE_2026


def make_entry(person: Person, text: str = "We talked.", days_ago: float = 1, **fields):
    entry = Interaction.objects.create(
        user=person.user,
        person=person,
        text=text,
        feeling=fields.pop("feeling", 0),
        occurred_at=fields.pop("occurred_at", timezone.now() - timedelta(days=days_ago)),
        **fields,
    )
    rollups.refresh_entries(person.user, [entry])  # as the log form does
    return entry


def body_of(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


# --------------------------------------------------------------------------------------
# The list
# --------------------------------------------------------------------------------------
def test_the_people_list_shows_each_person_with_their_entry_count(alice_client, alice, sam):
    robin = Person.objects.create(user=alice, name="Robin", relationship="friend")
    for days in (1, 2, 3):
        make_entry(sam, days_ago=days)
    in_trash = make_entry(sam, "Deleted one.")
    in_trash.deleted = timezone.now()
    in_trash.save(update_fields=["deleted"])
    rollups.refresh_entries(alice, [in_trash])  # as the delete view does
    make_entry(robin, days_ago=40)
    body = body_of(alice_client.get(reverse("journal-people")))
    assert "Sam" in body
    assert "3 entries" in body  # the one in the trash doesn't count
    assert "Robin" in body
    assert "Friend · 1 entry" in body


def test_the_people_list_is_sorted_by_name_whatever_the_case(alice_client, alice):
    for name in ("zoe", "Adam", "mia"):
        Person.objects.create(user=alice, name=name)
    body = body_of(alice_client.get(reverse("journal-people")))
    assert body.index(">Adam</a>") < body.index(">mia</a>") < body.index(">zoe</a>")


def test_the_people_list_shows_only_your_own_people(alice_client, sam, bob):
    Person.objects.create(user=bob, name="Bob's secret crush")
    body = body_of(alice_client.get(reverse("journal-people")))
    assert "Sam" in body
    assert "Bob's secret crush" not in body


def test_an_empty_people_list_says_how_to_add_someone(alice_client):
    assert "No one yet" in body_of(alice_client.get(reverse("journal-people")))


@pytest.mark.parametrize("count", [3, 60])
def test_the_people_list_needs_the_same_queries_however_many_people(
    alice_client, alice, count, django_assert_max_num_queries
):
    people = Person.objects.bulk_create(Person(user=alice, name=f"P{i}") for i in range(count))
    Interaction.objects.bulk_create(
        Interaction(user=alice, person=p, feeling=1, text="") for p in people for _ in range(2)
    )
    rollups.rebuild(alice)  # as seed_demo does after its inserts
    with django_assert_max_num_queries(8):
        body = body_of(alice_client.get(reverse("journal-people")))
    assert "2 entries" in body


# --------------------------------------------------------------------------------------
# Adding, editing, archiving, deleting
# --------------------------------------------------------------------------------------
def test_adding_someone_from_the_people_page(alice_client, alice):
    response = alice_client.post(
        reverse("journal-people"), {"name": "  Robin  Lee ", "relationship": "work"}
    )
    robin = Person.objects.get(user=alice)
    assert response["Location"] == reverse("journal-person", args=[robin.pk])
    assert robin.name == "Robin Lee"
    assert robin.relationship == "work"


def test_the_people_page_offers_no_relationship_up_front(alice_client):
    page = body_of(alice_client.get(reverse("journal-people")))
    assert '<option value="other" selected>Other</option>' in page
    assert '<option value="dating" selected>' not in page


def test_a_name_you_already_have_is_refused_whatever_the_case(alice_client, sam):
    response = alice_client.post(
        reverse("journal-people"), {"name": "SAM", "relationship": "friend"}
    )
    assert "You already have someone with that name." in body_of(response)
    assert Person.objects.count() == 1


def test_someone_else_may_use_the_same_name(bob_client, sam, bob):
    bob_client.post(reverse("journal-people"), {"name": "Sam", "relationship": "friend"})
    assert Person.objects.filter(user=bob, name="Sam").exists()


def test_the_person_page_shows_their_entries_only(alice_client, alice, sam):
    robin = Person.objects.create(user=alice, name="Robin")
    make_entry(sam, "Sam sent a long voice note.")
    make_entry(robin, "Robin cancelled again.")
    body = body_of(alice_client.get(reverse("journal-person", args=[sam.pk])))
    assert "Sam sent a long voice note." in body
    assert "Robin cancelled again." not in body


def test_the_person_page_says_on_which_day_each_entry_was(alice_client, alice, sam):
    # 23:30 in New York is the next day in UTC: the heading is the day the person lived.
    alice.time_zone = "America/New_York"
    alice.save(update_fields=["time_zone"])
    when = datetime(2026, 3, 6, 23, 30, tzinfo=ZoneInfo("America/New_York"))
    make_entry(sam, "Late call.", occurred_at=when)
    body = body_of(alice_client.get(reverse("journal-person", args=[sam.pk])))
    assert '<h3 class="day">Friday 6 March 2026</h3>' in body
    assert ">23:30</time>" in body


def test_editing_a_person(alice_client, sam):
    url = reverse("journal-person-edit", args=[sam.pk])
    assert 'value="Sam"' in body_of(alice_client.get(url))
    response = alice_client.post(
        url,
        {"name": "Sam K", "relationship": "situationship", "notes": "Met at the climbing wall."},
    )
    assert response["Location"] == reverse("journal-person", args=[sam.pk])
    sam.refresh_from_db()
    assert sam.name == "Sam K"
    assert sam.relationship == "situationship"
    assert sam.notes == "Met at the climbing wall."


@pytest.mark.clock(LATE_2026, tick=True)  # it logs entries on fixed days of 2026
def test_archiving_hides_a_person_from_the_log_form_but_keeps_their_entries(
    alice_client, alice, sam
):
    make_entry(sam, "The last time we spoke.")
    Person.objects.create(user=alice, name="Robin")
    alice_client.post(
        reverse("journal-person-edit", args=[sam.pk]),
        {"name": "Sam", "relationship": "dating", "archived": "on"},
    )
    sam.refresh_from_db()
    assert sam.archived

    log = alice_client.get("/")
    choices = [label for _, label in log.context["form"].fields["person"].choices]
    assert "Robin" in choices
    assert "Sam" not in choices
    body = body_of(log)
    assert "The last time we spoke." in body  # still in the timeline
    assert Interaction.objects.filter(person=sam).count() == 1
    people = body_of(alice_client.get(reverse("journal-people")))
    assert "archived" in people

    # Picking them by id is refused; typing the name finds them again.
    data = {"occurred_at": "2026-11-01T20:00", "channel": "text", "feeling": "0"}
    refused = alice_client.post(reverse("journal-entry-create"), {**data, "person": sam.pk})
    assert "person" in refused.context["form"].errors
    alice_client.post(reverse("journal-entry-create"), {**data, "new_person": "sam"})
    assert Interaction.objects.filter(person=sam).count() == 2
    assert Person.objects.filter(user=alice).count() == 2


def test_deleting_a_person_asks_first_then_removes_them_and_their_entries(alice_client, sam):
    entry = make_entry(sam)
    EntryCategory.objects.create(interaction=entry, category="left_on_read")
    url = reverse("journal-person-delete", args=[sam.pk])
    assert "1 entry about them" in body_of(alice_client.get(url))
    assert Person.objects.filter(pk=sam.pk).exists()

    response = alice_client.post(url)
    assert response["Location"] == reverse("journal-people")
    assert not Person.objects.filter(pk=sam.pk).exists()
    assert not Interaction.objects.exists()
    assert not EntryCategory.objects.exists()


# --------------------------------------------------------------------------------------
# Other people's things: 404 by every URL
# --------------------------------------------------------------------------------------
@pytest.fixture
def alices_things(alice, sam):
    entry = make_entry(sam, "Alice's private entry.")
    trashed = make_entry(sam, "Alice's deleted entry.")
    trashed.deleted = timezone.now()
    trashed.save(update_fields=["deleted"])
    return {"entry": entry.pk, "trashed": trashed.pk, "person": sam.pk}


OUTSIDER_REQUESTS = [
    ("get", "journal-entry-edit", "entry"),
    ("post", "journal-entry-edit", "entry"),
    ("get", "journal-entry-delete", "entry"),
    ("post", "journal-entry-delete", "entry"),
    ("post", "journal-entry-restore", "trashed"),
    ("get", "journal-person", "person"),
    ("get", "journal-person-edit", "person"),
    ("post", "journal-person-edit", "person"),
    ("get", "journal-person-delete", "person"),
    ("post", "journal-person-delete", "person"),
    ("post", "patterns-correct", "entry"),
]


@pytest.mark.parametrize(("method", "name", "thing"), OUTSIDER_REQUESTS)
def test_another_users_entries_and_people_are_a_404(bob_client, alices_things, method, name, thing):
    url = reverse(name, args=[alices_things[thing]])
    data = {
        "name": "Taken over",
        "relationship": "friend",
        "text": "Overwritten",
        "feeling": "0",
        "occurred_at": "2026-11-01T20:00",
        "channel": "text",
        "new_person": "Mallory",
        "category": "left_on_read",
        "present": "1",
    }
    response = getattr(bob_client, method)(url, data if method == "post" else None)
    assert response.status_code == 404
    assert Person.objects.get(pk=alices_things["person"]).name == "Sam"
    entry = Interaction.objects.get(pk=alices_things["entry"])
    assert entry.text == "Alice's private entry."
    assert entry.deleted is None
    assert Interaction.objects.get(pk=alices_things["trashed"]).deleted is not None
    assert not EntryCategory.objects.exists()
    assert not Person.objects.filter(name="Mallory").exists()


def test_another_users_entries_never_show_in_your_timeline_or_trash(bob_client, alices_things):
    assert "Alice's private entry." not in body_of(bob_client.get("/"))
    assert "Alice's deleted entry." not in body_of(bob_client.get(reverse("journal-trash")))
    assert "Alice's private entry." not in body_of(bob_client.get("/", {"q": "private"}))


def test_the_person_page_names_the_time_zone_as_people_write_it(alice_client, alice, sam):
    alice.time_zone = "America/New_York"
    alice.save(update_fields=["time_zone"])
    make_entry(sam, "Call at lunch.")
    body = body_of(alice_client.get(reverse("journal-person", args=[sam.pk])))
    assert "(America/New York)" in body


def test_a_person_with_no_sign_gets_words_not_an_empty_plot(alice_client, sam):
    make_entry(sam, "Lovely walk by the river.", feeling=2)
    body = body_of(alice_client.get(reverse("journal-person", args=[sam.pk])))
    assert "No signs with Sam in the last 12 weeks." in body
    assert 'id="person-signs"' not in body  # no plot drawn for it
    assert 'id="person-feeling"' in body  # how it felt still is
