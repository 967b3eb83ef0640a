"""The trash keeps an entry for TRASH_DAYS, then it is gone everywhere: not restorable,
not exported, not imported, not backed up, and deleted without anyone deleting more."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from journal.models import TRASH_DAYS, EntryCategory, Interaction, Person

PASSWORD = "correct horse battery"
DELETED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PAST_IT = DELETED + timedelta(days=TRASH_DAYS, hours=1)
# Logged in a little before PAST_IT, so moving there keeps the session.
pytestmark = pytest.mark.clock(PAST_IT - timedelta(hours=2), tick=True)


@pytest.fixture
def trashed(sam) -> Interaction:
    """An entry of alice's that went into the trash on DELETED, with a category."""
    entry = Interaction.objects.create(
        user=sam.user,
        person=sam,
        text="Deleted and meant to stay deleted.",
        feeling=-1,
        occurred_at=DELETED - timedelta(days=1),
    )
    EntryCategory.objects.create(interaction=entry, category="one_word_replies", score=1.0)
    entry.deleted = DELETED
    entry.save(update_fields=["deleted"])
    return entry


@pytest.fixture
def recent(sam) -> Interaction:
    """An entry deleted a day before PAST_IT: still in the trash then."""
    return Interaction.objects.create(
        user=sam.user,
        person=sam,
        text="Deleted yesterday, still in the trash.",
        feeling=0,
        occurred_at=DELETED,
        deleted=PAST_IT - timedelta(days=1),
    )


def test_an_entry_past_the_trash_days_cannot_be_restored(alice_client, trashed, time_machine):
    time_machine.move_to(PAST_IT, tick=False)
    response = alice_client.post(reverse("journal-entry-restore", args=[trashed.pk]))
    assert response.status_code == 404
    assert not Interaction.objects.filter(pk=trashed.pk, deleted__isnull=True).exists()


def test_an_entry_within_the_trash_days_can_still_be_restored(alice_client, recent, time_machine):
    time_machine.move_to(PAST_IT, tick=False)
    response = alice_client.post(reverse("journal-entry-restore", args=[recent.pk]))
    assert response.status_code == 302
    recent.refresh_from_db()
    assert recent.deleted is None


def test_the_export_leaves_out_what_the_trash_no_longer_keeps(
    alice_client, trashed, recent, time_machine
):
    time_machine.move_to(PAST_IT, tick=False)
    alice_client.post(reverse("accounts-reauth"), {"password": PASSWORD, "next": "/"})
    response = alice_client.get(reverse("accounts-export-json"))
    texts = [
        entry["text"] for entry in json.loads(b"".join(response.streaming_content))["interactions"]
    ]
    assert texts == ["Deleted yesterday, still in the trash."]
    response = alice_client.get(reverse("accounts-export-csv"))
    table = b"".join(response.streaming_content).decode()
    assert "still in the trash" in table
    assert "meant to stay deleted" not in table


def test_the_first_request_of_a_day_purges_every_accounts_old_trash(
    trashed, recent, bob, time_machine, settings
):
    settings.ALMOST_DAILY_PURGE = True
    time_machine.move_to(PAST_IT, tick=False)
    # Anyone's request will do, even one that isn't logged in: alice needn't come back.
    assert Client().get(reverse("login")).status_code == 200
    assert not Interaction.objects.filter(pk=trashed.pk).exists()
    assert not EntryCategory.objects.filter(interaction_id=trashed.pk).exists()
    assert Interaction.objects.filter(pk=recent.pk).exists()


def test_the_purge_runs_once_a_day(trashed, time_machine, settings, django_assert_num_queries):
    settings.ALMOST_DAILY_PURGE = True
    time_machine.move_to(PAST_IT, tick=False)
    client = Client()
    client.get(reverse("login"))
    with django_assert_num_queries(0):
        client.get(reverse("login"))


@pytest.mark.django_db(transaction=True)  # The backup reads committed data.
def test_a_backup_purges_old_trash_before_it_copies_anything(trashed, tmp_path, time_machine):
    time_machine.move_to(PAST_IT, tick=False)
    call_command("backup", "--output", str(tmp_path / "backups"), "--json")
    assert not Interaction.objects.filter(pk=trashed.pk).exists()


def test_an_import_leaves_out_entries_past_the_trash_days(alice, bob, time_machine):
    time_machine.move_to(PAST_IT, tick=False)
    pat = Person.objects.create(user=alice, name="Pat")
    for text, deleted in (
        ("Never deleted.", None),
        ("In the trash a day.", PAST_IT - timedelta(days=1)),
        ("Long gone.", DELETED),
    ):
        Interaction.objects.create(
            user=alice, person=pat, text=text, feeling=0, occurred_at=DELETED, deleted=deleted
        )
    client = Client()
    client.force_login(alice)
    client.post(reverse("accounts-reauth"), {"password": PASSWORD, "next": "/"})
    export = b"".join(client.get(reverse("accounts-export-json")).streaming_content)
    # An export made before the trash's days ran out still holds the old entry.
    doc = json.loads(export)
    doc["interactions"].append(dict(doc["interactions"][0], text="Long gone.", token=None))
    doc["interactions"][-1]["deleted"] = DELETED.isoformat()

    bob_client = Client()
    bob_client.force_login(bob)
    upload = SimpleUploadedFile("almost.json", json.dumps(doc).encode())
    response = bob_client.post(reverse("accounts-import"), {"file": upload})
    assert response.status_code == 302
    texts = {entry.text for entry in Interaction.objects.filter(user=bob)}
    assert texts == {"Never deleted.", "In the trash a day."}
