"""Read a Daylio CSV export and map it onto Almost's entries. Pure: no database.

Daylio writes one row per mood entry with the columns full_date, date, weekday, time,
mood, activities, note_title and note. We keep the date and time (in the person's own
time zone), turn the mood into a feeling from -3 to +3, keep activities that are also
one of our feeling words, and join the title and the note into the entry's text.
Everything we leave out is said in the report, with the reason.
"""

import csv
import io
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from journal.models import EARLIEST, MAX_TEXT, Feeling

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
MOODS = {"rad": 3, "good": 2, "meh": 0, "bad": -2, "awful": -3}
REQUIRED = ("full_date", "time", "mood", "note")
KNOWN = ("full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note")
TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p", "%I:%M%p")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d")


class DaylioError(ValueError):
    """The file as a whole cannot be read. The message is written for the person."""


@dataclass
class Row:
    """One Daylio row mapped to an entry."""

    line: int
    occurred_at: datetime
    feeling: int
    feelings: list[str]
    text: str
    mood: str
    truncated: bool = False


@dataclass
class Skipped:
    line: int
    reason: str


@dataclass
class Result:
    rows: list[Row] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    truncated: list[int] = field(default_factory=list)
    custom_moods: Counter = field(default_factory=Counter)
    other_activities: Counter = field(default_factory=Counter)

    def skip_counts(self) -> list[tuple[str, int]]:
        """How many rows were skipped for each reason, most common first."""
        return Counter(s.reason for s in self.skipped).most_common()

    def moods(self) -> list[tuple[str, int]]:
        """Mood names we don't know, with how often each came (as neutral), for the report."""
        return self.custom_moods.most_common()

    def activities(self) -> list[tuple[str, int]]:
        """Activities that aren't feeling words (left out), most common first."""
        return self.other_activities.most_common()

    def span(self) -> tuple[datetime, datetime] | None:
        """The first and last moment among the rows to import."""
        if not self.rows:
            return None
        moments = [row.occurred_at for row in self.rows]
        return min(moments), max(moments)

    def drop_existing(self, existing: set[tuple[datetime, str]]) -> None:
        """Skip rows already in the journal: same moment, same text (a file imported twice)."""
        keep = []
        for row in self.rows:
            if (row.occurred_at, row.text) in existing:
                self.skipped.append(Skipped(row.line, "already in your journal"))
                if row.truncated:
                    self.truncated.remove(row.line)
            else:
                keep.append(row)
        self.rows = keep
        self.skipped.sort(key=lambda s: s.line)


def clean_text(value: str) -> str:
    """Text as we store it: no NUL characters (PostgreSQL cannot keep them), no outer space."""
    return value.replace("\x00", "").strip()


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise DaylioError("That file is over 5 MB. Export a shorter date range from Daylio.")
    if not data.strip():
        raise DaylioError("That file is empty.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DaylioError(
            "That file isn't plain UTF-8 text. Export it again from Daylio as CSV."
        ) from None
    if "\x00" in text:
        raise DaylioError("That looks like a binary file, not a CSV export.")
    return text


def read_header(reader) -> dict[str, int]:
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise DaylioError("That file isn't a CSV export from Daylio.") from None
    columns = {clean_text(name).lower(): i for i, name in reversed(list(enumerate(header)))}
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise DaylioError(
            "That doesn't look like a Daylio export: it has no "
            + ", ".join(f"“{name}”" for name in missing)
            + " column. Daylio's CSV starts with full_date, date, weekday, time, mood."
        )
    return columns


def parse_date(value: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def parse_time(value: str) -> time | None:
    value = " ".join(value.replace(".", "").upper().split())
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(value, fmt).time()
        except ValueError:
            continue
    return None


def map_row(cells: dict[str, str], line: int, tz: zoneinfo.ZoneInfo, result: Result):
    """A Row, or the reason the row is skipped (a string)."""
    if not any(cells.values()):
        return "empty"
    day = parse_date(cells["full_date"])
    if day is None:
        return "a date we couldn't read"
    moment = parse_time(cells["time"])
    if moment is None:
        return "a time we couldn't read"
    try:
        occurred_at = datetime.combine(day, moment, tzinfo=tz)
    except (OverflowError, ValueError):
        return "a date we couldn't read"
    if occurred_at > datetime.now(tz) + timedelta(days=1):
        return "a date in the future"
    if occurred_at < EARLIEST:
        return "a date before 1970"
    mood = " ".join(cells["mood"].split())
    feeling = MOODS.get(mood.lower())
    if feeling is None:
        feeling = 0
        result.custom_moods[mood or "(no mood)"] += 1
    words = []
    for activity in cells.get("activities", "").split("|"):
        name = " ".join(activity.split())
        if not name:
            continue
        if name.lower() in Feeling.values and name.lower() not in words:
            words.append(name.lower())
        elif name.lower() not in Feeling.values:
            result.other_activities[name] += 1
    parts = [clean_text(cells.get("note_title", "")), clean_text(cells["note"])]
    text = "\n\n".join(part for part in parts if part)
    row = Row(line, occurred_at, feeling, words, text, mood)
    if len(text) > MAX_TEXT:
        row.text = text[:MAX_TEXT].rstrip()
        row.truncated = True
        result.truncated.append(line)
    return row


def parse(data: bytes, tz: zoneinfo.ZoneInfo) -> Result:
    """Map a Daylio CSV export onto entries. Raises DaylioError for a file we can't read.

    Rows that repeat an earlier row (same moment, same text) are skipped; call
    Result.drop_existing to skip those already in the journal too.
    """
    text = decode(data)
    # A long note is one big field; the default limit (128 KB) would refuse the whole file.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
    reader = csv.reader(io.StringIO(text, newline=""))
    columns = read_header(reader)
    result = Result()
    seen = set()
    try:
        for number, values in enumerate(reader, start=2):
            if number - 1 > MAX_ROWS:
                raise DaylioError(f"That file has more than {MAX_ROWS:,} rows. Import it in parts.")
            cells = {
                name: values[i].strip() if i < len(values) else "" for name, i in columns.items()
            }
            mapped = map_row(cells, number, tz, result)
            if isinstance(mapped, str):
                result.skipped.append(Skipped(number, mapped))
                continue
            key = (mapped.occurred_at, mapped.text)
            if key in seen:
                result.skipped.append(Skipped(number, "the same as an earlier row"))
                if mapped.truncated:
                    result.truncated.remove(number)
                continue
            seen.add(key)
            result.rows.append(mapped)
    except csv.Error:
        raise DaylioError("That file isn't a CSV export we can read.") from None
    return result
