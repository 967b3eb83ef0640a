"""Export everything as JSON or CSV, and import the JSON into an empty account."""

import csv
import html
import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from journal.models import Basic, Decision, EntryCategory, Interaction, Line, Person
from journal.signs import label_entry, record_correction
from tests.clock import LATE_2026

# The journal these tests export holds fixed days of 2026; an import refuses future ones.
pytestmark = pytest.mark.clock(LATE_2026, tick=True)

PASSWORD = "correct horse battery"
ENTRY_FIELDS = [
    "person",
    "occurred_at",
    "channel",
    "initiated_by",
    "text",
    "feeling",
    "feelings",
    "reply",
    "reply_delay_hours",
    "plan_outcome",
    "asked_clarity",
    "token",
    "created",
    "updated",
    "deleted",
    "categories",
    "chat",
]


def reauth(client, password=PASSWORD):
    """Type the password again, as the export asks before handing anything over."""
    client.post(reverse("accounts-reauth"), {"password": password, "next": "/"})


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def download(client, name="accounts-export-json"):
    response = client.get(reverse(name))
    assert response.status_code == 200, response
    return response, b"".join(response.streaming_content)


def export_json(client) -> dict:
    return json.loads(download(client)[1])


def upload(client, data: bytes, name="almost.json"):
    file = SimpleUploadedFile(name, data, content_type="application/json")
    return client.post(reverse("accounts-import"), {"file": file})


def make_entry(user, person, **fields) -> Interaction:
    values = {"occurred_at": timezone.now() - timedelta(days=3), "feeling": 0, "text": ""}
    values.update(fields)
    entry = Interaction.objects.create(user=user, person=person, **values)
    label_entry(entry)
    return entry


@pytest.fixture
def journal(alice, sam):
    """Alice's journal with every kind of thing in it."""
    alice.week_start = 6
    alice.save()
    sam.notes = "Met at Lena's party.\nLikes <b>jazz</b> & long walks. 🎷"
    sam.relationship = "situationship"
    sam.save()
    jo = Person.objects.create(user=alice, name="Jo", relationship="friend", archived=True)
    Person.objects.create(user=alice, name="Nobody yet", relationship="other")
    full = make_entry(
        alice,
        sam,
        occurred_at=datetime(2026, 3, 14, 23, 41, 7, 123456, tzinfo=UTC),
        channel="text",
        initiated_by="me",
        text="I told him about the scan results.\nHe said 'lol relax' and asked if I was up.",
        feeling=-2,
        feelings=["hurt", "dismissed"],
        reply="one_word",
        reply_delay_hours=5.25,
        plan_outcome="vague",
        asked_clarity=True,
    )
    record_correction(full, "joked_off", True)
    record_correction(full, "busy_excuses", True)
    record_correction(full, "busy_excuses", False)  # Removed by her: an inactive person row.
    make_entry(alice, sam, text="Busy again, maybe next week.", feeling=-1, channel="call")
    trashed = make_entry(alice, jo, text="Coffee, lovely.", feeling=3, feelings=["happy"])
    trashed.deleted = timezone.now() - timedelta(days=2)
    trashed.save(update_fields=["deleted"])
    Basic.objects.create(user=alice, line=Line.CANCELLATIONS, number=1)
    Basic.objects.create(user=alice, person=sam, line=Line.OWN_WORDS, words="Plans that happen.")
    Decision.objects.create(
        user=alice,
        person=sam,
        choice="step_back",
        feeling=-2,
        note="Not again. 🌧",
        look_again=date(2026, 4, 1),
        decided=datetime(2026, 3, 15, 9, tzinfo=UTC),
    )
    return {"full": full, "trashed": trashed}


def normalised(export: dict) -> dict:
    """An export without what must differ between accounts: ids, name, export time."""
    keys = {person["key"]: f"person-{i}" for i, person in enumerate(export["people"])}
    export = json.loads(json.dumps(export))
    del export["exported_at"], export["account"]["username"]
    for person in export["people"]:
        person["key"] = keys[person["key"]]
    for record in export["interactions"] + export["basics"] + export["decisions"]:
        record["person"] = keys.get(record["person"])
    return export


def test_the_json_export_holds_every_field(alice_client, journal):
    reauth(alice_client)
    export = export_json(alice_client)
    assert export["format"] == "almost-export"
    assert export["version"] == 1
    assert export["account"] == {
        "username": "alice",
        "time_zone": "Europe/London",
        "week_start": 6,
        "second_step": {"passkeys": [], "authenticator_app": False, "recovery_codes_left": 0},
    }
    assert [p["name"] for p in export["people"]] == ["Sam", "Jo", "Nobody yet"]
    assert export["people"][0]["notes"].endswith("🎷")
    assert export["people"][1]["archived"] is True
    entry = export["interactions"][0]
    assert list(entry) == ENTRY_FIELDS
    assert entry["person"] == export["people"][0]["key"]
    assert entry["occurred_at"] == "2026-03-14T23:41:07.123456+00:00"
    assert entry["feelings"] == ["hurt", "dismissed"]
    assert entry["reply_delay_hours"] == 5.25
    assert entry["asked_clarity"] is True
    assert entry["token"] == str(journal["full"].token)
    categories = {row["category"]: row for row in entry["categories"]}
    assert categories["joked_off"]["source"] == "person"
    assert categories["joked_off"]["active"] is True
    assert categories["busy_excuses"] == {
        "category": "busy_excuses",
        "score": 1.0,
        "reasons": ["you added this"],
        "source": "person",
        "active": False,
    }
    assert export["interactions"][2]["deleted"] is not None  # The trash comes too.
    sam_key = export["people"][0]["key"]
    assert export["basics"] == [
        {"person": None, "line": "cancellations", "number": 1, "words": ""},
        {"person": sam_key, "line": "own_words", "number": None, "words": "Plans that happen."},
    ]
    assert export["decisions"] == [
        {
            "person": sam_key,
            "choice": "step_back",
            "feeling": -2,
            "note": "Not again. 🌧",
            "look_again": "2026-04-01",
            "looked": False,
            "decided": "2026-03-15T09:00:00+00:00",
        }
    ]


def test_downloads_are_dated_private_attachments(alice_client, journal, time_machine):
    time_machine.move_to(datetime(2026, 5, 3, 23, 30, tzinfo=UTC))  # 00:30 on 4 May in London.
    reauth(alice_client)
    for name, extension in (("accounts-export-json", "json"), ("accounts-export-csv", "csv")):
        response, _ = download(alice_client, name)
        assert response["Content-Disposition"] == (
            f'attachment; filename="almost-2026-05-04.{extension}"'
        )
        assert response["Cache-Control"] == "no-store"


def test_an_import_recreates_the_account_exactly(client, alice, journal):
    client.force_login(alice)
    reauth(client)
    before = export_json(client)
    carol = User.objects.create_user("carol", password=PASSWORD)
    client.force_login(carol)
    response = upload(client, json.dumps(before).encode())
    assert response.status_code == 302
    reauth(client)
    after = export_json(client)

    assert normalised(after) == normalised(before)
    assert len(after["interactions"]) == 3
    assert len(after["basics"]) == 2 and after["decisions"][0]["note"] == "Not again. 🌧"
    compared = sum(len(entry) - 1 + len(entry["categories"]) * 5 for entry in after["interactions"])
    assert compared > 50
    carol.refresh_from_db()
    assert (carol.time_zone, carol.week_start) == ("Europe/London", 6)
    assert Interaction.objects.in_trash(carol).count() == 1
    # Alice's rows are untouched, and carol's are her own.
    assert Interaction.objects.filter(user=alice).count() == 3
    assert not Interaction.objects.filter(user=carol, person__user=alice).exists()


def test_an_import_refuses_an_account_that_has_entries(alice_client, alice, journal):
    reauth(alice_client)
    data = download(alice_client)[1]
    response = upload(alice_client, data)
    assert response.status_code == 200
    assert "already has people or entries" in page_text(response)
    assert Interaction.objects.filter(user=alice).count() == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "isn't JSON"),
        (b"[1, 2, 3]", "isn't an export from Almost"),
        (b'{"format": "almost-export", "version": 2}', "we read version 1"),
        (
            b'{"format": "almost-export", "version": 1, "people": [{"key": "a", "name": ""}]}',
            "Person 1: “name” is empty",
        ),
        (
            b'{"format": "almost-export", "version": 1, "people": [{"key": "a", "name": "A"}],'
            b' "interactions": [{"person": "b", "occurred_at": "yesterday", "feeling": 9}]}',
            "Entry 1: the person isn",
        ),
        (
            b'{"format": "almost-export", "version": 1, "people": [{"key": "a", "name": "A"}],'
            b' "basics": [{"person": null, "line": "replies", "number": 999}]}',
            "Basic 1: “number” should be between 0 and 336",
        ),
        (
            b'{"format": "almost-export", "version": 1, "people": [{"key": "a", "name": "A"}],'
            b' "decisions": [{"person": "b", "choice": "keep", "decided": "2026-01-01T00:00Z",'
            b' "look_again": "soon"}]}',
            "Decision 1: “look_again” should be a date",
        ),
        (
            b'{"format": "almost-export", "version": 1, "people": [{"key": "a", "name": "A\\u0000"}]}',
            "null character",
        ),
        (
            b'{"format": "almost-export", "version": 1, "people": [{"key": "a", "name": "A"}],'
            b' "interactions": [{"person": "a", "occurred_at": "1026-03-02T10:00:00+00:00",'
            b' "feeling": 0}]}',
            "Entry 1: “occurred_at” is before 1970",
        ),
    ],
)
def test_a_bad_file_is_refused_clearly_and_nothing_is_written(alice_client, alice, data, message):
    response = upload(alice_client, data)
    assert response.status_code == 200
    assert message in page_text(response)
    assert not Person.objects.filter(user=alice).exists()


def test_a_half_good_file_writes_nothing(alice_client, alice, journal):
    reauth(alice_client)
    export = export_json(alice_client)
    export["interactions"][-1]["feeling"] = "very bad"
    carol = User.objects.create_user("carol", password=PASSWORD)
    alice_client.force_login(carol)
    response = upload(alice_client, json.dumps(export).encode())
    assert "Entry 3: “feeling” should be a number" in page_text(response)
    assert not Person.objects.filter(user=carol).exists()
    assert not Interaction.objects.filter(user=carol).exists()


def test_an_upload_over_the_limit_is_refused_without_reading_it(alice_client, alice):
    data = b'{"format": "almost-export", "version": 1, "pad": "' + b"x" * (21 * 1024 * 1024) + b'"}'
    response = upload(alice_client, data)
    assert response.status_code == 200
    assert "over 20 MB" in page_text(response)


def test_the_csv_has_one_row_per_entry_in_local_time(alice_client, journal):
    reauth(alice_client)
    response, body = download(alice_client, "accounts-export-csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == 3
    full = next(row for row in rows if row["text"].startswith("I told him"))
    assert full["date"] == "2026-03-14"
    assert full["time"] == "23:41"  # London is on GMT in March.
    assert full["person"] == "Sam"
    assert full["feeling"] == "-2"
    assert full["feeling words"] == "hurt; dismissed"
    assert "Joked off" in full["categories"].split("; ")
    assert "Busy" not in full["categories"]  # She removed it.
    assert full["reply took (hours)"] == "5.25"
    assert [row["in the trash"] for row in rows].count("yes") == 1


def test_the_csv_names_categories_as_people_read_them_and_the_json_keeps_slugs(
    alice_client, alice, sam
):
    entry = make_entry(alice, sam, text="k")
    record_correction(entry, "one_word_replies", True)
    record_correction(entry, "busy_excuses", True)
    reauth(alice_client)
    body = download(alice_client, "accounts-export-csv")[1].decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(body)))
    assert set(row["categories"].split("; ")) == {"One-word replies", '"Busy" as a cover'}
    assert "_" not in row["categories"]
    categories = export_json(alice_client)["interactions"][0]["categories"]
    assert {"one_word_replies", "busy_excuses"} <= {c["category"] for c in categories}


def test_the_csv_keeps_spreadsheets_from_running_formulas(alice_client, alice, sam):
    make_entry(alice, sam, text='=HYPERLINK("http://evil")', feeling=0)
    reauth(alice_client)
    body = download(alice_client, "accounts-export-csv")[1].decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(body)))
    assert row["text"] == '\'=HYPERLINK("http://evil")'


def test_exports_take_three_queries_however_long_the_journal(alice_client, alice, sam):
    reauth(alice_client)
    counts = []
    for size in (2, 40):
        while Interaction.objects.filter(user=alice).count() < size:
            entry = make_entry(alice, sam, text="He said he was busy, again.", feeling=-1)
            record_correction(entry, "busy_excuses", True)
        for name in ("accounts-export-json", "accounts-export-csv"):
            with CaptureQueriesContext(connection) as queries:
                download(alice_client, name)
            counts.append(len(queries))
    assert counts[0] == counts[2] and counts[1] == counts[3]
    assert EntryCategory.objects.filter(interaction__user=alice).exists()


def test_an_export_holds_only_the_owners_data(bob_client, journal):
    reauth(bob_client, "another long secret")
    export = export_json(bob_client)
    assert export["account"]["username"] == "bob"
    assert export["people"] == [] and export["interactions"] == []
    body = download(bob_client, "accounts-export-csv")[1].decode("utf-8-sig")
    assert "Sam" not in body and "scan results" not in body


def test_the_export_asks_for_the_password_first(alice_client, journal):
    for name in ("accounts-export-json", "accounts-export-csv"):
        response = alice_client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts-reauth"))


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    for name in ("accounts-export-json", "accounts-export-csv", "accounts-import"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_account_page_offers_the_downloads(alice_client):
    page = alice_client.get(reverse("accounts-settings")).content.decode()
    assert "Your data" in page
    assert reverse("accounts-export-json") in page
    assert reverse("accounts-export-csv") in page
    assert reverse("accounts-import") in page
    assert reverse("accounts-delete") in page
