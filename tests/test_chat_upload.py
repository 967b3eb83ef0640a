"""Importing a chat from the browser: upload, preview (who is who), confirm once."""

import html
import re
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from journal.models import ChatConversation, Interaction, Person
from portability.chat.parse import MAX_BYTES
from tests import chat_fixtures as fx
from tests.test_chat_parse import zipped
from tests.threads import at_once

NOW = fx.NOW
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]
clock = fx.clock


def preview(client, data: bytes, name="chat.txt", **fields):
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(reverse("portability-chat-preview"), {"file": upload, **fields})


def token(response) -> str:
    return re.search(r'name="pending" value="([^"]+)"', response.content.decode())[1]


def confirm(client, pending: str, **fields):
    return client.post(reverse("portability-chat-confirm"), {"pending": pending, **fields})


def test_the_upload_page_is_in_the_account_and_on_the_person_page(alice_client, sam):
    assert reverse("portability-chat") in alice_client.get(reverse("accounts-settings")).text
    page = alice_client.get(reverse("journal-person", args=[sam.pk])).text
    link = f"{reverse('portability-chat')}?person={sam.pk}"
    assert link in page
    form = alice_client.get(link).text
    assert f'<option value="{sam.pk}" selected>Sam</option>' in form


def test_someone_elses_person_is_never_offered(bob_client, sam):
    form = bob_client.get(f"{reverse('portability-chat')}?person={sam.pk}").text
    assert "Sam" not in form


@pytest.mark.parametrize("value", ["", "x", "²", "9" * 30])
def test_a_person_that_is_no_id_picks_nobody(alice_client, sam, value):
    response = alice_client.get(f"{reverse('portability-chat')}?person={value}")
    assert response.status_code == 200
    assert f'<option value="{sam.pk}">Sam</option>' in response.text


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    for name in ("portability-chat", "portability-chat-preview", "portability-chat-confirm"):
        response = client.post(reverse(name)) if "-" in name[17:] else client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_preview_shows_who_is_who_the_dates_and_the_figures(alice_client, alice):
    response = preview(alice_client, fx.ios_zip(), new_person="Rafael 🌊")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Which one is you?" in page
    assert 'value="Ana" checked' in page  # the other sender is the person named
    assert "from 5 January 2026 to 15 January 2026: 17 messages in 8 conversations" in page
    assert "<strong>8 conversations</strong> will be added to Rafael 🌊" in page
    assert '<th scope="row">Reply time, median (minutes)</th><td>40</td><td>16.5</td>' in page
    assert "<td>22%</td><td>25%</td>" in page
    assert "sorry! yes" in page  # a recent message to tick
    assert not Person.objects.exists() and not Interaction.objects.exists()


def test_the_preview_can_be_shown_for_the_other_choice(alice_client, alice):
    first = preview(alice_client, fx.android(), new_person="Someone")
    assert "The figures" not in first.text  # nothing tells who is who: asked first
    again = alice_client.post(
        reverse("portability-chat-preview"), {"pending": token(first), "me": fx.THEM}
    )
    assert f'value="{fx.THEM}" checked' in again.text
    assert '<th scope="row">Messages</th><td>8</td><td>9</td>' in again.text


def test_confirm_stores_each_conversation_once_even_sent_twice(alice_client, alice, sam):
    pending = token(preview(alice_client, fx.telegram(), person=sam.pk))
    response = confirm(alice_client, pending, me=fx.ME)
    assert response.status_code == 302 and response["Location"] == reverse(
        "journal-person", args=[sam.pk]
    )
    again = confirm(alice_client, pending, me=fx.ME)
    assert sam.interactions.count() == 8
    assert ChatConversation.objects.filter(interaction__person=sam).count() == 8
    said = [str(m) for m in again.wsgi_request._messages]
    assert said[-1] == "Nothing new: all 8 conversations were imported before."


def test_a_new_person_is_made_on_confirm(alice_client, alice):
    pending = token(preview(alice_client, fx.android(), new_person="Rafael"))
    confirm(alice_client, pending, me=fx.ME)
    assert Person.objects.get(user=alice).name == "Rafael"
    assert Interaction.objects.filter(user=alice).count() == 8


def test_ticked_messages_are_kept_sealed_as_the_conversations_text(alice_client, alice, sam):
    response = preview(alice_client, fx.android(), person=sam.pk)
    page = response.text
    ticks = dict(re.findall(r'name="keep" value="(\d+)"> <span class="muted">([^<]+)</span>', page))
    last_two = [i for i, said in ticks.items() if said[:13] in ("15 Jan, 12:05", "15 Jan, 12:06")]
    # message 0 and "x" were never offered: only the preview's own messages may be kept
    confirm(alice_client, token(response), me=fx.ME, keep=[*last_two, "0", "x"])
    entry = Interaction.objects.get(user=alice, occurred_at=datetime(2026, 1, 15, 12, tzinfo=UTC))
    assert len(last_two) == 2
    assert entry.text == "12:05 Me: sorry! yes\n12:06 Sam: ok"
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM journal_interaction WHERE id = %s", [entry.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("v1:") and "sorry" not in stored
    assert Interaction.objects.exclude(pk=entry.pk).filter(text="").count() == 7


def test_confirm_asks_who_is_me(alice_client, alice, sam):
    pending = token(preview(alice_client, fx.android(), person=sam.pk))
    response = confirm(alice_client, pending, me="Somebody")
    assert "Say which one is you" in response.text
    assert not Interaction.objects.exists()


def test_a_preview_is_signed_for_its_account(alice_client, bob_client, sam):
    pending = token(preview(alice_client, fx.android(), person=sam.pk))
    response = confirm(bob_client, pending, me=fx.ME)
    assert response["Location"] == reverse("portability-chat")
    tampered = confirm(alice_client, pending[:-3] + "abc", me=fx.ME)
    assert tampered["Location"] == reverse("portability-chat")
    assert not Interaction.objects.exists()


BAD = [
    ("not a chat", b"full_date,mood\n2026-01-01,good\n", "chat.txt", "isn't a chat export"),
    (
        "a group",
        b"13/12/2025, 10:00 - A: hi\n13/12/2025, 10:01 - B: hi\n13/12/2025, 10:02 - C: x\n",
        "chat.txt",
        "group chats are not",
    ),
    ("a zip bomb", zipped({"_chat.txt": b"a" * (MAX_BYTES + 1)}), "chat.zip", "unpacks to over"),
    (
        "before 1970",
        b'{"messages": [{"type": "message", "date": "1969-07-20T20:17:00", "from": "Sam", "text": "x"}]}',
        "result.json",
        "before 1970",
    ),
]


@pytest.mark.parametrize(("case", "data", "name", "words"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_file_is_refused_clearly(alice_client, sam, case, data, name, words):
    response = preview(alice_client, data, name, person=sam.pk)
    assert response.status_code == 200
    assert words in html.unescape(response.text)
    assert not Interaction.objects.exists()


def test_an_undecided_date_order_is_asked_for(alice_client, sam):
    data = b"07/12/2025, 10:00 - Sam: hi\n08/12/2025, 10:00 - Me: hi\n"
    response = preview(alice_client, data, person=sam.pk)
    assert "day or the month comes first" in response.text
    assert 'aria-invalid="true"' in response.text and "Dates in the file" in response.text
    answered = preview(alice_client, data, person=sam.pk, date_order="dmy")
    assert "from 7 December 2025 to 8 December 2025" in answered.text


def test_an_upload_over_the_limit_is_refused_without_reading_it(alice_client, sam):
    response = preview(alice_client, b"1" * (MAX_BYTES + 128 * 1024), person=sam.pk)
    assert response.status_code == 200
    assert "That file is over 20 MB" in response.text
    assert not Interaction.objects.exists()


def test_the_preview_takes_few_queries(alice_client, sam, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):  # session, user, people for the form, person, chats
        preview(alice_client, fx.android(), person=sam.pk)


def test_no_chat_text_reaches_the_logs(alice_client, sam, caplog, capfd):
    secret = "our-secret-plan-xyz"
    data = fx.android().replace(b"sorry! yes", secret.encode())
    with caplog.at_level("DEBUG"):
        response = preview(alice_client, data, person=sam.pk)
        ticks = re.findall(r'name="keep" value="(\d+)"', response.text)
        pending = token(response)
        confirm(alice_client, pending, me=fx.ME, keep=ticks)
        preview(
            alice_client, data.replace(b"05/01/2026, 09:12", b"45/01/2026, 09:12"), person=sam.pk
        )
        # a refused request is logged (method and path): with the chat in its query string
        refused = alice_client.get(
            reverse("portability-chat-confirm"), {"pending": pending, "q": secret}
        )
    assert refused.status_code == 405
    assert Interaction.objects.filter(user=sam.user).count() == 8
    assert any(r.name == "django.request" for r in caplog.records)
    assert secret not in caplog.text and pending not in caplog.text
    printed = capfd.readouterr()
    assert secret not in printed.out + printed.err


def test_confirm_takes_the_same_queries_for_a_longer_chat(
    alice_client, sam, django_assert_max_num_queries
):
    short = token(preview(alice_client, fx.android(), person=sam.pk))
    rows = [
        (fx.NOW.replace(year=2025, month=m, day=d, hour=h, tzinfo=None), who, "hi there", 0)
        for m in range(1, 13)
        for d in (3, 17)
        for h in (9, 20)
        for who in (fx.ME, fx.THEM)
    ]
    long = token(preview(alice_client, fx.android(rows=rows), person=sam.pk))
    # One of them reads what the account's corrections taught the classifier; 5 count
    # the weeks of the new entries and the person's entries again (journal.rollups).
    with django_assert_max_num_queries(22):
        confirm(alice_client, short, me=fx.ME)
    with django_assert_max_num_queries(22):
        confirm(alice_client, long, me=fx.ME)
    assert sam.interactions.count() == 8 + 48  # two conversations a day, 24 days


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's shared in-memory test database locks whole tables",
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("new_person", [True, False])
def test_confirms_sent_at_the_same_moment_store_the_chat_once(alice, new_person):
    """Four threads, four connections, one preview: each conversation is stored once."""
    browser = Client()
    browser.force_login(alice)
    fields = (
        {"new_person": "Rafael"}
        if new_person
        else {"person": Person.objects.create(user=alice, name="Rafael").pk}
    )
    pending = token(preview(browser, fx.android(), **fields))
    statuses = at_once(alice, 4, lambda client: confirm(client, pending, me=fx.ME).status_code)
    assert statuses == [302] * 4
    assert Person.objects.filter(user=alice).count() == 1
    assert Interaction.objects.filter(user=alice).count() == 8
