"""Read a chat export into messages, as shared/CHAT-IMPORT.md fixes it. Plain Python.

Three kinds of file, told apart by their bytes, not their names:

- a WhatsApp ``.txt``, from Android (``07/12/2026, 23:41 - Name: text``) or iOS
  (``[07/12/2026, 23:41:05] Name: text``), day or month first, 24 or 12 hours;
- a ``.zip`` holding one such ``.txt`` (iOS shares ``_chat.txt`` this way);
- Telegram Desktop's ``result.json`` of one personal chat.

Every time is the exporting phone's clock time, kept naive and to the minute (Android
shows no seconds, so iOS and Telegram drop theirs: one chat gives the same figures in
every format). Messages keep the file's order. Errors are ``ChatError`` with a message
written for the person; none of them quotes the chat's text.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta

MAX_BYTES = 20 * 1024 * 1024  # a file, or the chat inside a zip once unpacked
MAX_SENDERS_LISTED = 4

WHATSAPP = "whatsapp"
TELEGRAM = "telegram"

# Marks phones put around names and texts: left-to-right mark, right-to-left mark,
# the embedding and isolate controls WhatsApp wraps phone numbers in.
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
LRM = "\u200e"
_NO_BIDI = {ord(c): None for c in BIDI}

_DATE = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2}),?[ \u00a0\u202f]"
_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[ \u00a0\u202f]?([AaPp])\.?[ \u00a0\u202f]?[Mm]\.?)?"
# A line that starts a message (or a notice): its stamp, maybe behind U+200E marks.
ANDROID_LINE = re.compile("^\u200e*" + _DATE + _TIME + r" [-\u2013] ", re.MULTILINE)
IOS_LINE = re.compile("^\u200e*\\[" + _DATE + _TIME + r"\] ", re.MULTILINE)
HEAD = 64 * 1024  # characters in which a chat's first stamp is looked for first
FIELDS = 7  # the groups of a stamp: first, second, year, hour, minute, second, AM/PM

ANDROID_MEDIA = "<Media omitted>"
IOS_MEDIA = frozenset(
    {
        "image omitted",
        "video omitted",
        "audio omitted",
        "sticker omitted",
        "GIF omitted",
        "document omitted",
    }
)


class ChatError(ValueError):
    """The file can't be read as a chat of two. The message is written for the person."""


class DateOrderUnknown(ChatError):
    """No date in the file says whether the day or the month comes first."""

    def __init__(self) -> None:
        super().__init__(
            "No date in this chat shows whether the day or the month comes first. "
            "Say which (day first or month first) and import it again."
        )


DAY = 24 * 60
EPOCH = datetime(1, 1, 1)


def minute_of(at: datetime) -> int:
    """A clock time as minutes from 0001-01-01 00:00: differences are plain subtraction."""
    return (at.toordinal() - 1) * DAY + at.hour * 60 + at.minute


def moment(minute: int) -> datetime:
    """The clock time a minute count stands for."""
    return EPOCH + timedelta(minutes=minute)


@dataclass(slots=True)
class Message:
    minute: int  # the clock time on the exporting phone, to the minute (see minute_of)
    sender: str
    text: str
    words: int

    @property
    def at(self) -> datetime:
        return moment(self.minute)


@dataclass
class Chat:
    source: str  # WHATSAPP or TELEGRAM
    kind: str  # which layout: "android", "ios", "telegram"
    messages: list[Message]
    senders: list[str]  # in the order they first wrote
    title: str = ""  # Telegram's name for the chat: the other person

    @property
    def first(self) -> datetime:
        return self.messages[0].at

    @property
    def last(self) -> datetime:
        return self.messages[-1].at


def word_count(text: str) -> int:
    """Whitespace-separated tokens: an emoji alone is one."""
    return len(text.split())


def clean_name(name: str) -> str:
    """A sender's name without the invisible marks around it, spaces collapsed."""
    return " ".join(name.translate(_NO_BIDI).split())


# Reading the bytes ---------------------------------------------------------------------


def read_chat(data: bytes, date_order: str | None = None) -> Chat:
    """The chat in an export's bytes. `date_order` ("dmy" or "mdy") is used only when the
    file itself never shows which comes first. Raises ChatError."""
    if date_order not in (None, "dmy", "mdy"):
        raise ChatError("The date order is either dmy (day first) or mdy (month first).")
    if len(data) > MAX_BYTES:
        raise ChatError(f"That file is over {MAX_BYTES // (1024 * 1024)} MB, too big to read.")
    if data[:4] == b"PK\x03\x04":
        data = _unzip(data)
    text = _decode(data)
    chat = _telegram(text) if text.lstrip()[:1] == "{" else _whatsapp(text, date_order)
    if not chat.messages:
        raise ChatError("There are no messages in this chat.")
    if len(chat.senders) > 2:
        names = ", ".join(chat.senders[:MAX_SENDERS_LISTED])
        more = "…" if len(chat.senders) > MAX_SENDERS_LISTED else ""
        raise ChatError(
            f"{len(chat.senders)} people write in this chat ({names}{more}). "
            "Only a chat between two people can be read: group chats are not."
        )
    return chat


def _unzip(data: bytes) -> bytes:
    """The one chat .txt inside a zip, unpacked within MAX_BYTES (a zip bomb stops there)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            texts = [
                info
                for info in archive.infolist()
                if info.filename.lower().endswith(".txt")
                and not info.filename.startswith("__MACOSX/")
                and not info.is_dir()
            ]
            chats = [i for i in texts if i.filename.rsplit("/", 1)[-1] == "_chat.txt"]
            chosen = chats or texts
            if len(chosen) != 1:
                raise ChatError(
                    "That zip holds no chat text file."
                    if not chosen
                    else "That zip holds more than one text file: export one chat at a time."
                )
            info = chosen[0]
            if info.file_size > MAX_BYTES:
                raise ChatError(_too_big_unpacked())
            with archive.open(info) as member:
                unpacked = member.read(MAX_BYTES + 1)
    except (zipfile.BadZipFile, NotImplementedError, EOFError, RuntimeError, OSError):
        raise ChatError("That zip can't be opened. Export the chat again.") from None
    if len(unpacked) > MAX_BYTES:
        raise ChatError(_too_big_unpacked())
    return unpacked


def _too_big_unpacked() -> str:
    return f"The chat in that zip unpacks to over {MAX_BYTES // (1024 * 1024)} MB, too big to read."


def _decode(data: bytes) -> str:
    try:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ChatError(
            "That file isn't a chat export: it isn't text. Export the chat again "
            "(WhatsApp: Export chat; Telegram Desktop: Export chat history as JSON)."
        ) from None
    return text.lstrip("\ufeff")


def _not_a_chat() -> ChatError:
    return ChatError(
        "That file isn't a chat export we know. Use WhatsApp's Export chat (the .txt or "
        "the .zip) or Telegram Desktop's result.json of one chat."
    )


# WhatsApp ------------------------------------------------------------------------------


def _whatsapp(text: str, date_order: str | None) -> Chat:
    """Messages from a WhatsApp .txt, Android or iOS, the layout found from the first stamp.

    One split of the whole text at the stamps does the line work in C: it gives each
    stamp's fields, then everything up to the next stamp (continuation lines included).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # The first stamp is near the top: look there before reading the whole text.
    found = [(m.start(), p) for p in (IOS_LINE, ANDROID_LINE) if (m := p.search(text, 0, HEAD))]
    found = found or [(m.start(), p) for p in (IOS_LINE, ANDROID_LINE) if (m := p.search(text))]
    if not found:
        raise _not_a_chat()
    pattern = min(found, key=lambda item: item[0])[1]
    parts = pattern.split(text)
    stamps = [tuple(parts[i : i + FIELDS]) for i in range(1, len(parts), FIELDS + 1)]
    bodies = parts[FIELDS + 1 :: FIELDS + 1]
    order = _date_order(stamps, date_order)
    try:
        return _whatsapp_messages(
            stamps, bodies, order, "ios" if pattern is IOS_LINE else "android"
        )
    except _BadStamp as bad:
        start = next(m.start() for n, m in enumerate(pattern.finditer(text)) if n == bad.index)
        line = text.count("\n", 0, start) + 1
        raise ChatError(f"Line {line} has a {bad.what} that doesn't exist.") from None


class _BadStamp(Exception):
    def __init__(self, index: int, what: str):
        self.index, self.what = index, what


def _date_order(stamps, given: str | None) -> str:
    """dmy or mdy, as the file shows it (a first field over 12: day first; a second over
    12: month first); else as given; else DateOrderUnknown."""
    day_first = month_first = False
    for fields in stamps:
        day_first = day_first or int(fields[0]) > 12
        month_first = month_first or int(fields[1]) > 12
        if day_first and month_first:
            raise ChatError(
                "The dates in this chat disagree: some have the day first, some the month. "
                "Export it again."
            )
    if day_first:
        return "dmy"
    if month_first:
        return "mdy"
    if given:
        return given
    raise DateOrderUnknown()


def _whatsapp_messages(stamps: list[tuple], bodies: list[str], order: str, kind: str) -> Chat:
    messages: list[Message] = []
    senders: dict[str, None] = {}
    days: dict[tuple, int] = {}
    clocks: dict[tuple, int] = {}
    names: dict[str, str] = {}
    ios = kind == "ios"
    for index, (fields, body) in enumerate(zip(stamps, bodies, strict=True)):
        name, colon, said = body.partition(": ")
        if not colon or "\n" in name or not name.strip(BIDI + " "):
            continue  # a system line: no "Name: "
        if ios and said[:1] == LRM and not _ios_media(said):
            continue  # iOS writes its notices under a name, behind a mark
        day = days.get(fields[:3])
        if day is None:
            day = days[fields[:3]] = _day(fields, order, index)
        clock = clocks.get(fields[3:])
        if clock is None:
            clock = clocks[fields[3:]] = _clock(fields, index)
        minute = day + clock
        sender = names.get(name)
        if sender is None:
            sender = names[name] = clean_name(name)
            senders.setdefault(sender, None)
        said = said.rstrip("\n")
        media = said == ANDROID_MEDIA or (said[:1] == LRM and _ios_media(said))
        messages.append(Message(minute, sender, said, 0 if media else len(said.split())))
    return Chat(WHATSAPP, kind, messages, list(senders))


def _ios_media(said: str) -> bool:
    if not said.startswith(LRM):
        return False
    bare = said.lstrip(LRM).strip()
    return bare in IOS_MEDIA or (bare.startswith("<attached: ") and bare.endswith(">"))


def _day(fields: tuple, order: str, index: int) -> int:
    """The minute a stamped line's day begins."""
    first, second, year = fields[:3]
    day, month = (first, second) if order == "dmy" else (second, first)
    try:
        found = date(int(year) + (2000 if len(year) == 2 else 0), int(month), int(day))
    except ValueError:
        raise _BadStamp(index, "date") from None
    return (found.toordinal() - 1) * DAY


def _clock(fields: tuple, index: int) -> int:
    """Minutes into the day of a stamped line's time, seconds dropped."""
    hour, minute, half = int(fields[3]), int(fields[4]), fields[6]
    if half is not None:
        if not 1 <= hour <= 12:
            raise _BadStamp(index, "time")
        hour = hour % 12 + (12 if half in "Pp" else 0)
    if hour > 23 or minute > 59:
        raise _BadStamp(index, "time")
    return hour * 60 + minute


# Telegram ------------------------------------------------------------------------------


def _telegram(text: str) -> Chat:
    try:
        export = json.loads(text)
    except (ValueError, RecursionError):
        raise _not_a_chat() from None
    if not isinstance(export, dict):
        raise _not_a_chat()
    if "messages" not in export and isinstance(export.get("chats"), dict):
        raise ChatError(
            "That is a whole Telegram account's export. Export one chat instead "
            "(open the chat, ⋮, Export chat history, as JSON)."
        )
    items = export.get("messages")
    if not isinstance(items, list):
        raise _not_a_chat()
    messages: list[Message] = []
    senders: dict[str, None] = {}
    for position, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ChatError(f"Message {position} in that file is not one Telegram writes.")
        if item.get("type") != "message":
            continue
        sender = item.get("from")
        sender = clean_name(sender) if isinstance(sender, str) else ""
        if not sender:
            sender = clean_name(str(item.get("from_id") or "Deleted account"))
        said = _telegram_text(item.get("text", ""), position)
        minute = minute_of(_telegram_date(item.get("date"), position))
        senders.setdefault(sender, None)
        messages.append(Message(minute, sender, said, word_count(said)))
    title = export.get("name")
    title = clean_name(title) if isinstance(title, str) else ""
    return Chat(TELEGRAM, "telegram", messages, list(senders), title)


def _telegram_text(value, position: int) -> str:
    """A string, or a list of strings and {"type": ..., "text": ...} parts, joined."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = []
        for part in value:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text", ""), str):
                parts.append(part.get("text", ""))
            else:
                raise ChatError(f"Message {position} in that file has a text we can't read.")
        return "".join(parts)
    if value is None:
        return ""
    raise ChatError(f"Message {position} in that file has a text we can't read.")


def _telegram_date(value, position: int) -> datetime:
    if not isinstance(value, str):
        raise ChatError(f"Message {position} in that file has no date.")
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise ChatError(f"Message {position} in that file has a date we can't read.") from None
    return at.replace(tzinfo=None, second=0, microsecond=0)


# Who is who ----------------------------------------------------------------------------


def pick_me(chat: Chat, me: str | None = None, person: str | None = None) -> str:
    """Which sender is the user: `me` if given (it must be one of them); else the one that
    isn't the Telegram chat's name or the journal person's name. Raises ChatError."""
    if me is not None:
        wanted = clean_name(me)
        for sender in chat.senders:
            if sender == wanted:
                return sender
        for sender in chat.senders:
            if sender.casefold() == wanted.casefold():
                return sender
        raise ChatError(f"“{wanted}” doesn't write in this chat. {_who_writes(chat)}")
    for other in (chat.title, person):
        if not other:
            continue
        others = [s for s in chat.senders if s.casefold() == clean_name(other).casefold()]
        rest = [s for s in chat.senders if s not in others]
        if others and len(rest) == 1:
            return rest[0]
    raise ChatError(f"Say which one is you. {_who_writes(chat)}")


def _who_writes(chat: Chat) -> str:
    names = " and ".join(f"“{s}”" for s in chat.senders)
    return f"The chat is between {names}." if len(chat.senders) > 1 else f"Only {names} writes."
