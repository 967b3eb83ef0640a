"""Reading chat exports (portability.chat.parse): every format, and files that aren't right."""

import io
import json
import zipfile
from datetime import datetime

import pytest

from portability.chat import figures
from portability.chat.parse import (
    MAX_BYTES,
    ChatError,
    DateOrderUnknown,
    pick_me,
    read_chat,
)
from tests import chat_fixtures as fx

D = datetime


def zipped(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def tg(*messages, name="Sam") -> bytes:
    return json.dumps({"name": name, "type": "personal_chat", "messages": list(messages)}).encode()


# (case, file bytes, date order given, expected [(at, sender, text, words)])
READS = [
    (
        "android day first, 24 h",
        b"07/12/2026, 23:41 - Sam: hi there\n13/12/2026, 08:05 - Me: morning\n",
        None,
        [
            (D(2026, 12, 7, 23, 41), "Sam", "hi there", 2),
            (D(2026, 12, 13, 8, 5), "Me", "morning", 1),
        ],
    ),
    (
        "android US 12 h with U+202F",
        "12/7/26, 11:41\u202fPM - Sam: hi\n12/13/26, 12:05\u202fAM - Me: yo\n".encode(),
        None,
        [(D(2026, 12, 7, 23, 41), "Sam", "hi", 1), (D(2026, 12, 13, 0, 5), "Me", "yo", 1)],
    ),
    (
        "android US 12 h with a plain space, noon",
        b"12/13/26, 12:30 PM - Sam: lunch?\n",
        None,
        [(D(2026, 12, 13, 12, 30), "Sam", "lunch?", 1)],
    ),
    (
        "iOS with seconds dropped and U+200E before the line",
        "\u200e[13/12/2026, 23:41:59] Sam: hi\n[13/12/2026, 23:42:01] Me: hey you\n".encode(),
        None,
        [(D(2026, 12, 13, 23, 41), "Sam", "hi", 1), (D(2026, 12, 13, 23, 42), "Me", "hey you", 2)],
    ),
    (
        "iOS US 12 h",
        b"[12/13/26, 9:05:00 PM] Sam: hi\n",
        None,
        [(D(2026, 12, 13, 21, 5), "Sam", "hi", 1)],
    ),
    (
        "a multi-line message, with a line that looks like a date",
        b"13/12/2026, 10:00 - Sam: are you free\n12/03 works?\n\n13/12/2026, 10:01 - Me: yes\n",
        None,
        [
            (D(2026, 12, 13, 10, 0), "Sam", "are you free\n12/03 works?", 5),
            (D(2026, 12, 13, 10, 1), "Me", "yes", 1),
        ],
    ),
    (
        "a line with a date and time but not the stamp continues the message",
        b"13/12/2026, 10:00 - Sam: landing at\n13/12/2026, 18:30 if all goes well\n",
        None,
        [(D(2026, 12, 13, 10, 0), "Sam", "landing at\n13/12/2026, 18:30 if all goes well", 8)],
    ),
    (
        "system lines are not messages",
        b"13/12/2026, 10:00 - Messages and calls are end-to-end encrypted. Tap to learn more.\n"
        b"13/12/2026, 10:01 - Sam changed their phone number to a new number.\n"
        b"13/12/2026, 10:02 - Sam: hi\n",
        None,
        [(D(2026, 12, 13, 10, 2), "Sam", "hi", 1)],
    ),
    (
        "iOS notices behind U+200E are not messages, its placeholders are",
        "[13/12/2026, 10:00:00] Sam: \u200eMessages and calls are end-to-end encrypted.\n"
        "[13/12/2026, 10:01:00] Sam: \u200eimage omitted\n"
        "[13/12/2026, 10:02:00] Me: \u200e<attached: 00000012-PHOTO.jpg>\n"
        "[13/12/2026, 10:03:00] Me: \u200eGIF omitted\n".encode(),
        None,
        [
            (D(2026, 12, 13, 10, 1), "Sam", "\u200eimage omitted", 0),
            (D(2026, 12, 13, 10, 2), "Me", "\u200e<attached: 00000012-PHOTO.jpg>", 0),
            (D(2026, 12, 13, 10, 3), "Me", "\u200eGIF omitted", 0),
        ],
    ),
    (
        "android media placeholder has no words",
        b"13/12/2026, 10:00 - Sam: <Media omitted>\n",
        None,
        [(D(2026, 12, 13, 10, 0), "Sam", "<Media omitted>", 0)],
    ),
    (
        "CRLF line ends, a BOM, emoji and marks in names, emoji as words",
        "\ufeff13/12/2026, 10:00 - \u202aSam 🌙\u202c: 😂 😂\r\nok\r\n".encode(),
        None,
        [(D(2026, 12, 13, 10, 0), "Sam 🌙", "😂 😂\nok", 3)],
    ),
    (
        "UTF-16 with its BOM",
        "13/12/2026, 10:00 - Sam: hi\n".encode("utf-16"),
        None,
        [(D(2026, 12, 13, 10, 0), "Sam", "hi", 1)],
    ),
    (
        "an undecided date order, given as day first",
        b"07/12/2026, 10:00 - Sam: hi\n",
        "dmy",
        [(D(2026, 12, 7, 10, 0), "Sam", "hi", 1)],
    ),
    (
        "an undecided date order, given as month first",
        b"07/12/2026, 10:00 - Sam: hi\n",
        "mdy",
        [(D(2026, 7, 12, 10, 0), "Sam", "hi", 1)],
    ),
    (
        "the file's own order wins over the one given",
        b"07/12/2026, 10:00 - Sam: hi\n13/12/2026, 10:00 - Sam: hi\n",
        "mdy",
        [(D(2026, 12, 7, 10, 0), "Sam", "hi", 1), (D(2026, 12, 13, 10, 0), "Sam", "hi", 1)],
    ),
    (
        "a system line decides the date order too",
        b"13/12/2026, 09:00 - Sam changed their phone number.\n07/12/2026, 10:00 - Sam: hi\n",
        None,
        [(D(2026, 12, 7, 10, 0), "Sam", "hi", 1)],
    ),
    (
        "ties and out-of-order times keep the file's order",
        b"13/12/2026, 10:05 - Sam: b\n13/12/2026, 10:05 - Me: a\n13/12/2026, 10:01 - Sam: c\n",
        None,
        [
            (D(2026, 12, 13, 10, 5), "Sam", "b", 1),
            (D(2026, 12, 13, 10, 5), "Me", "a", 1),
            (D(2026, 12, 13, 10, 1), "Sam", "c", 1),
        ],
    ),
    (
        "a zip with _chat.txt and media",
        zipped({"_chat.txt": b"[13/12/2026, 10:00:00] Sam: hi\n", "photo.jpg": b"\xff\xd8"}),
        None,
        [(D(2026, 12, 13, 10, 0), "Sam", "hi", 1)],
    ),
    (
        "a zip with one other .txt",
        zipped({"WhatsApp Chat with Sam.txt": b"13/12/2026, 10:00 - Sam: hi\n"}),
        None,
        [(D(2026, 12, 13, 10, 0), "Sam", "hi", 1)],
    ),
    (
        "telegram text as a string, a list of parts, empty (a photo); service skipped",
        tg(
            {
                "type": "service",
                "date": "2026-12-13T09:00:00",
                "actor": "Sam",
                "action": "pin_message",
            },
            {"type": "message", "date": "2026-12-13T10:00:59", "from": "Sam", "text": "see you"},
            {
                "type": "message",
                "date": "2026-12-13T10:01:00",
                "from": "Me",
                "text": ["go ", {"type": "link", "text": "example.org"}, " now"],
            },
            {
                "type": "message",
                "date": "2026-12-13T10:02:00",
                "from": "Sam",
                "text": "",
                "photo": "p.jpg",
            },
        ),
        None,
        [
            (D(2026, 12, 13, 10, 0), "Sam", "see you", 2),
            (D(2026, 12, 13, 10, 1), "Me", "go example.org now", 3),
            (D(2026, 12, 13, 10, 2), "Sam", "", 0),
        ],
    ),
]


@pytest.mark.parametrize(("case", "data", "order", "expected"), READS, ids=[r[0] for r in READS])
def test_it_reads_each_format(case, data, order, expected):
    chat = read_chat(data, order)
    got = [(m.at, m.sender, m.text, m.words) for m in chat.messages]
    assert got == expected


def test_it_tells_the_formats_apart():
    assert read_chat(fx.android()).kind == "android"
    assert read_chat(fx.android(us=True)).kind == "android"
    assert read_chat(fx.ios_zip()).kind == "ios"
    chat = read_chat(fx.telegram())
    assert (chat.source, chat.kind, chat.title) == ("telegram", "telegram", fx.THEM)
    assert read_chat(fx.android()).source == "whatsapp"


FORMATS = {
    "android day first": fx.android(),
    "android US, U+202F": fx.android(us=True),
    "android US, plain space": fx.android(us=True, narrow=False),
    "android CRLF": fx.android(crlf=True),
    "iOS zip": fx.ios_zip(),
    "iOS zip without BOM, other name": fx.ios_zip(
        name="WhatsApp Chat - Rafael/_chat.txt", bom=False
    ),
    "iOS text": fx.ios_text().encode(),
    "telegram": fx.telegram(),
}


@pytest.mark.parametrize("name", FORMATS)
def test_one_chat_gives_the_same_figures_in_every_format(name):
    chat = read_chat(FORMATS[name])
    assert chat.senders == [fx.ME, fx.THEM]
    assert figures.summarise(figures.points(chat.messages, fx.ME)) == fx.EXPECTED


# (case, file bytes, words the message must hold)
REFUSED = [
    ("empty", b"", "isn't a chat export"),
    ("not text", b"\x00\x01\x02\xff\xfe\xfa" * 50, "isn't"),
    (
        "a CSV",
        b"full_date,date,weekday,time,mood\n2026-01-01,Jan 1,Thu,10:00,good\n",
        "isn't a chat export",
    ),
    ("a JSON list", b"[1, 2]", "isn't a chat export"),
    ("JSON without messages", b'{"name": "x"}', "isn't a chat export"),
    ("a whole Telegram account", b'{"chats": {"list": []}}', "Export one chat"),
    ("broken JSON", b'{"messages": [', "isn't a chat export"),
    (
        "only system lines",
        b"13/12/2026, 10:00 - Messages and calls are end-to-end encrypted.\n",
        "no messages",
    ),
    ("telegram without messages", tg(), "no messages"),
    (
        "a group chat",
        b"13/12/2026, 10:00 - A: hi\n13/12/2026, 10:01 - B: hi\n13/12/2026, 10:02 - C: hi\n",
        "group chats",
    ),
    (
        "a telegram group",
        tg(
            *(
                {"type": "message", "date": "2026-01-01T10:00:00", "from": n, "text": "x"}
                for n in "ABC"
            )
        ),
        "3 people",
    ),
    (
        "no date order",
        b"07/12/2026, 10:00 - Sam: hi\n08/12/2026, 10:00 - Me: hi\n",
        "day or the month",
    ),
    (
        "dates that disagree",
        b"13/12/2026, 10:00 - Sam: hi\n12/13/2026, 10:00 - Me: hi\n",
        "disagree",
    ),
    ("a day that doesn't exist", b"31/02/2026, 10:00 - Sam: hi\n", "Line 1"),
    ("an hour that doesn't exist", b"13/12/2026, 25:00 - Sam: hi\n", "Line 1"),
    ("a 12 h time of 13", b"12/13/26, 13:00 PM - Sam: hi\n", "Line 1"),
    ("telegram without a date", tg({"type": "message", "from": "Sam", "text": "x"}), "no date"),
    (
        "telegram with a bad date",
        tg({"type": "message", "date": "yesterday", "from": "Sam", "text": "x"}),
        "date",
    ),
    (
        "telegram with a bad text",
        tg({"type": "message", "date": "2026-01-01T10:00:00", "from": "Sam", "text": 5}),
        "text",
    ),
    ("telegram message not an object", tg("hello"), "Message 1"),
    ("a broken zip", b"PK\x03\x04 not really a zip", "can't be opened"),
    ("a zip without a chat", zipped({"photo.jpg": b"\xff\xd8"}), "no chat"),
    ("a zip with two chats", zipped({"a.txt": b"x", "b.txt": b"y"}), "more than one"),
    ("a zip bomb", zipped({"_chat.txt": b"a" * (MAX_BYTES + 10)}), "unpacks to over"),
    ("a file over the limit", b"1" * (MAX_BYTES + 1), "too big"),
]


@pytest.mark.parametrize(("case", "data", "words"), REFUSED, ids=[r[0] for r in REFUSED])
def test_it_refuses_what_is_not_a_chat_of_two(case, data, words):
    with pytest.raises(ChatError) as caught:
        read_chat(data)
    assert words in str(caught.value)


def test_an_undecided_order_is_its_own_error():
    with pytest.raises(DateOrderUnknown):
        read_chat(b"07/12/2026, 10:00 - Sam: hi\n")


def test_it_refuses_an_odd_date_order():
    with pytest.raises(ChatError, match="dmy"):
        read_chat(fx.android(), "ymd")


def test_errors_never_quote_the_chat():
    secret = b"13/12/2026, 31:00 - Sam: my secret plan\n"
    with pytest.raises(ChatError) as caught:
        read_chat(secret)
    assert "secret" not in str(caught.value)


@pytest.mark.parametrize(
    ("me", "person", "expected"),
    [
        ("Ana", None, fx.ME),
        ("  ana ", None, fx.ME),  # spaces and case forgiven
        (None, "rafael 🌊", fx.ME),  # the other one is the journal's person
        (None, None, fx.ME),  # Telegram names the chat after the other person
    ],
)
def test_it_picks_me(me, person, expected):
    assert pick_me(read_chat(fx.telegram()), me, person) == expected


def test_it_asks_who_is_me_when_nothing_tells():
    chat = read_chat(fx.android())
    with pytest.raises(ChatError, match="Say which one is you"):
        pick_me(chat, None, "Someone else")
    with pytest.raises(ChatError, match="“Bob” doesn't write in this chat"):
        pick_me(chat, "Bob")
