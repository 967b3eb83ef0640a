"""Daylio CSV imports: the pure parser, then the upload, preview, confirm and report."""

import html
import re
from datetime import datetime
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from journal.models import EntryCategory, Interaction, Person
from journal.signs import facts_for
from patterns.classifier import classify
from portability import daylio
from tests.clock import LATE_2026

# The Daylio files these tests read hold fixed days of 2026, and days in the future are skipped.
pytestmark = pytest.mark.clock(LATE_2026, tick=True)

LONDON = ZoneInfo("Europe/London")
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"
SAMPLE = HEADER + (
    "2026-03-02,March 2,Monday,21:40,bad,friends | anxious | Hurt,Left on read,"
    '"Sent him a long message about my week.\nSeen at 9, nothing back."\n'
    "2026-03-01,March 1,Sunday,9:15 AM,RAD ,happy | excited | sport,,Lovely brunch with Sam\n"
    '2026-02-28,February 28,Saturday,23:05,meh,,,"He said he was so busy, maybe some other time."\n'
    ",,,,,,,\n"
    "2026-02-31,February 31,Saturday,10:00,good,,,Impossible day\n"
    "2026-02-27,February 27,Friday,25:99,good,,,Impossible time\n"
    "2026-02-26,February 26,Thursday,20:00,sleepy,,,Custom mood\n"
    "2026-03-01,March 1,Sunday,9:15 AM,rad,happy,,Lovely brunch with Sam\n"
)


def page_text(response) -> str:
    """What a person reads: no tags, no entities, single spaces."""
    text = re.sub(r"<[^>]+>", "", response.content.decode())
    return " ".join(html.unescape(text).split())


def parse(text: str, tz=LONDON) -> daylio.Result:
    return daylio.parse(text.encode(), tz)


# The parser ---------------------------------------------------------------------------


def test_it_maps_moods_notes_and_feeling_words():
    result = parse(SAMPLE)
    first, second, third = result.rows[:3]
    assert first.occurred_at == datetime(2026, 3, 2, 21, 40, tzinfo=LONDON)
    assert first.feeling == -2
    assert first.feelings == ["anxious", "hurt"]
    assert (
        first.text
        == "Left on read\n\nSent him a long message about my week.\nSeen at 9, nothing back."
    )
    assert (second.feeling, second.feelings) == (3, ["happy", "excited"])
    assert second.occurred_at.hour == 9
    assert (third.feeling, third.text) == (0, "He said he was so busy, maybe some other time.")
    assert result.other_activities == {"friends": 1, "sport": 1}


def test_it_says_why_each_skipped_row_was_skipped():
    result = parse(SAMPLE)
    assert [(s.line, s.reason) for s in result.skipped] == [
        (5, "empty"),
        (6, "a date we couldn't read"),
        (7, "a time we couldn't read"),
        (9, "the same as an earlier row"),
    ]
    assert len(result.rows) == 4


def test_custom_moods_count_as_neutral_and_are_reported():
    result = parse(SAMPLE)
    custom = next(row for row in result.rows if row.text == "Custom mood")
    assert custom.feeling == 0
    assert result.custom_moods == {"sleepy": 1}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("21:40", (21, 40)),
        ("9:05 pm", (21, 5)),
        ("9:05 P.M.", (21, 5)),
        ("12:30 AM", (0, 30)),
        ("07:00:59", (7, 0)),
    ],
)
def test_it_reads_the_time_formats_daylio_writes(value, expected):
    moment = daylio.parse_time(value)
    assert (moment.hour, moment.minute) == expected


def test_long_notes_are_cut_to_five_thousand_characters():
    result = parse(HEADER + f"2026-03-02,,,21:40,good,,,{'a' * 6000}\n")
    assert len(result.rows[0].text) == 5000
    assert result.rows[0].truncated
    assert result.truncated == [2]


def test_it_tolerates_case_spaces_a_bom_and_an_older_export_without_titles():
    text = "\ufeff Full_Date , Time ,MOOD,Activities,Note\n2026-03-02, 21:40 , Good ,, hi \n"
    result = parse(text)
    assert result.rows[0].feeling == 2
    assert result.rows[0].text == "hi"


def test_future_rows_are_skipped():
    result = parse(HEADER + "2999-01-01,,,10:00,good,,,From the future\n")
    assert result.skipped[0].reason == "a date in the future"


def test_rows_before_1970_are_skipped():
    result = parse(HEADER + "1026-01-01,,,10:00,good,,,A typo in the year\n")
    assert result.skipped[0].reason == "a date before 1970"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\xff\xfe\x00h\x00i", "isn't plain UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "isn't plain UTF-8"),
        (b"name,email\nSam,sam@example.com\n", "no “full_date”"),
        (b"%PDF-1.7 \x00 binary", "binary"),
        (b"x" * (daylio.MAX_BYTES + 1), "over 5 MB"),
    ],
)
def test_files_we_cannot_read_get_a_clear_message(data, message):
    with pytest.raises(daylio.DaylioError, match=message):
        daylio.parse(data, LONDON)


def test_rows_already_in_the_journal_are_skipped():
    result = parse(SAMPLE)
    first = result.rows[0]
    result.drop_existing({(first.occurred_at, first.text)})
    assert first not in result.rows
    assert (2, "already in your journal") in [(s.line, s.reason) for s in result.skipped]


# Through the pages --------------------------------------------------------------------


def upload(client, text: str | bytes, **fields):
    data = text.encode() if isinstance(text, str) else text
    fields["file"] = SimpleUploadedFile("daylio_export.csv", data, content_type="text/csv")
    return client.post(reverse("accounts-import-daylio"), fields)


def confirm(client, preview):
    token = re.search(r'name="pending" value="([^"]+)"', preview.content.decode()).group(1)
    return client.post(reverse("accounts-import-daylio-confirm"), {"pending": token})


def test_the_preview_shows_what_will_happen_and_writes_nothing(alice_client, alice):
    response = upload(alice_client, SAMPLE, new_person="Sam")
    text = page_text(response)
    assert response.status_code == 200
    assert "4 entries will be added for Sam (someone new)" in text
    assert "4 rows will be skipped" in text
    assert "1 row: a date we couldn't read" in text
    assert "1 row: empty" in text
    assert "“sleepy” (1)" in text
    assert "Left on read" in text  # The first rows, mapped.
    assert not Person.objects.filter(user=alice).exists()
    assert not Interaction.objects.filter(user=alice).exists()


def test_confirming_imports_and_classifies_the_entries(alice_client, alice):
    preview = upload(alice_client, SAMPLE, new_person="  Sam  ")
    response = confirm(alice_client, preview)
    text = page_text(response)
    assert "Imported 4 entries" in text
    assert "Skipped 4 rows" in text
    sam = Person.objects.get(user=alice)
    assert sam.name == "Sam"
    entries = Interaction.objects.filter(user=alice, person=sam)
    assert entries.count() == 4
    first = entries.get(occurred_at=datetime(2026, 3, 2, 21, 40, tzinfo=LONDON))
    assert (first.feeling, first.feelings, first.channel) == (-2, ["anxious", "hurt"], "other")
    for entry in entries:
        found = {v.slug for v in classify(entry.text, facts_for(entry)).values() if v.label}
        stored = set(
            EntryCategory.objects.filter(interaction=entry).values_list("category", flat=True)
        )
        assert stored == found


def test_it_imports_for_someone_already_in_the_journal(alice_client, alice, sam):
    confirm(alice_client, upload(alice_client, SAMPLE, person=sam.pk))
    assert Person.objects.filter(user=alice).count() == 1
    assert sam.interactions.count() == 4


def test_a_typed_name_finds_the_existing_person(alice_client, alice, sam):
    confirm(alice_client, upload(alice_client, SAMPLE, new_person="sam"))
    assert Person.objects.filter(user=alice).count() == 1
    assert sam.interactions.count() == 4


def test_importing_the_same_file_twice_adds_nothing_the_second_time(alice_client, alice, sam):
    confirm(alice_client, upload(alice_client, SAMPLE, person=sam.pk))
    preview = upload(alice_client, SAMPLE, person=sam.pk)
    assert "Nothing in this file can be added" in page_text(preview)
    assert "4 rows: already in your journal" in page_text(preview)
    assert 'name="pending"' not in preview.content.decode()
    assert sam.interactions.count() == 4


def test_confirming_twice_does_not_double_the_entries(alice_client, alice, sam):
    preview = upload(alice_client, SAMPLE, person=sam.pk)
    confirm(alice_client, preview)
    response = confirm(alice_client, preview)
    assert "Nothing new to import" in page_text(response)
    assert sam.interactions.count() == 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "isn't plain UTF-8"),
        (b"a,b,c\n1,2,3\n", "doesn't look like a Daylio export"),
        (HEADER.encode() + b"x" * (5 * 1024 * 1024), "over 5 MB"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_nothing_is_written(alice_client, alice, data, message):
    response = upload(alice_client, data, new_person="Sam")
    assert response.status_code == 200
    assert message in page_text(response)
    assert not Person.objects.filter(user=alice).exists()


def test_it_asks_whose_entries_they_are(alice_client):
    response = upload(alice_client, SAMPLE)
    assert "Pick someone, or type a new name." in page_text(response)


def test_a_tampered_or_foreign_preview_is_refused(client, alice, bob):
    client.force_login(alice)
    preview = upload(client, SAMPLE, new_person="Sam")
    token = re.search(r'name="pending" value="([^"]+)"', preview.content.decode()).group(1)
    client.force_login(bob)
    response = client.post(reverse("accounts-import-daylio-confirm"), {"pending": token})
    assert response.status_code == 302
    client.force_login(alice)
    forged = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")
    response = client.post(reverse("accounts-import-daylio-confirm"), {"pending": forged})
    assert response.status_code == 302
    assert not Interaction.objects.exists()
    assert not Person.objects.exists()


def test_a_preview_expires_after_an_hour(alice_client, time_machine):
    time_machine.move_to(datetime(2026, 4, 1, 12, 0, tzinfo=LONDON))
    preview = upload(alice_client, SAMPLE, new_person="Sam")
    time_machine.move_to(datetime(2026, 4, 1, 13, 1, tzinfo=LONDON))
    response = confirm(alice_client, preview)
    assert response.status_code == 302
    assert not Interaction.objects.exists()


def test_the_import_pages_are_for_logged_in_people_only(client, db):
    for name in ("accounts-import-daylio", "accounts-import-daylio-confirm"):
        response = client.post(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_someone_elses_person_cannot_be_picked(bob_client, sam):
    response = upload(bob_client, SAMPLE, person=sam.pk)
    assert "Select a valid choice" in page_text(response)
    assert not Interaction.objects.exists()


def test_a_file_too_big_to_carry_to_the_confirm_step_is_refused(alice_client, alice, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 70 * 1024  # The preview must fit in 6 KB now.
    notes = "".join(
        f"2026-03-01,,,{i // 60:02d}:{i % 60:02d},good,,,{uuid4().hex * 4}\n" for i in range(300)
    )
    response = upload(alice_client, HEADER + notes, new_person="Sam")
    assert "too big to import in one go" in page_text(response)
    assert 'name="pending"' not in response.content.decode()


def test_a_null_character_in_the_name_gets_a_clear_message(alice_client):
    response = upload(alice_client, SAMPLE, new_person="Sa\x00m")
    assert "hidden null character" in page_text(response)


def test_the_preview_says_which_long_notes_will_be_cut(alice_client):
    response = upload(
        alice_client, HEADER + f"2026-03-02,,,21:40,good,,,{'a' * 6000}\n", new_person="Sam"
    )
    assert (
        "1 note is over 5,000 characters and will be cut to the first 5,000 (row 2)"
        in page_text(response)
    )
