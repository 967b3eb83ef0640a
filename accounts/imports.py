"""Bring data in: an Almost export into an empty account (Daylio: accounts.daylio_views).

Nothing is written until the whole file has been read and checked, and then everything
is written in one transaction. Uploads stay in memory (see FILE_UPLOAD_HANDLERS).
"""

import json
import math
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts import daylio, import_runs
from accounts.export import FORMAT, VERSION
from accounts.models import ImportRun, validate_time_zone
from journal.forms import NAME_TOO_LONG, refuse_null_characters, tidy_name
from journal.models import (
    EARLIEST,
    MAX_TEXT,
    Channel,
    Feeling,
    Initiator,
    Interaction,
    Person,
    PlanOutcome,
    Relationship,
    Reply,
    trash_cutoff,
)
from patterns.categories import BY_SLUG
from patterns.labels import MAX_REASON_LENGTH, MAX_REASONS, without_quotes
from patterns.models import EntryCategory, Source

MAX_EXPORT_BYTES = 20 * 1024 * 1024
MAX_PROBLEMS = 10
BATCH = 500


# Reading an Almost export -------------------------------------------------------------


class ExportFileError(ValueError):
    """The file can't be imported. ``problems`` are sentences for the person."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class _Stop(Exception):
    """Ends a parse early; the errors already gathered say why."""


@dataclass
class Plan:
    """What an export file will create, checked and unsaved."""

    time_zone: str
    week_start: int
    people: list[tuple[str, Person, datetime]] = field(default_factory=list)
    entries: list[tuple[str, Interaction, datetime, datetime, list[EntryCategory]]] = field(
        default_factory=list
    )


MISSING = object()


class _Reader:
    """Typed reads from decoded JSON that note what is wrong, and where, in plain words."""

    def __init__(self):
        self.problems: list[str] = []

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
        value = self.get(record, name, where, default)
        if value is None and null:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            return self.fail(where, f"“{name}” should be a date and time like 2026-05-03T21:30Z")
        if moment.tzinfo is None:
            return self.fail(where, f"“{name}” needs a time zone (add Z for UTC)")
        return moment

    def items(self, record, name, where) -> list:
        value = self.get(record, name, where, [])
        if not isinstance(value, list):
            self.fail(where, f"“{name}” should be a list")
            return []
        return value


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # An integer too big for a float.
        return False


def read_export(data: bytes) -> Plan:
    """Check an Almost export and turn it into unsaved objects. Raises ExportFileError."""
    if len(data) > MAX_EXPORT_BYTES:
        raise ExportFileError(["That file is over 20 MB, more than any export we make."])
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ExportFileError(["That file isn't an export from Almost (it isn't JSON)."]) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ExportFileError(["That file isn't an export from Almost."])
    if doc.get("version") != VERSION:
        raise ExportFileError(
            [f"That export is format version {doc.get('version')!r}; we read version {VERSION}."]
        )
    reader = _Reader()
    try:
        plan = _read(reader, doc)
    except _Stop:
        plan = None
    if reader.problems:
        raise ExportFileError(reader.problems)
    return plan


def _read(r: _Reader, doc: dict) -> Plan:
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
    future = timezone.now() + timedelta(days=1)
    expired = trash_cutoff()
    tokens: set[uuid.UUID] = set()
    for i, record in enumerate(r.items(doc, "interactions", "The file"), start=1):
        where = f"Entry {i}"
        if not isinstance(record, dict):
            r.fail(where, "should be an object")
            continue
        key = r.get(record, "person", where)
        if not isinstance(key, str) or key not in keys:
            r.fail(where, "the person isn't in the file's list of people")
        occurred_at = r.moment(record, "occurred_at", where)
        if occurred_at and occurred_at > future:
            r.fail(where, "it is more than a day in the future")
        if occurred_at and occurred_at < EARLIEST:
            r.fail(where, "it is before 1970")
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
        if entry.deleted is not None and entry.deleted < expired:
            continue  # Past the trash's days: gone for good, here as in the journal.
        plan.entries.append((key, entry, created, updated, rows))
    return plan


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
    if not all(isinstance(reason, str) and "\x00" not in reason for reason in reasons):
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


def account_is_empty(user) -> bool:
    return not Person.objects.filter(user=user).exists()


@transaction.atomic
def restore(user, plan: Plan) -> tuple[int, int]:
    """Write a checked export into an empty account: people, entries, categories, settings.

    Queries: a few per 500 rows. Timestamps are set after the insert, because Django
    stamps created and updated itself on the way in.
    """
    user.time_zone, user.week_start = plan.time_zone, plan.week_start
    user.save(update_fields=["time_zone", "week_start"])
    people = {}
    for key, person, _created in plan.people:
        person.user = user
        people[key] = person
    Person.objects.bulk_create(people.values(), batch_size=BATCH)
    for _key, person, created in plan.people:
        person.created = created or person.created
    Person.objects.bulk_update(people.values(), ["created"], batch_size=BATCH)
    entries = []
    for key, entry, _created, _updated, _rows in plan.entries:
        entry.user, entry.person = user, people[key]
        entries.append(entry)
    Interaction.objects.bulk_create(entries, batch_size=BATCH)
    rows = []
    for _key, entry, created, updated, categories in plan.entries:
        entry.created, entry.updated = created, updated
        for row in categories:
            row.interaction = entry
            rows.append(row)
    Interaction.objects.bulk_update(entries, ["created", "updated"], batch_size=BATCH)
    EntryCategory.objects.bulk_create(rows, batch_size=BATCH)
    return len(people), len(entries)


# Forms --------------------------------------------------------------------------------


def _too_big(limit: int) -> str:
    return f"That file is over {limit // (1024 * 1024)} MB. Nothing was imported."


class UploadForm(forms.Form):
    """A file picked for upload. ``oversized`` says the request was too big to read it."""

    limit = MAX_EXPORT_BYTES
    prefix_id = "export"
    file = forms.FileField(label="Your Almost export (.json)", required=False)

    def __init__(self, *args, oversized: bool = False, **kwargs):
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("auto_id", f"{self.prefix_id}_%s")  # Two forms share one page.
        super().__init__(*args, **kwargs)
        self.oversized = oversized

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if self.oversized or (upload is not None and upload.size > self.limit):
            raise ValidationError(_too_big(self.limit))
        if upload is None:
            raise ValidationError("Choose a file first.")
        return upload.read()


class DaylioForm(UploadForm):
    limit = daylio.MAX_BYTES
    prefix_id = "daylio"
    file = forms.FileField(label="Your Daylio export (.csv)", required=False)
    person = forms.ModelChoiceField(
        label="Whose entries are these?", queryset=Person.objects.none(), required=False
    )
    new_person = forms.CharField(
        label="Or someone new",
        max_length=80,
        required=False,
        error_messages={"max_length": NAME_TOO_LONG},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        refuse_null_characters(self)
        self.fields["person"].queryset = Person.objects.for_user(user)
        self.fields["person"].empty_label = "Pick someone"

    def clean_new_person(self) -> str:
        return tidy_name(self.cleaned_data["new_person"])

    def clean(self):
        data = super().clean()
        missing = not data.get("person") and not data.get("new_person")
        if missing and "person" not in self.errors and "new_person" not in self.errors:
            self.add_error("person", "Pick someone, or type a new name.")
        return data


def oversized(request: HttpRequest, limit: int) -> bool:
    """Whether the body was too big to keep the file (it is then never read into memory)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > limit + 64 * 1024
    except ValueError:
        return True


# Views --------------------------------------------------------------------------------


def import_form_page(request: HttpRequest, export_form=None, daylio_form=None) -> HttpResponse:
    context = {
        "export_form": export_form or UploadForm(),
        "daylio_form": daylio_form or DaylioForm(user=request.user),
        "empty": account_is_empty(request.user),
        "nav": "account",
    }
    return render(request, "accounts/import.html", context)


NOT_EMPTY = (
    "This account already has people or entries, so an import could mix two journals. "
    "Import into a new, empty account instead."
)


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    """The two upload forms; a POST here is the Almost export."""
    if request.method != "POST":
        return import_form_page(request)
    form = UploadForm(request.POST, request.FILES, oversized=oversized(request, MAX_EXPORT_BYTES))
    if form.is_valid():
        try:
            # One import at a time: a second post of the same file finds the account
            # taken while the first runs, and not empty once it is done.
            with import_runs.running(request.user, ImportRun.Kind.ALMOST) as run:
                if not account_is_empty(request.user):
                    raise ExportFileError([NOT_EMPTY])
                people, run.entries = restore(request.user, read_export(form.cleaned_data["file"]))
        except ExportFileError as error:
            for problem in error.problems:
                form.add_error("file", problem)
        except import_runs.ImportBusy as busy:
            form.add_error("file", str(busy))
        else:
            messages.success(request, f"Imported {people} people and {run.entries} entries.")
            return redirect("journal-log")
    return import_form_page(request, export_form=form)
