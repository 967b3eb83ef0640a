"""Odd values in an Almost export get a clear message on the import page, never a 500,
and a file that leaves out what it may leave out comes in whole."""

import html
import json
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from journal.models import Interaction, Person

NOW = datetime(2026, 5, 3, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def now(time_machine):
    time_machine.move_to(NOW, tick=False)


def export(person: dict | None = None, entry: dict | None = None) -> bytes:
    return json.dumps(
        {
            "format": "almost-export",
            "version": 1,
            "people": [{"key": "p1", "name": "Sam", **(person or {})}],
            "interactions": [
                {
                    "person": "p1",
                    "occurred_at": "2026-05-01T20:30:00+01:00",
                    "feeling": -1,
                    "text": "He said he was busy, again.",
                    **(entry or {}),
                }
            ],
        }
    ).encode()


def upload(client, data: bytes) -> str:
    file = SimpleUploadedFile("almost.json", data, content_type="application/json")
    response = client.post(reverse("accounts-import"), {"file": file})
    assert response.status_code in (200, 302)
    return html.unescape(response.content.decode())


def test_entries_without_created_or_updated_take_the_moment_they_happened(alice_client, alice):
    upload(alice_client, export())
    entry = Interaction.objects.get(user=alice)
    assert entry.created == entry.updated == datetime(2026, 5, 1, 19, 30, tzinfo=UTC)
    assert entry.text == "He said he was busy, again."


def test_an_entry_with_only_created_is_updated_then_too(alice_client, alice):
    upload(alice_client, export(entry={"created": "2026-05-02T08:00:00Z"}))
    entry = Interaction.objects.get(user=alice)
    assert entry.created == entry.updated == datetime(2026, 5, 2, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("person", "entry", "message"),
    [
        ({"name": "Sam\ud800"}, {}, "Person 1: “name” has a broken character"),
        ({"notes": "Met \udfff at work"}, {}, "Person 1: “notes” has a broken character"),
        ({}, {"text": "\ud83d alone"}, "Entry 1: “text” has a broken character"),
        (
            {},
            {"categories": [{"category": "busy_excuses", "reasons": ["\ud800"]}]},
            "Entry 1, category 1: reasons should be a list of text",
        ),
        ({"created": "0001-01-01T00:00+05:00"}, {}, "Person 1: “created” is before 1970"),
        ({"created": "1969-12-31T23:00:00Z"}, {}, "Person 1: “created” is before 1970"),
        ({}, {"updated": "9999-12-31T23:59:59-05:00"}, "Entry 1: “updated” is more than a day"),
        ({}, {"created": "2026-05-05T00:00:00Z"}, "Entry 1: “created” is more than a day"),
        ({}, {"deleted": "0001-01-01T00:00:00+14:00"}, "Entry 1: “deleted” is before 1970"),
        ({}, {"occurred_at": "0001-01-01T00:00+05:00"}, "Entry 1: “occurred_at” is before 1970"),
        ({}, {"created": 1746300000}, "Entry 1: “created” should be a date and time"),
    ],
)
def test_an_odd_value_is_named_and_nothing_is_written(alice_client, alice, person, entry, message):
    assert message in upload(alice_client, export(person, entry))
    assert not Person.objects.filter(user=alice).exists()
