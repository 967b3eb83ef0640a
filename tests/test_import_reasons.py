"""Reasons in an imported file are stored as the classifier stores its own: nothing
quoted from the entry, few and short. The reasons column is plain; entry text is not."""

import html
import json
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from journal.models import EntryCategory, Interaction
from journal.signs import MAX_REASON_LENGTH, MAX_REASONS
from portability.export import FORMAT, VERSION

SECRET = "MARIGOLD"


@pytest.fixture(autouse=True)
def pinned_clock(time_machine):
    """The files' dates are fixed; "now" must come after them, on any day the suite runs."""
    time_machine.move_to(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False)


def export_with(reasons: list) -> bytes:
    entry = {
        "person": "p1",
        "occurred_at": "2026-05-03T21:30:00Z",
        "created": "2026-05-03T21:31:00Z",
        "updated": "2026-05-03T21:31:00Z",
        "text": f"He said he was so busy with {SECRET} again.",
        "feeling": -1,
        "categories": [{"category": "busy_excuses", "score": 0.9, "reasons": reasons}],
    }
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "account": {"time_zone": "Europe/London", "week_start": 0},
        "people": [{"key": "p1", "name": "Sam", "created": "2026-05-01T10:00:00Z"}],
        "interactions": [entry],
    }
    return json.dumps(doc, ensure_ascii=False).encode()


def upload(client, data: bytes):
    file = SimpleUploadedFile("almost.json", data, content_type="application/json")
    return client.post(reverse("accounts-import"), {"file": file})


def stored_reasons() -> str:
    """The reasons column as the database holds it, every row."""
    table = EntryCategory._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT reasons FROM "{table}"')
        return " ".join(str(row[0]) for row in cursor.fetchall())


def test_quotes_from_the_entry_are_taken_out_of_imported_reasons(alice_client):
    reasons = [f"(“so busy with {SECRET}”) given as the reason", f"“{SECRET} again” twice"]
    response = upload(alice_client, export_with(reasons))
    assert response.status_code == 302
    assert SECRET not in stored_reasons()
    row = EntryCategory.objects.get()
    assert row.reasons == ["given as the reason", "a phrase twice"]


def test_a_reason_as_long_as_an_entry_is_refused_and_nothing_is_written(alice_client):
    long = f"He wrote back about {SECRET} and " + "then some more " * 20
    response = upload(alice_client, export_with(["given as the reason", long]))
    assert response.status_code == 200
    assert f"a reason is over {MAX_REASON_LENGTH} characters" in html.unescape(
        response.content.decode()
    )
    assert not Interaction.objects.exists()
    assert SECRET not in stored_reasons()


def test_a_flood_of_reasons_is_refused(alice_client):
    response = upload(alice_client, export_with([f"reason {i}" for i in range(MAX_REASONS + 1)]))
    assert response.status_code == 200
    assert f"has more than {MAX_REASONS} reasons" in response.content.decode()
    assert not EntryCategory.objects.exists()


@pytest.mark.parametrize("reasons", [["given as the reason"], ["you added this"], []])
def test_reasons_the_classifier_writes_come_through_unchanged(alice_client, reasons):
    assert upload(alice_client, export_with(reasons)).status_code == 302
    assert EntryCategory.objects.get().reasons == reasons
