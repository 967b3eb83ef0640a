"""Imported chat conversations go with the account's export and with the person or account."""

import io
import json
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from accounts.deletion import delete_account
from accounts.models import User
from journal.models import ChatConversation, Interaction
from tests import chat_fixtures as fx
from tests.clock import LATE_2026
from tests.test_export_import import PASSWORD, export_json, normalised, reauth, upload

pytestmark = pytest.mark.django_db

# The chats are dated in 2026: an import refuses dates more than a day ahead.
pytestmark = pytest.mark.clock(LATE_2026, tick=True)


@pytest.fixture
def imported(tmp_path, alice):
    with time_machine.travel(datetime(2026, 2, 1, tzinfo=UTC), tick=False):
        path = tmp_path / "chat.txt"
        path.write_bytes(fx.android())
        args = ["--username", "alice", "--person", "Rafael", "--me", fx.ME]
        call_command("import_chat", str(path), *args, stdout=io.StringIO())
    return Interaction.objects.get(occurred_at=datetime(2026, 1, 5, 15, 31, tzinfo=UTC))


def test_the_export_holds_each_conversations_figures(alice_client, imported):
    reauth(alice_client)
    export = export_json(alice_client)
    chats = [entry["chat"] for entry in export["interactions"]]
    assert len(chats) == 8 and all(chats)
    second = next(c for c in chats if c["ended"] == "2026-01-05T15:45:00+00:00")
    assert second["messages_me"] == 2 and second["unanswered_me"] is True
    assert (second["waited"], second["replies_me"], second["source"]) == (1885, [360], "whatsapp")


def test_an_export_brings_them_back_exactly(client, alice, imported):
    client.force_login(alice)
    reauth(client)
    before = export_json(client)
    carol = User.objects.create_user("carol", password=PASSWORD)
    client.force_login(carol)
    assert upload(client, json.dumps(before).encode()).status_code == 302
    reauth(client)
    assert normalised(export_json(client)) == normalised(before)
    assert ChatConversation.objects.filter(interaction__user=carol).count() == 8


def test_a_bad_chat_record_is_refused(client, alice, imported):
    client.force_login(alice)
    reauth(client)
    export = export_json(client)
    export["interactions"][0]["chat"]["replies_me"] = ["soon"]
    carol = User.objects.create_user("carol", password=PASSWORD)
    client.force_login(carol)
    response = upload(client, json.dumps(export).encode())
    assert "“replies_me” should be a list of minutes" in response.content.decode()
    assert not Interaction.objects.filter(user=carol).exists()


def test_deleting_the_person_deletes_the_conversations(alice_client, imported):
    response = alice_client.post(reverse("journal-person-delete", args=[imported.person_id]))
    assert response.status_code == 302
    assert not ChatConversation.objects.exists()


def test_deleting_the_account_deletes_the_conversations(alice, imported):
    delete_account(alice)
    assert not ChatConversation.objects.exists()
