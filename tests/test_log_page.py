import html
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from journal.models import Interaction, Person
from tests.clock import LATE_2026

# The entries these tests log fall on fixed days of 2026.
pytestmark = pytest.mark.clock(LATE_2026, tick=True)


def entry_data(**overrides) -> dict:
    data = {
        "new_person": "Sam",
        "occurred_at": "2026-11-20T21:30",
        "channel": "text",
        "initiated_by": "me",
        "text": "Asked how the interview went. Long, warm reply and a plan for Friday.",
        "feeling": "2",
        "feelings": ["happy", "hopeful"],
    }
    data.update(overrides)
    return data


def test_it_asks_anonymous_visitors_to_log_in(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_empty_log_page_says_what_to_do_first(alice_client):
    response = alice_client.get("/")
    assert response.status_code == 200
    assert "Nothing logged yet" in response.content.decode()


def test_it_logs_an_entry_without_javascript(alice_client, alice):
    response = alice_client.post(reverse("journal-entry-create"), entry_data())
    assert response.status_code == 302
    entry = Interaction.objects.get()
    assert response["Location"] == f"/#entry-{entry.pk}"  # the page opens at the new card
    assert entry.user == alice
    assert entry.person.name == "Sam"
    assert entry.feeling == 2
    assert entry.feelings == ["happy", "hopeful"]
    page = alice_client.get("/").content.decode()
    assert "Long, warm reply" in page


def test_with_htmx_it_returns_only_the_fragments(alice_client):
    response = alice_client.post(
        reverse("journal-entry-create"), entry_data(), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert 'id="entry-form"' in body
    assert 'hx-swap-oob="true"' in body
    assert "Long, warm reply" in body


def log_with_htmx(client, current: str = "http://testserver/", **overrides) -> str:
    """Log an entry as the log page's form does, from the page at `current`."""
    headers = {"HX-Request": "true", "HX-Current-URL": current}
    response = client.post(
        reverse("journal-entry-create"), entry_data(**overrides), headers=headers
    )
    assert response.status_code == 200
    return response.content.decode()


def test_with_htmx_the_newest_entry_alone_goes_on_top_of_its_day(alice_client):
    first = log_with_htmx(alice_client, occurred_at="2026-11-20T09:00", text="Morning coffee.")
    assert 'id="timeline"' in first  # the first entry replaces "Nothing logged yet"

    same_day = log_with_htmx(alice_client, occurred_at="2026-11-20T21:30", text="Evening call.")
    assert 'hx-swap-oob="afterbegin:#day-2026-11-20"' in same_day
    assert "Evening call." in same_day
    assert "Morning coffee." not in same_day and 'id="timeline"' not in same_day

    next_day = log_with_htmx(alice_client, occurred_at="2026-11-21T08:00", text="Next morning.")
    assert 'hx-swap-oob="afterbegin:#timeline"' in next_day
    assert "Saturday 21 November 2026" in next_day
    assert '<ol class="entries" id="day-2026-11-21">' in next_day

    page = alice_client.get("/").content.decode()  # what a reload shows: the same order
    assert page.index("Next morning.") < page.index("Evening call.") < page.index("Morning")
    assert '<ol class="entries" id="day-2026-11-20">' in page


def test_with_htmx_an_older_entry_or_a_filtered_page_gets_its_timeline_again(alice_client):
    log_with_htmx(alice_client, occurred_at="2026-11-20T21:30", text="The newest.")
    older = log_with_htmx(alice_client, occurred_at="2026-11-19T10:00", text="Backdated.")
    assert 'id="timeline" class="timeline" hx-swap-oob="true"' in older
    assert older.index("The newest.") < older.index("Backdated.")
    filtered = log_with_htmx(
        alice_client, "http://testserver/?q=coffee", occurred_at="2026-11-22T10:00", text="Tea."
    )
    assert 'id="timeline" class="timeline" hx-swap-oob="true"' in filtered
    assert "No entries match" in filtered  # the search on screen still applies


def test_a_typed_new_name_wins_over_the_preselected_person(alice_client, sam):
    alice_client.post(
        reverse("journal-entry-create"), entry_data(person=str(sam.pk), new_person="Jonah")
    )
    entry = Interaction.objects.get()
    assert entry.person.name == "Jonah"
    assert Person.objects.filter(user=sam.user).count() == 2


def test_a_person_typed_in_the_log_form_assumes_no_relationship(alice_client, alice):
    alice_client.post(reverse("journal-entry-create"), entry_data(new_person="Jonah"))
    jonah = Person.objects.get(user=alice, name="Jonah")
    assert jonah.relationship == "other"
    assert jonah.get_relationship_display() == "Other"


def test_the_form_comes_back_with_the_person_just_logged(alice_client, sam):
    alice_client.post(reverse("journal-entry-create"), entry_data(person=str(sam.pk)))
    alice_client.post(  # backdated, about someone new: still the one to preselect
        reverse("journal-entry-create"),
        entry_data(occurred_at="2026-01-02T10:00", new_person="Kim"),
    )
    kim = Person.objects.get(name="Kim")
    page = alice_client.get("/").content.decode()
    assert f'<option value="{kim.pk}" selected>Kim</option>' in page


def test_it_reuses_a_person_typed_in_another_case(alice_client, sam):
    alice_client.post(reverse("journal-entry-create"), entry_data(new_person="  sam "))
    assert Person.objects.count() == 1
    assert Interaction.objects.get().person == sam


def test_it_shows_an_entry_at_the_local_time_it_was_logged(alice_client, alice, settings):
    alice.time_zone = "Asia/Tokyo"
    alice.save()
    alice_client.post(reverse("journal-entry-create"), entry_data(occurred_at="2026-11-20T23:30"))
    entry = Interaction.objects.get()
    assert entry.occurred_at == datetime(2026, 11, 20, 23, 30, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert entry.occurred_at.astimezone(ZoneInfo("UTC")).hour == 14
    page = alice_client.get("/").content.decode()
    assert "23:30" in page
    assert "Friday 20 November 2026" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"occurred_at": "2099-01-01T10:00"}, "occurred_at", "more than a day in the future"),
        ({"occurred_at": "1026-11-20T10:00"}, "occurred_at", "before 1970. Check the year"),
        ({"occurred_at": "0001-01-01T00:00"}, "occurred_at", "before 1970. Check the year"),
        ({"feeling": "7"}, "feeling", "Select a valid choice"),
        ({"feeling": ""}, "feeling", "Say how it felt"),
        ({"channel": "pigeon"}, "channel", "Pick how it happened"),
        ({"text": "x" * 5001}, "text", "under 5000 characters"),
        ({"new_person": ""}, "person", "Pick someone, or type a new name"),
        ({"occurred_at": "yesterday-ish"}, "occurred_at", "Enter a date and time"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(
    alice_client, overrides, field, message
):
    data = entry_data(
        text="Keep every word of this", **{k: v for k, v in overrides.items() if k != "text"}
    )
    if "text" in overrides:
        data["text"] = overrides["text"]
    response = alice_client.post(reverse("journal-entry-create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    body = response.content.decode()
    if "text" not in overrides:
        assert "Keep every word of this" in body
    assert Interaction.objects.count() == 0


def test_a_too_long_text_comes_back_whole_to_trim(alice_client):
    # No maxlength: the browser would cut a long paste without a word.
    assert "maxlength" not in alice_client.get("/").content.decode().split('name="text"')[1][:200]
    text = ("word " * 1100).strip()  # 5,499 characters
    response = alice_client.post(reverse("journal-entry-create"), entry_data(text=text))
    body = html.unescape(response.content.decode())
    assert "Keep it under 5000 characters (it has 5499)" in body
    assert text.strip() in body
    assert Interaction.objects.count() == 0


def test_another_users_person_id_is_refused(alice_client, bob):
    theirs = Person.objects.create(user=bob, name="Bob's friend")
    response = alice_client.post(
        reverse("journal-entry-create"), entry_data(new_person="", person=str(theirs.pk))
    )
    assert "Pick one of your own people" in " ".join(response.context["form"].errors["person"])
    assert Interaction.objects.count() == 0


def test_empty_text_is_fine_when_a_feeling_is_given(alice_client):
    alice_client.post(reverse("journal-entry-create"), entry_data(text="   "))
    assert Interaction.objects.get().text == ""


def test_a_double_submit_stores_one_entry(alice_client):
    data = entry_data(token="0b7a4c55-9a1c-4f0e-9a55-0f9a3c2d1e11")
    alice_client.post(reverse("journal-entry-create"), data)
    alice_client.post(reverse("journal-entry-create"), data)
    assert Interaction.objects.count() == 1


@pytest.mark.parametrize("typed", ["sam", "Ｓａｍ", "S\u200bam", "\ufeffSam", "  Sam "])
def test_a_name_typed_or_pasted_differently_finds_the_same_person(alice_client, alice, typed):
    sam = Person.objects.create(user=alice, name="Sam")
    response = alice_client.post(reverse("journal-entry-create"), entry_data(new_person=typed))
    assert response.status_code == 302
    assert Interaction.objects.get().person == sam
    assert Person.objects.filter(user=alice).count() == 1


def test_a_new_persons_name_is_kept_without_invisible_characters(alice_client, alice):
    alice_client.post(
        reverse("journal-entry-create"), entry_data(new_person="Ｒｏｂｉｎ\u200b Lee")
    )
    assert Person.objects.get(user=alice).name == "Robin Lee"


def test_a_name_too_long_says_so_once_and_keeps_the_entry_to_fix(alice_client, alice):
    response = alice_client.post(
        reverse("journal-entry-create"),
        entry_data(new_person="x" * 200),
        headers={"HX-Request": "true"},
    )
    body = html.unescape(response.content.decode())
    assert "Keep a name to 80 characters (this one has 200)." in body
    assert "Pick someone, or type a new name." not in body
    assert "Asked how the interview went." in body
    assert 'maxlength="80"' not in body
    assert not Interaction.objects.exists()


def test_when_left_empty_is_asked_for_in_plain_words(alice_client):
    response = alice_client.post(reverse("journal-entry-create"), entry_data(occurred_at=""))
    assert "Say when it happened." in html.unescape(response.content.decode())


def test_a_missing_answer_is_named_once_by_its_group(alice_client):
    data = entry_data()
    del data["feeling"]
    body = alice_client.post(reverse("journal-entry-create"), data).content.decode()
    assert 'id="id_feeling_error"' in body
    assert re.search(r'<fieldset aria-describedby="id_feeling_error">\s*<legend>How it felt', body)
    radios = re.findall(r'<input type="radio" name="feeling"[^>]*>', body)
    assert len(radios) == 7
    assert not any("aria-invalid" in radio or "aria-describedby" in radio for radio in radios)


def test_the_log_page_links_to_the_trash(alice_client):
    body = alice_client.get("/").content.decode()
    assert (
        f'<a href="{reverse("journal-trash")}">Trash</a>: what you delete waits there for 30 days'
        in body
    )
