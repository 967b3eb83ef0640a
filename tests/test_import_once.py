"""One confirm imports once: a double-submitted Daylio confirm stores its entries once,
and a database error on the way never writes what people wrote into the logs."""

import re
from datetime import UTC, datetime, timedelta
from functools import partial

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config.errors import LEFT_OUT
from journal.models import Interaction, Person, PersonQuerySet
from portability import import_runs
from portability.models import ImportRun
from tests.threads import at_once

NAME = "Erin Marigold"
ROWS = 50


@pytest.fixture(autouse=True)
def pinned_clock(time_machine):
    """The files' dates are fixed; "now" must come after them, on any day the suite runs."""
    time_machine.move_to(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False)


def daylio_file(rows: int = ROWS, note: str = "Waited all evening for a reply") -> bytes:
    lines = ["full_date,date,weekday,time,mood,activities,note_title,note"]
    start = datetime(2026, 3, 1, 21, 0, tzinfo=UTC)
    for i in range(rows):
        day = start - timedelta(days=i)
        lines.append(f"{day:%Y-%m-%d},,,{day:%H:%M},bad,anxious,,{note} ({i})")
    return ("\n".join(lines) + "\n").encode()


def preview_token(client: Client, name: str = NAME, data: bytes | None = None) -> str:
    upload = SimpleUploadedFile("daylio.csv", data or daylio_file(), content_type="text/csv")
    preview = client.post(reverse("accounts-import-daylio"), {"file": upload, "new_person": name})
    return re.search(r'name="pending" value="([^"]+)"', preview.content.decode())[1]


def confirm(client: Client, token: str):
    return client.post(reverse("accounts-import-daylio-confirm"), {"pending": token})


def test_a_confirm_while_the_same_preview_is_importing_writes_nothing(alice_client, alice):
    token = preview_token(alice_client)
    # The first confirm of this preview is still at work (another worker, another thread).
    ImportRun.objects.create(
        user=alice, kind="daylio", digest=import_runs.digest(token), started=timezone.now()
    )
    response = confirm(alice_client, token)
    assert response.status_code == 302
    assert response["Location"] == reverse("journal-log")
    said = [str(m) for m in alice_client.get(reverse("journal-log")).context["messages"]]
    assert said == [import_runs.SAME_FILE]
    assert not Interaction.objects.filter(user=alice).exists()


def test_a_confirm_while_another_import_runs_waits_for_it(alice_client, alice):
    token = preview_token(alice_client)
    ImportRun.objects.create(user=alice, kind="almost", started=timezone.now())
    response = confirm(alice_client, token)
    assert response["Location"] == reverse("accounts-import")
    assert not Interaction.objects.filter(user=alice).exists()


def test_an_import_that_lost_its_worker_does_not_hold_the_account(alice_client, alice):
    token = preview_token(alice_client)
    ImportRun.objects.create(
        user=alice, kind="daylio", started=timezone.now() - import_runs.STALE - timedelta(1)
    )
    assert confirm(alice_client, token).status_code == 200
    assert Interaction.objects.filter(user=alice).count() == ROWS


def test_a_confirm_sent_again_later_adds_nothing(alice_client, alice):
    token = preview_token(alice_client)
    assert confirm(alice_client, token).status_code == 200
    assert confirm(alice_client, token).status_code == 200
    assert Interaction.objects.filter(user=alice).count() == ROWS
    assert not ImportRun.objects.filter(finished__isnull=True).exists()
    confirms = ImportRun.objects.filter(kind="daylio").order_by("pk")
    assert list(confirms.values_list("entries", flat=True)) == [ROWS, 0]


def test_a_database_error_is_logged_without_what_it_quotes(alice, monkeypatch, caplog):
    """On PostgreSQL the error's DETAIL quotes the clashing name; the log must not."""
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    token = preview_token(client)
    Person.objects.create(user=alice, name=NAME)
    # As if the name were not found: creating the person again breaks the unique rule.
    monkeypatch.setattr(PersonQuerySet, "named", lambda self, name: self.none())
    response = confirm(client, token)
    assert response.status_code == 500
    logged = caplog.text
    assert "IntegrityError" in logged
    assert LEFT_OUT in logged
    assert "marigold" not in logged.lower()
    # The account is free for the next try.
    assert not ImportRun.objects.filter(finished__isnull=True).exists()


def confirmed(client, token: str) -> int:
    return confirm(client, token).status_code


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's shared in-memory test database locks whole tables",
)
@pytest.mark.django_db(transaction=True)
def test_two_confirms_of_one_preview_at_the_same_moment_store_it_once(alice, caplog):
    rounds, threads_per_round = 3, 2
    browser = Client()
    browser.force_login(alice)
    for n in range(rounds):
        name = f"{NAME} {n}"
        token = preview_token(browser, name, daylio_file(note=f"Round {n}, no reply"))
        statuses = at_once(alice, threads_per_round, partial(confirmed, token=token))
        # A server error raises in its thread's client and comes back as its repr.
        assert all(isinstance(status, int) for status in statuses), statuses
        assert 500 not in statuses
        assert Interaction.objects.filter(user=alice, person__name=name).count() == ROWS
        assert Person.objects.filter(user=alice, name=name).count() == 1
    assert "marigold" not in caplog.text.lower()


def test_an_import_that_outlives_its_claim_still_finishes_cleanly(alice, time_machine):
    """Past STALE another import may clear the claim; finishing must not fail then."""
    from datetime import timedelta

    from django.utils import timezone

    from portability import import_runs
    from portability.models import ImportRun

    time_machine.move_to(timezone.now(), tick=False)
    with import_runs.running(alice, ImportRun.Kind.DAYLIO) as first:
        first.entries = 3
        time_machine.shift(import_runs.STALE + timedelta(minutes=1))
        with import_runs.running(alice, ImportRun.Kind.DAYLIO):
            pass  # the second import cleared the first's stale claim
    assert not ImportRun.objects.filter(finished__isnull=True).exists()
