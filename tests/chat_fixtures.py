"""One small chat between Ana (me) and Rafael 🌊, written out in every export format.

The expected figures below were worked out by hand from shared/CHAT-IMPORT.md, message
by message (see the comments), not by running the code.
"""

import io
import json
import zipfile
from datetime import UTC, datetime

import pytest
import time_machine

ME, THEM = "Ana", "Rafael 🌊"
NOW = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)  # after the chat: none of it is in the future


@pytest.fixture
def clock():
    """Time stands at NOW (import it into a test module, or use it by name)."""
    with time_machine.travel(NOW, tick=False):
        yield


LONG = (
    "I slept badly, kept thinking about what you said on Saturday\n"
    "and I wanted to ask you properly whether you meant it or were just tired"
)  # 11 + 15 = 26 words
MEDIA = object()  # a photo, written as each format writes it

# (when, who, text, seconds the iOS and Telegram exports add)
CHAT = [
    (datetime(2026, 1, 5, 9, 12), ME, "Good morning! Did you sleep well?", 33),  # 1 starts C1 (me)
    (datetime(2026, 1, 5, 9, 20), THEM, "yes thanks", 5),  # 2 reply them 8
    (datetime(2026, 1, 5, 9, 21), THEM, "you?", 59),  # 3
    (datetime(2026, 1, 5, 9, 30), ME, LONG, 0),  # 4 reply me 9
    (datetime(2026, 1, 5, 9, 31), THEM, "k", 12),  # 5 reply them 1; short answer to 26 words
    (datetime(2026, 1, 5, 15, 31), ME, MEDIA, 40),  # 6 exactly 6 h: C2 (me); reply me 360
    (datetime(2026, 1, 5, 15, 45), ME, "are you free on\n12/03 works?", 1),  # 7 a date-like line
    (datetime(2026, 1, 6, 23, 10), THEM, "sorry, was busy 😅", 2),  # 8 1885 min: C3 (them)
    (datetime(2026, 1, 6, 23, 50), ME, "no worries", 3),  # 9 reply me 40, late
    (datetime(2026, 1, 7, 0, 15), THEM, "night", 4),  # 10 reply them 25, late
    (datetime(2026, 1, 7, 6, 15), THEM, "morning", 5),  # 11 double text at 6 h; C4 (them)
    (datetime(2026, 1, 8, 6, 15), ME, "morning!", 6),  # 12 exactly 24 h: answered; C5 (me)
    (datetime(2026, 1, 11, 22, 0), ME, "hello?", 7),  # 13 double text; C6 (me), late
    (datetime(2026, 1, 12, 10, 0), ME, "ok then", 8),  # 14 double text; C7 (me)
    (datetime(2026, 1, 15, 12, 0), THEM, "?", 9),  # 15 4440 min: my run unanswered; C8
    (datetime(2026, 1, 15, 12, 5), ME, "sorry! yes", 10),  # 16 reply me 5
    (datetime(2026, 1, 15, 12, 6), THEM, "ok", 11),  # 17 reply them 1; the last run
]

EXPECTED = {
    # me: 1 4 6 7 9 12 13 14 16; them: 2 3 5 8 10 11 15 17
    "messages": {"me": 9, "them": 8},
    # me: 6+26+0+6+2+1+1+2+2; them: 2+1+1+4+1+1+1+1
    "words": {"me": 46, "them": 12},
    "conversations": {"total": 8, "started_by_me": 5, "started_by_them": 3},
    "reply_minutes": {
        # me: 9 360 40 1440 5 -> 5 9 40 360 1440; p90 at ceil(4.5) = 5
        "me": {"median": 40, "p90": 1440, "count": 5},
        # them: 8 1 1885 25 4440 1 -> 1 1 8 25 1885 4440; median (8+25)/2; p90 at ceil(5.4) = 6
        "them": {"median": 16.5, "p90": 4440, "count": 6},
    },
    # me: 23:50 and 22:00 of 9; them: 23:10 and 00:15 of 8
    "late_night_share": {"me": 0.2222, "them": 0.25},
    # my runs 6-7 (1885 min) and 12-14 (4440 min); 10-11 waited exactly 24 h; 17 is last
    "unanswered": {"me": 2, "them": 0},
    # me: 13 (5265 min after 12), 14 (720); them: 11 (exactly 360)
    "double_texts": {"me": 2, "them": 1},
    # only run 4 has 20 words or more; run 5 answers it with one
    "short_answers": {"me": {"count": 0, "of": 0}, "them": {"count": 1, "of": 1}},
    "first": "2026-01-05T09:12",
    "last": "2026-01-15T12:06",
    "weeks": [
        # messages 1-13; conversations C1-C6
        {
            "week_start": "2026-01-05",
            "messages_me": 7,
            "messages_them": 6,
            "started_by_me": 4,
            "started_by_them": 2,
        },
        # messages 14-17; C7 (me), C8 (them)
        {
            "week_start": "2026-01-12",
            "messages_me": 2,
            "messages_them": 2,
            "started_by_me": 1,
            "started_by_them": 1,
        },
    ],
}


def android(us: bool = False, narrow: bool = True, crlf: bool = False, rows=None) -> bytes:
    """Android: day first and 24 h, or US month first and 12 h (U+202F before AM/PM)."""
    lines = [
        "05/01/2026, 09:12 - Messages and calls are end-to-end encrypted. No one else can read them."
    ]
    if us:
        lines = ["1/5/26, 9:12 AM - Messages and calls are end-to-end encrypted."]
    for at, who, text, _ in CHAT if rows is None else rows:
        said = "<Media omitted>" if text is MEDIA else text
        if us:
            half = "\u202f" if narrow else " "
            hour = at.hour % 12 or 12
            stamp = (
                f"{at.month}/{at.day}/{at:%y}, {hour}:{at:%M}{half}{'AM' if at.hour < 12 else 'PM'}"
            )
        else:
            stamp = f"{at:%d/%m/%Y, %H:%M}"
        lines.append(f"{stamp} - {who}: {said}")
        if at.day == 11:
            lines.append(f"{stamp} - {THEM} changed their phone number to a new number.")
    return ("\r\n" if crlf else "\n").join(lines).encode() + b"\n"


def ios_text() -> str:
    lines = [f"[05/01/2026, 09:12:00] {THEM}: \u200eMessages and calls are end-to-end encrypted."]
    for at, who, text, seconds in CHAT:
        said = "\u200eimage omitted" if text is MEDIA else text
        mark = "\u200e" if text is MEDIA else ""
        lines.append(f"{mark}[{at:%d/%m/%Y, %H:%M}:{seconds:02d}] {who}: {said}")
    return "\n".join(lines) + "\n"


def ios_zip(name: str = "_chat.txt", bom: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, ("\ufeff" if bom else "") + ios_text())
        archive.writestr("00000012-PHOTO-2026-01-05-15-31-40.jpg", b"\xff\xd8 not really a photo")
    return buffer.getvalue()


def telegram(extra: list | None = None) -> bytes:
    messages = [
        {
            "id": 1,
            "type": "service",
            "date": "2026-01-05T09:00:00",
            "actor": ME,
            "action": "phone_call",
        }
    ]
    for number, (at, who, text, seconds) in enumerate(CHAT, 2):
        when = at.replace(second=seconds).isoformat()
        item = {
            "id": number,
            "type": "message",
            "date": when,
            "from": who,
            "from_id": f"user{len(who)}",
        }
        if text is MEDIA:
            item |= {"photo": "photos/photo_1.jpg", "text": ""}
        elif text is LONG:
            head, tail = LONG.split("Saturday", 1)
            item["text"] = [head, {"type": "bold", "text": "Saturday"}, tail]
        else:
            item["text"] = text
        messages.append(item)
    messages += extra or []
    export = {"name": THEM, "type": "personal_chat", "id": 42, "messages": messages}
    return json.dumps(export, ensure_ascii=False, indent=1).encode()
