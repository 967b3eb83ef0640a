"""Read an Almost export (portability.export's format): check all of it, then hand it out.

The file's text is kept, never decoded whole: its entries are decoded one at a time,
on each of three walks through them (to find where they end, to check every one and
gather what is wrong in plain words, and, in Plan.entries, to hand them to
portability.imports.restore, which writes them in batches). So memory stays near the size
of the file however many entries it holds; each walk takes about a second for 20 MB.
"""

import json
import math
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from accounts.models import validate_time_zone
from journal.models import (
    EARLIEST,
    LINE_LIMITS,
    MAX_TEXT,
    Basic,
    Channel,
    ChatConversation,
    ChatSource,
    Choice,
    Decision,
    EntryCategory,
    Feeling,
    Initiator,
    Interaction,
    Line,
    Person,
    PlanOutcome,
    Relationship,
    Reply,
    Source,
    trash_cutoff,
)
from journal.signs import MAX_REASON_LENGTH, MAX_REASONS, without_quotes
from patterns.classifier import learned
from patterns.classifier.categories import BY_SLUG
from portability.export import FORMAT, VERSION

MAX_EXPORT_BYTES = 20 * 1024 * 1024
MAX_PROBLEMS = 10
NOT_JSON = "That file isn't an export from Almost (it isn't JSON)."

# One entry of a plan: its person's key, the entry, created, updated, its categories.
PlannedEntry = tuple[str, Interaction, datetime, datetime, list[EntryCategory]]


class ExportFileError(ValueError):
    """The file can't be imported. ``problems`` are sentences for the person."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class _Stop(Exception):
    """Ends a parse early; the errors already gathered say why."""


@dataclass
class Plan:
    """What an export file will create, checked and unsaved: the account's settings and
    people, and its entries read again from the file by entries()."""

    time_zone: str
    week_start: int
    people: list[tuple[str, Person, datetime]] = field(default_factory=list)
    count: int = 0
    tuning: learned.Tuning | None = None  # what the corrections taught the classifier
    basics: list[tuple[str | None, Basic]] = field(default_factory=list)  # person key or None
    decisions: list[tuple[str, Decision]] = field(default_factory=list)
    _records: "Records | None" = None

    def entries(self) -> Iterator[PlannedEntry]:
        """Each entry, unsaved, as the first pass checked it (expired trash left out)."""
        keys = {key for key, _person, _created in self.people}
        reader = _Reader()
        yield from _read_entries(reader, self._records(reader), keys)


MISSING = object()


class _Reader:
    """Typed reads from decoded JSON that note what is wrong, and where, in plain words."""

    def __init__(self):
        self.problems: list[str] = []
        self.future = timezone.now() + timedelta(days=1)

    def fail(self, where: str, what: str):
        self.problems.append(f"{where}: {what}")
        if len(self.problems) >= MAX_PROBLEMS:
            raise _Stop
        return None

    def get(self, record: dict, name: str, where: str, default=MISSING):
        if name in record:
            return record[name]
        if default is MISSING:
            return self.fail(where, f"“{name}” is missing")
        return default

    def text(self, record, name, where, *, max_length=MAX_TEXT, blank=True, default=MISSING):
        value = self.get(record, name, where, default)
        if not isinstance(value, str):
            return self.fail(where, f"“{name}” should be text") if name in record else ""
        if "\x00" in value:
            return self.fail(where, f"“{name}” has a null character, which we can't store")
        if not storable(value):
            return self.fail(where, f"“{name}” has a broken character (a lone surrogate)")
        if len(value) > max_length:
            return self.fail(where, f"“{name}” is over {max_length:,} characters")
        if not blank and not value.strip():
            return self.fail(where, f"“{name}” is empty")
        return value

    def choice(self, record, name, where, choices, *, blank=True, default=MISSING):
        value = self.get(record, name, where, default)
        allowed = set(choices.values) | ({""} if blank else set())
        if not isinstance(value, str) or value not in allowed:
            return self.fail(where, f"“{name}” should be one of {', '.join(sorted(allowed))}")
        return value

    def boolean(self, record, name, where, default=MISSING):
        value = self.get(record, name, where, default)
        if not isinstance(value, bool):
            return self.fail(where, f"“{name}” should be true or false")
        return value

    def number(self, record, name, where, *, low, high, integer=False, null=False, default=MISSING):
        value = self.get(record, name, where, default)
        if value is None and null:
            return None
        kinds = int if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not _finite(value):
            return self.fail(where, f"“{name}” should be a number")
        if not low <= value <= high:
            return self.fail(where, f"“{name}” should be between {low} and {high}")
        return value

    def moment(self, record, name, where, *, null=False, default=MISSING):
        """A moment between 1970 and a day from now; `default` (already one) if absent."""
        if name not in record and default is not MISSING:
            return default
        value = self.get(record, name, where)
        if value is None and null:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            return self.fail(where, f"“{name}” should be a date and time like 2026-05-03T21:30Z")
        if moment.tzinfo is None:
            return self.fail(where, f"“{name}” needs a time zone (add Z for UTC)")
        # Compared, never converted: 0001-01-01T00:00+05:00 would be in year 0 in UTC.
        if moment < EARLIEST:
            return self.fail(where, f"“{name}” is before 1970")
        if moment > self.future:
            return self.fail(where, f"“{name}” is more than a day in the future")
        return moment

    def items(self, record, name, where) -> list:
        value = self.get(record, name, where, [])
        if not isinstance(value, list):
            self.fail(where, f"“{name}” should be a list")
            return []
        return value


def storable(value: str) -> bool:
    """`value` can be written as UTF-8: JSON's "\\ud800" decodes to a lone surrogate,
    which no database column or page can hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # An integer too big for a float.
        return False


# Walking the file -----------------------------------------------------------------------

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


def _space(text: str, at: int) -> int:
    return _SPACE.match(text, at).end()


class _Array:
    """The items of the JSON array at text[start] ("["), decoded one at a time; once they
    have all been read, `end` is just past its "]". A ValueError where it isn't JSON."""

    def __init__(self, text: str, start: int):
        self.text, self.start, self.end = text, start, None

    def __iter__(self) -> Iterator[object]:
        text = self.text
        at = _space(text, self.start + 1)
        if text.startswith("]", at):
            self.end = at + 1
            return
        while True:
            item, at = _DECODER.raw_decode(text, at)
            yield item
            at = _space(text, at)
            if text.startswith(",", at):
                at = _space(text, at + 1)
            elif text.startswith("]", at):
                self.end = at + 1
                return
            else:
                raise ValueError(f"expected , or ] at {at}")


class Records:
    """The export's top-level members, decoded (`head`), but for its "interactions"
    array, which is only found: calling a Records reads that array's items afresh."""

    def __init__(self, text: str):
        self.text = text
        self.head: dict = {}
        self.start: int | None = None

    def __call__(self, r: "_Reader") -> Iterable:
        if self.start is None:  # Missing, or not an array: r.items says which.
            return r.items(self.head, "interactions", "The file")
        return _Array(self.text, self.start)


def _top_level(text: str) -> Records:
    """Walk the export's top-level object. A ValueError where it isn't JSON."""
    records = Records(text)
    at = _space(text, 0)
    if not text.startswith("{", at):
        json.loads(text)  # Not an object: is it JSON at all?
        raise ExportFileError(["That file isn't an export from Almost."])
    at = _space(text, at + 1)
    while not text.startswith("}", at):
        key, at = _DECODER.raw_decode(text, at)
        at = _space(text, at)
        if not isinstance(key, str) or not text.startswith(":", at):
            raise ValueError(f"expected a name and : at {at}")
        at = _space(text, at + 1)
        records.head.pop(key, None)
        records.start = None if key == "interactions" else records.start
        if key == "interactions" and text.startswith("[", at):
            array = _Array(text, at)
            for _item in array:
                pass
            records.start, at = at, array.end
        else:
            records.head[key], at = _DECODER.raw_decode(text, at)
        at = _space(text, at)
        if text.startswith(",", at):
            at = _space(text, at + 1)
            if text.startswith("}", at):
                raise ValueError(f"a , before }} at {at}")
        elif not text.startswith("}", at):
            raise ValueError(f"expected , or }} at {at}")
    if _space(text, at + 1) != len(text):
        raise ValueError("more after the export's end")
    return records


# Checking it ----------------------------------------------------------------------------


def read_export(data: bytes) -> Plan:
    """Check an Almost export, every entry of it. Raises ExportFileError."""
    if len(data) > MAX_EXPORT_BYTES:
        raise ExportFileError(["That file is over 20 MB, more than any export we make."])
    reader = _Reader()
    try:
        records = _top_level(data.decode("utf-8-sig"))
        doc = records.head
        if doc.get("format") != FORMAT:
            raise ExportFileError(["That file isn't an export from Almost."])
        if doc.get("version") != VERSION:
            raise ExportFileError(
                [
                    f"That export is format version {doc.get('version')!r}; we read version {VERSION}."
                ]
            )
        plan = _read(reader, doc)
        plan._records = records
        keys = {key for key, _person, _created in plan.people}
        plan.count = sum(1 for _entry in _read_entries(reader, records(reader), keys))
    except _Stop:
        pass
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        if isinstance(error, ExportFileError):
            raise
        raise ExportFileError([NOT_JSON]) from None
    if reader.problems:
        raise ExportFileError(reader.problems)
    return plan


def _read(r: _Reader, doc: dict) -> Plan:
    """The account's settings and people."""
    account = doc.get("account") if isinstance(doc.get("account"), dict) else {}
    time_zone = r.text(account, "time_zone", "Account", max_length=64, default="UTC")
    try:
        validate_time_zone(time_zone)
    except ValidationError:
        r.fail("Account", "the time zone isn't one we know")
    week_start = account.get("week_start", 0)
    if type(week_start) is not int or week_start not in (0, 6):
        r.fail("Account", "weeks start on Monday (0) or Sunday (6)")
    plan = Plan(time_zone=time_zone, week_start=week_start)
    keys: set[str] = set()
    names: set[str] = set()
    for i, record in enumerate(r.items(doc, "people", "The file"), start=1):
        where = f"Person {i}"
        if not isinstance(record, dict):
            r.fail(where, "should be an object")
            continue
        key = r.text(record, "key", where, max_length=64, blank=False)
        name = r.text(record, "name", where, max_length=80, blank=False)
        if key in keys:
            r.fail(where, f"the key “{key}” is used twice")
        if name and name.lower() in names:
            r.fail(where, "the name is used twice")
        keys.add(key)
        names.add((name or "").lower())
        person = Person(
            name=name,
            relationship=r.choice(
                record, "relationship", where, Relationship, blank=False, default="other"
            ),
            notes=r.text(record, "notes", where, default=""),
            archived=r.boolean(record, "archived", where, default=False),
        )
        plan.people.append((key, person, r.moment(record, "created", where, default=None)))
    plan.tuning = _tuning(r, doc)
    _basics_and_decisions(r, doc, keys, plan)
    return plan


def _person(r: _Reader, record: dict, where: str, keys: set[str], null: bool = False):
    key = r.get(record, "person", where, None if null else MISSING)
    if (key is not None or not null) and key not in keys:
        return r.fail(where, "the person isn't in the file's list of people")
    return key


def _basics_and_decisions(r: _Reader, doc: dict, keys: set[str], plan: Plan) -> None:
    """The lines the person set, and the decisions of their weekly reviews."""
    for i, record in enumerate(r.items(doc, "basics", "The file"), start=1):
        where = f"Basic {i}"
        if not isinstance(record, dict):
            r.fail(where, "should be an object")
            continue
        line = r.choice(record, "line", where, Line, blank=False)
        top = LINE_LIMITS.get(line, 0)
        own = line == Line.OWN_WORDS
        basic = Basic(
            line=line,
            number=r.number(record, "number", where, low=0, high=top, integer=True, null=own),
            words=r.text(record, "words", where, max_length=1000, blank=not own, default=""),
        )
        plan.basics.append((_person(r, record, where, keys, null=True), basic))
    for i, record in enumerate(r.items(doc, "decisions", "The file"), start=1):
        where = f"Decision {i}"
        if not isinstance(record, dict):
            r.fail(where, "should be an object")
            continue
        look = r.get(record, "look_again", where, None)
        try:
            look = None if look is None else date.fromisoformat(look)
        except (TypeError, ValueError):
            look = r.fail(where, "“look_again” should be a date like 2026-05-03")
        decision = Decision(
            choice=r.choice(record, "choice", where, Choice, blank=False),
            feeling=r.number(record, "feeling", where, low=-3, high=3, integer=True, null=True),
            note=r.text(record, "note", where, max_length=2000, default=""),
            look_again=look,
            looked=r.boolean(record, "looked", where, default=False),
            decided=r.moment(record, "decided", where),
        )
        plan.decisions.append((_person(r, record, where, keys), decision))


def _tuning(r: _Reader, doc: dict) -> learned.Tuning | None:
    """What the exported account's corrections taught the classifier, if anything."""
    record = doc.get("learned")
    if record is None:
        return None
    weights = record.get("weights") if isinstance(record, dict) else None
    try:
        return learned.Tuning.from_json(json.dumps(weights))
    except ValueError as exc:
        r.fail("What Almost learned from your corrections", str(exc))
        return None


def _read_entries(r: _Reader, records: Iterable, keys: set[str]) -> Iterator[PlannedEntry]:
    """Each entry record checked and made into an unsaved entry, problems noted in `r`.
    Entries past the trash's days are left out: gone for good, here as in the journal."""
    expired = trash_cutoff()
    tokens: set[uuid.UUID] = set()
    for i, record in enumerate(records, start=1):
        where = f"Entry {i}"
        if not isinstance(record, dict):
            r.fail(where, "should be an object")
            continue
        key = r.get(record, "person", where)
        if not isinstance(key, str) or key not in keys:
            r.fail(where, "the person isn't in the file's list of people")
        occurred_at = r.moment(record, "occurred_at", where)
        token = _token(r, record, where)
        if token in tokens:
            r.fail(where, "the token is used twice")
        tokens.add(token)
        entry = Interaction(
            occurred_at=occurred_at,
            channel=r.choice(record, "channel", where, Channel, blank=False, default="other"),
            initiated_by=r.choice(record, "initiated_by", where, Initiator, default=""),
            text=r.text(record, "text", where, default=""),
            feeling=r.number(record, "feeling", where, low=-3, high=3, integer=True),
            feelings=_feelings(r, record, where),
            reply=r.choice(record, "reply", where, Reply, default=""),
            reply_delay_hours=r.number(
                record, "reply_delay_hours", where, low=0, high=24 * 365, null=True, default=None
            ),
            plan_outcome=r.choice(record, "plan_outcome", where, PlanOutcome, default=""),
            asked_clarity=r.boolean(record, "asked_clarity", where, default=False),
            token=token,
            deleted=r.moment(record, "deleted", where, null=True, default=None),
        )
        created = r.moment(record, "created", where, default=occurred_at)
        updated = r.moment(record, "updated", where, default=created)
        rows = _categories(r, record, where)
        entry.imported_chat = _chat(r, record, where)
        if entry.deleted is not None and entry.deleted < expired:
            continue
        yield key, entry, created, updated, rows


MAX_COUNT = 10**9


def _chat(r: _Reader, record: dict, where: str) -> ChatConversation | None:
    """The figures of an entry imported from a chat export, if it was one."""
    value = record.get("chat")
    if value is None:
        return None
    if not isinstance(value, dict):
        return r.fail(where, "“chat” should be an object")
    found = ChatConversation(
        source=r.choice(value, "source", where, ChatSource, blank=False),
        ended=r.moment(value, "ended", where),
    )
    for column in ChatConversation._meta.concrete_fields:
        name = column.name
        if isinstance(column, models.PositiveIntegerField):
            number = r.number(
                value,
                name,
                where,
                low=0,
                high=MAX_COUNT,
                integer=True,
                null=column.null,
                default=None,
            )
            setattr(found, name, number)
        elif isinstance(column, models.BooleanField):
            setattr(found, name, r.boolean(value, name, where, default=False))
        elif isinstance(column, models.JSONField):
            minutes = r.items(value, name, where)
            if any(isinstance(m, bool) or not isinstance(m, int) or m < 0 for m in minutes):
                r.fail(where, f"“{name}” should be a list of minutes")
            setattr(found, name, minutes)
    return found


def _token(r: _Reader, record: dict, where: str) -> uuid.UUID:
    value = record.get("token")
    if value is None:
        return uuid.uuid4()
    try:
        return uuid.UUID(value)
    except (TypeError, ValueError, AttributeError):
        r.fail(where, "the token isn't a UUID")
        return uuid.uuid4()


def _feelings(r: _Reader, record: dict, where: str) -> list[str]:
    words = r.items(record, "feelings", where)
    if not all(isinstance(w, str) and w in Feeling.values for w in words):
        r.fail(where, f"feeling words should come from: {', '.join(Feeling.values)}")
        return []
    return words


def _categories(r: _Reader, record: dict, where: str) -> list[EntryCategory]:
    rows = []
    seen = set()
    for j, item in enumerate(r.items(record, "categories", where), start=1):
        here = f"{where}, category {j}"
        if not isinstance(item, dict):
            r.fail(here, "should be an object")
            continue
        slug = item.get("category")
        if not isinstance(slug, str) or slug not in BY_SLUG:
            r.fail(here, "isn't one of our seven categories")
        elif slug in seen:
            r.fail(here, "is listed twice")
        else:
            seen.add(slug)
        reasons = _reasons(r, item, here)
        rows.append(
            EntryCategory(
                category=slug,
                score=r.number(item, "score", here, low=-1e6, high=1e6, default=0.0),
                reasons=reasons,
                source=r.choice(item, "source", here, Source, blank=False, default="auto"),
                active=r.boolean(item, "active", here, default=True),
            )
        )
    return rows


def _reasons(r: _Reader, item: dict, where: str) -> list[str]:
    """A category's reasons as the classifier stores them: nothing quoted from the entry
    (older exports and edited files can carry quotes), few and short."""
    reasons = r.items(item, "reasons", where)
    if not all(
        isinstance(reason, str) and "\x00" not in reason and storable(reason) for reason in reasons
    ):
        r.fail(where, "reasons should be a list of text")
        return []
    reasons = without_quotes(reasons)
    if len(reasons) > MAX_REASONS:
        r.fail(where, f"has more than {MAX_REASONS} reasons")
    elif any(len(reason) > MAX_REASON_LENGTH for reason in reasons):
        r.fail(
            where,
            f"a reason is over {MAX_REASON_LENGTH} characters: reasons are short notes, "
            "and what happened belongs in the entry's text",
        )
    return reasons
