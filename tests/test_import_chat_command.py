"""manage.py import_chat: figures as JSON, each conversation stored once, clear refusals."""

import io
import json
import sys
from datetime import UTC, datetime

import pytest
from django.core.management import base, call_command

from journal.models import ChatConversation, EntryCategory, Interaction, Person
from portability.management.commands.import_chat import Command
from tests import chat_fixtures as fx
from tests.test_chat_parse import FORMATS

NOW = fx.NOW
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]
clock = fx.clock


@pytest.fixture(autouse=True)
def keep_connection(monkeypatch):
    """run_from_argv closes the database connections as it ends, the test's one too."""
    monkeypatch.setattr(base.connections, "close_all", lambda: None)


def run(tmp_path, data: bytes, *args: str, stdin: bytes | None = None) -> dict:
    """The command's one JSON object."""
    if stdin is None:
        path = tmp_path / "export"
        path.write_bytes(data)
        source = str(path)
    else:
        source = "-"
    out = io.StringIO()
    call_command("import_chat", source, "--username", "alice", "--json", *args, stdout=out)
    text = out.getvalue()
    assert text.count("\n") == 1  # one line, one object
    return json.loads(text)


def fails(tmp_path, data: bytes, *args: str) -> str:
    """Run the command as the shell would; return what it said on standard error."""
    path = tmp_path / "export"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    command = Command(stdout=out, stderr=err)
    with pytest.raises(SystemExit) as ended:
        command.run_from_argv(["manage.py", "import_chat", str(path), *args])
    assert ended.value.code != 0
    assert out.getvalue() == ""
    said = err.getvalue().strip()
    assert "\n" not in said and said
    return said


def test_a_dry_run_prints_the_figures_and_stores_nothing(tmp_path, alice):
    for name, data in FORMATS.items():
        summary = run(tmp_path, data, "--person", "Rafael 🌊", "--me", fx.ME, "--dry-run")
        assert summary == fx.EXPECTED | {"created": 0, "already_there": 0}, name
    assert not Person.objects.exists()
    assert not Interaction.objects.exists()


def test_it_reads_standard_input(tmp_path, alice, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(fx.telegram())))
    summary = run(tmp_path, b"", "--person", "Rafael", "--dry-run", stdin=fx.telegram())
    assert summary["messages"] == {"me": 9, "them": 8}  # Telegram names the other side


def test_importing_twice_stores_each_conversation_once(tmp_path, alice, sam):
    first = run(tmp_path, fx.android(), "--person", "Rafael 🌊", "--me", fx.ME)
    again = run(tmp_path, fx.ios_zip(), "--person", "rafael 🌊", "--me", fx.ME)
    assert (first["created"], first["already_there"]) == (8, 0)
    assert (again["created"], again["already_there"]) == (0, 8)
    person = Person.objects.get(name="Rafael 🌊")
    assert person.interactions.count() == 8
    assert ChatConversation.objects.filter(interaction__person=person).count() == 8
    assert not sam.interactions.exists()


def test_each_conversation_keeps_its_facts(tmp_path, alice):
    run(tmp_path, fx.android(), "--person", "Rafael", "--me", fx.ME)
    entries = list(Interaction.objects.order_by("occurred_at").select_related("chat"))
    assert [e.occurred_at for e in entries[:3]] == [
        datetime(2026, 1, 5, 9, 12, tzinfo=UTC),  # London keeps UTC in January
        datetime(2026, 1, 5, 15, 31, tzinfo=UTC),
        datetime(2026, 1, 6, 23, 10, tzinfo=UTC),
    ]
    assert [e.initiated_by for e in entries] == [
        "me",
        "me",
        "them",
        "them",
        "me",
        "me",
        "me",
        "them",
    ]
    first, second = entries[0], entries[1]
    # C1: they answered my 26 words with "k"; their first reply took 8 minutes
    assert (first.reply, first.reply_delay_hours, first.channel) == ("one_word", 0.13, "text")
    assert (first.chat.messages_me, first.chat.messages_them) == (2, 3)
    assert (first.chat.words_me, first.chat.replies_them, first.chat.short_them) == (32, [8, 1], 1)
    # C2: my photo and question waited 1885 minutes for an answer
    assert (second.reply, second.reply_delay_hours) == ("seen_no_reply", 31.42)
    assert (second.chat.unanswered_me, second.chat.waited) == (True, 1885)
    assert second.chat.ended == datetime(2026, 1, 5, 15, 45, tzinfo=UTC)
    assert all(e.text == "" and e.feeling == 0 for e in entries)
    # The signs are found from those facts, as for any entry.
    signs = EntryCategory.objects.filter(interaction=second, active=True)
    assert [s.category for s in signs] == ["left_on_read"]


def test_a_later_export_adds_only_what_is_new_and_updates_what_went_on(tmp_path, alice):
    early = fx.android(rows=fx.CHAT[:9])  # ends inside C3, after message 9
    first = run(tmp_path, early, "--person", "Rafael", "--me", fx.ME, "--date-order", "dmy")
    later = run(tmp_path, fx.telegram(), "--person", "Rafael", "--me", fx.ME)
    assert (first["created"], first["already_there"]) == (3, 0)
    assert (later["created"], later["already_there"]) == (5, 3)
    assert Interaction.objects.count() == 8
    third = Interaction.objects.order_by("occurred_at")[2].chat
    assert (third.messages_me, third.messages_them, third.replies_them) == (1, 2, [1885, 25])
    assert third.source == "telegram"


def test_an_export_cut_inside_a_stored_conversation_adds_nothing(tmp_path, alice):
    run(tmp_path, fx.android(), "--person", "Rafael", "--me", fx.ME)
    cut = fx.android(rows=fx.CHAT[1:])  # starts inside C1
    summary = run(tmp_path, cut, "--person", "Rafael", "--me", fx.ME)
    assert (summary["created"], summary["already_there"]) == (0, 8)
    assert Interaction.objects.order_by("occurred_at").first().chat.messages_me == 2


def test_a_conversation_in_the_trash_stays_there(tmp_path, alice):
    run(tmp_path, fx.android(), "--person", "Rafael", "--me", fx.ME)
    Interaction.objects.filter(pk=Interaction.objects.earliest("occurred_at").pk).update(
        deleted=NOW
    )
    summary = run(tmp_path, fx.android(), "--person", "Rafael", "--me", fx.ME)
    assert (summary["created"], summary["already_there"]) == (0, 8)


TG_1969 = json.dumps(
    {"messages": [{"type": "message", "date": "1969-12-31T10:00:00", "from": "Sam", "text": "hi"}]}
).encode()
GROUP = b"13/12/2026, 10:00 - A: hi\n13/12/2026, 10:01 - B: hi\n13/12/2026, 10:02 - C: hi\n"
ERRORS = [
    ("not a chat", b"date,mood\n2026-01-01,good\n", [], "isn't a chat export"),
    ("a group chat", GROUP, ["--me", "A"], "group chats"),
    ("an unknown --me", fx.android(), ["--me", "Bob"], "“Bob” doesn't write in this chat"),
    ("no --me and nothing tells", fx.android(), [], "Say which one is you"),
    (
        "an undecided date order",
        b"07/12/2026, 10:00 - Sam: hi\n",
        ["--me", "Sam"],
        "day or the month",
    ),
    ("a zip bomb", None, ["--me", fx.ME], "unpacks to over"),
    ("a chat before 1970", TG_1969, ["--me", "Sam"], "before 1970"),
]


@pytest.mark.parametrize(("case", "data", "args", "words"), ERRORS, ids=[e[0] for e in ERRORS])
def test_errors_are_one_line_and_store_nothing(tmp_path, alice, case, data, args, words):
    if data is None:
        from portability.chat.parse import MAX_BYTES
        from tests.test_chat_parse import zipped

        data = zipped({"_chat.txt": b"a" * (MAX_BYTES + 1)})
    said = fails(tmp_path, data, "--username", "alice", "--person", "Someone", *args)
    assert words in said
    assert not Person.objects.exists()
    assert not Interaction.objects.exists()


def test_it_says_which_file_or_account_is_missing(tmp_path, alice):
    out = io.StringIO()
    command = Command(stdout=out, stderr=out)
    with pytest.raises(SystemExit):
        command.run_from_argv(
            [
                "manage.py",
                "import_chat",
                str(tmp_path / "gone.txt"),
                "--username",
                "alice",
                "--person",
                "Sam",
            ]
        )
    assert "Can't read" in out.getvalue() and "No such file" in out.getvalue()
    assert "no account named “zoe”" in fails(tmp_path, b"x", "--username", "zoe", "--person", "Sam")


def test_without_json_it_says_what_it_did(tmp_path, alice):
    out = io.StringIO()
    path = tmp_path / "chat.txt"
    path.write_bytes(fx.android())
    args = ["--username", "alice", "--person", "Rafael", "--me", fx.ME]
    call_command("import_chat", str(path), *args, stdout=out)
    assert "Stored 8 new conversations; 0 were there already." in out.getvalue()
    assert "9 messages from you and 8 from Rafael" in out.getvalue()


def test_an_answer_that_came_since_marks_the_wait(tmp_path, alice):
    early = fx.android(rows=fx.CHAT[:14])  # ends with my run 12-14: the last run, not counted
    run(tmp_path, early, "--person", "Rafael", "--me", fx.ME, "--date-order", "dmy")
    last = Interaction.objects.order_by("occurred_at").last()
    assert (last.chat.unanswered_me, last.reply) == (False, "")
    summary = run(tmp_path, fx.ios_zip(), "--person", "Rafael", "--me", fx.ME)
    assert (summary["created"], summary["already_there"]) == (1, 7)
    last.refresh_from_db()
    last.chat.refresh_from_db()
    # their "?" came 4440 minutes after my "ok then": now my run waited, and it shows
    assert (last.chat.unanswered_me, last.chat.waited, last.reply) == (True, 4440, "seen_no_reply")
    assert last.categories.filter(category="left_on_read", active=True).exists()


def test_a_chat_dated_ahead_of_today_is_read_as_the_phone_wrote_it(tmp_path, alice):
    ahead = b"13/12/2026, 10:00 - Sam: hi\n13/12/2026, 10:05 - Me: hello\n"
    summary = run(tmp_path, ahead, "--person", "Sam", "--me", "Me")
    assert (summary["first"], summary["created"]) == ("2026-12-13T10:00", 1)
