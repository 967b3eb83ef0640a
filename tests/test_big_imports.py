"""Big imports share the server: written in batches (other people's posts don't wait for
the whole file), read without decoding it whole, and limited per account and hour.
The figures are in bench/imports.py."""

import html
import json
import re
import tracemalloc
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from journal.models import EntryCategory, Interaction, Person
from portability import daylio_views, import_runs, imports, views
from portability.export import FORMAT, VERSION
from portability.export_file import read_export

BATCH = daylio_views.BATCH
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def pinned_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def daylio_file(rows: int) -> bytes:
    lines = ["full_date,date,weekday,time,mood,activities,note_title,note"]
    for i in range(rows):
        moment = NOW - timedelta(hours=6 * i + 1)
        lines.append(
            f'{moment:%Y-%m-%d},,,{moment:%H:%M},bad,,,"He said he was so busy, maybe some other time ({i})."'
        )
    return ("\n".join(lines) + "\n").encode()


def export_file(entries: int, text: str = "Asked about Friday; he was so busy again.") -> bytes:
    records = []
    for i in range(entries):
        moment = (NOW - timedelta(hours=3 * i + 1)).isoformat()
        records.append(
            {
                "person": f"p{i % 3}",
                "occurred_at": moment,
                "created": moment,
                "updated": moment,
                "text": f"{text} ({i})",
                "feeling": -1,
                "categories": [
                    {"category": "busy_excuses", "score": 0.8, "reasons": ["given as the reason"]}
                ],
            }
        )
    people = [{"key": f"p{i}", "name": f"Person {i}", "created": NOW.isoformat()} for i in range(3)]
    doc = {"format": FORMAT, "version": VERSION, "people": people, "interactions": records}
    return json.dumps(doc).encode()


def preview(client, data: bytes, name: str = "Sam"):
    upload = SimpleUploadedFile("daylio.csv", data, content_type="text/csv")
    return client.post(reverse("accounts-import-daylio"), {"file": upload, "new_person": name})


def confirm(client, previewed):
    token = re.search(r'name="pending" value="([^"]+)"', previewed.content.decode())[1]
    return client.post(reverse("accounts-import-daylio-confirm"), {"pending": token})


def import_export(client, data: bytes):
    upload = SimpleUploadedFile("almost.json", data, content_type="application/json")
    return client.post(reverse("accounts-import"), {"file": upload})


# Batches --------------------------------------------------------------------------------


def test_a_daylio_import_that_fails_halfway_keeps_its_batches_and_carries_on(
    alice_client, alice, monkeypatch
):
    rows = 2 * BATCH + 10
    calls = []
    real_bulk_create = daylio_views.EntryCategory.objects.bulk_create

    def fail_on_the_second_batch(objs, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise IntegrityError("made up for the test")
        return real_bulk_create(objs, *args, **kwargs)

    monkeypatch.setattr(daylio_views.EntryCategory.objects, "bulk_create", fail_on_the_second_batch)
    with pytest.raises(IntegrityError):
        confirm(alice_client, preview(alice_client, daylio_file(rows)))
    # The first batch is in, whole, with its signs; the second was taken back.
    assert Interaction.objects.filter(user=alice).count() == BATCH
    assert EntryCategory.objects.filter(interaction__user=alice).count() == BATCH
    monkeypatch.undo()

    again = preview(alice_client, daylio_file(rows))
    assert f"{BATCH} rows: already in your journal" in " ".join(again.content.decode().split())
    assert confirm(alice_client, again).status_code == 200
    assert Interaction.objects.filter(user=alice).count() == rows
    assert not import_runs.ImportRun.objects.filter(finished__isnull=True).exists()


def test_a_big_export_comes_in_whole_with_its_own_times(alice_client, alice):
    entries = 2 * imports.BATCH + 7
    response = import_export(alice_client, export_file(entries))
    assert response.status_code == 302
    stored = Interaction.objects.filter(user=alice).order_by("-occurred_at")
    assert stored.count() == entries
    assert EntryCategory.objects.filter(interaction__user=alice).count() == entries
    first, last = stored.first(), stored.last()
    assert first.created == first.updated == NOW - timedelta(hours=1)
    assert last.created == NOW - timedelta(hours=3 * (entries - 1) + 1)
    assert first.text.endswith("(0)")


def test_an_export_that_fails_halfway_leaves_nothing_behind(alice_client, alice, monkeypatch):
    calls = []
    real_write = imports._write_entries

    def fail_on_the_second_batch(*args):
        calls.append(1)
        if len(calls) == 2:
            raise IntegrityError("made up for the test")
        return real_write(*args)

    monkeypatch.setattr(imports, "_write_entries", fail_on_the_second_batch)
    response = import_export(alice_client, export_file(2 * imports.BATCH))
    assert response.status_code == 200
    assert views.SAVE_FAILED in html.unescape(response.content.decode())
    assert not Person.objects.filter(user=alice).exists()
    assert not Interaction.objects.filter(user=alice).exists()


# Memory ---------------------------------------------------------------------------------


def test_an_export_is_read_without_decoding_it_whole(db):
    """Decoding the whole file and keeping every entry took 6.4 times its size."""
    data = export_file(1000, text="Asked about Friday; he was so busy again. " * 3)
    tracemalloc.start()
    try:
        plan = read_export(data)
        read = sum(1 for _entry in plan.entries())
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert plan.count == read == 1000
    assert peak < 3 * len(data), f"peak {peak / 1e6:.1f} MB for a {len(data) / 1e6:.1f} MB file"


@pytest.mark.parametrize(
    "data",
    [
        b'{"format": "almost-export", "version": 1, "interactions": [{"person": "p1"},,]}',
        b'{"format": "almost-export", "version": 1, "interactions": []} and more',
        b'{"format": "almost-export", "version": 1, "interactions": [], }',
        b'{"format": "almost-export" "version": 1}',
        b'{"format": "almost-export", "version": 1, "interactions": [' + b"[" * 100_000 + b"]}",
    ],
    ids=["two-commas", "trailing-text", "trailing-comma", "no-comma", "deep"],
)
def test_broken_json_anywhere_in_the_file_is_said_plainly(alice_client, alice, data):
    response = import_export(alice_client, data)
    assert response.status_code == 200
    assert "it isn't JSON" in html.unescape(response.content.decode())
    assert not Person.objects.filter(user=alice).exists()


def test_the_last_of_a_repeated_member_counts_as_json_says(alice_client, alice):
    doc = json.loads(export_file(2))
    body = json.dumps(doc)[:-1] + ', "interactions": []}'
    assert import_export(alice_client, body.encode()).status_code == 302
    assert Person.objects.filter(user=alice).count() == 3
    assert not Interaction.objects.filter(user=alice).exists()


# The limit an hour ----------------------------------------------------------------------


def test_imports_are_limited_per_account_and_hour(alice_client, bob_client, settings, time_machine):
    settings.ALMOST_IMPORTS_PER_HOUR = 3
    for _ in range(3):
        assert preview(alice_client, daylio_file(2)).status_code == 200
    refused = preview(alice_client, daylio_file(2))
    assert refused.status_code == 429
    assert "as many imports as one account can start in an hour" in refused.content.decode()
    assert import_export(alice_client, export_file(2)).status_code == 429
    assert not Interaction.objects.exists()
    # Someone else's account has its own hour.
    assert preview(bob_client, daylio_file(2)).status_code == 200
    time_machine.move_to(NOW + timedelta(hours=1, minutes=1), tick=False)
    assert preview(alice_client, daylio_file(2)).status_code == 200
