"""Take everything with you: the whole account as JSON (exact) or CSV (for spreadsheets).

Both files stream in three queries whatever the size of the journal: people, entries
and categories, the last two read in the same order and joined as they go. Text is
read through model instances, so fields encrypted at rest come out as plain text for
their owner.
"""

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import groupby

from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone

from accounts.reauth import require_recent_password
from accounts.two_step import factors_of
from journal.models import (
    Basic,
    ChatConversation,
    Decision,
    EntryCategory,
    Interaction,
    Person,
    Tuning,
)

FORMAT = "almost-export"
VERSION = 1
CHUNK = 500


def iso(value: datetime | None) -> str | None:
    """A moment as ISO 8601 in UTC, to the microsecond."""
    return value.astimezone(UTC).isoformat() if value is not None else None


def person_key(person_id: int) -> str:
    """A person's key in the file: stable across exports, since database ids never change."""
    return f"p{person_id}"


def person_record(person: Person) -> dict:
    return {
        "key": person_key(person.pk),
        "name": person.name,
        "relationship": person.relationship,
        "notes": person.notes,
        "archived": person.archived,
        "created": iso(person.created),
    }


def category_record(row: EntryCategory) -> dict:
    return {
        "category": row.category,
        "score": row.score,
        "reasons": row.reasons,
        "source": row.source,
        "active": row.active,
    }


CHAT_FIELDS = [
    f.name for f in ChatConversation._meta.concrete_fields if f.name not in ("interaction", "ended")
]


def chat_record(entry: Interaction) -> dict | None:
    """The figures of an entry imported from a chat export, or None (entry.chat must be
    loaded with select_related)."""
    chat = getattr(entry, "chat", None)
    if chat is None:
        return None
    return {"ended": iso(chat.ended)} | {name: getattr(chat, name) for name in CHAT_FIELDS}


def interaction_record(entry: Interaction, categories: list[EntryCategory]) -> dict:
    return {
        "person": person_key(entry.person_id),
        "occurred_at": iso(entry.occurred_at),
        "channel": entry.channel,
        "initiated_by": entry.initiated_by,
        "text": entry.text,
        "feeling": entry.feeling,
        "feelings": entry.feelings,
        "reply": entry.reply,
        "reply_delay_hours": entry.reply_delay_hours,
        "plan_outcome": entry.plan_outcome,
        "asked_clarity": entry.asked_clarity,
        "token": str(entry.token),
        "created": iso(entry.created),
        "updated": iso(entry.updated),
        "deleted": iso(entry.deleted),
        "categories": [category_record(row) for row in categories],
        "chat": chat_record(entry),
    }


def entries_with_categories(user) -> Iterator[tuple[Interaction, list[EntryCategory]]]:
    """Every entry of the user (the trash's last TRASH_DAYS included) with all its category
    rows. Queries: 2.

    Both querysets are read in entry id order and merged as they stream, so memory stays
    flat however long the journal is.
    """
    entries = (
        Interaction.objects.kept()
        .filter(user=user)
        .select_related("chat")
        .order_by("pk")
        .iterator(chunk_size=CHUNK)
    )
    rows = (
        EntryCategory.objects.filter(interaction__user=user)
        .order_by("interaction_id", "category")
        .iterator(chunk_size=CHUNK)
    )
    groups = groupby(rows, key=lambda row: row.interaction_id)
    pending = next(groups, None)
    for entry in entries:
        while pending is not None and pending[0] < entry.pk:
            pending = next(groups, None)
        if pending is not None and pending[0] == entry.pk:
            yield entry, list(pending[1])
            pending = next(groups, None)
        else:
            yield entry, []


def second_step_record(user) -> dict:
    """Which second steps are set, never their secrets. Queries: 3."""
    factors = factors_of(user)
    return {
        "passkeys": [
            {"name": key.name, "added": iso(key.created_at), "last_used": iso(key.last_used_at)}
            for key in factors.passkeys
        ],
        "authenticator_app": factors.app is not None,
        "recovery_codes_left": factors.codes_left,
    }


def basic_record(basic: Basic) -> dict:
    return {
        "person": person_key(basic.person_id) if basic.person_id else None,
        "line": basic.line,
        "number": basic.number,
        "words": basic.words,
    }


def decision_record(decision: Decision) -> dict:
    return {
        "person": person_key(decision.person_id),
        "choice": decision.choice,
        "feeling": decision.feeling,
        "note": decision.note,
        "look_again": decision.look_again.isoformat() if decision.look_again else None,
        "looked": decision.looked,
        "decided": iso(decision.decided),
    }


def json_chunks(user) -> Iterator[str]:
    """The export as JSON text, piece by piece. Queries: 9."""
    head = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso(timezone.now()),
        "account": {
            "username": user.username,
            "time_zone": user.time_zone,
            "week_start": user.week_start,
            "second_step": second_step_record(user),
        },
    }
    yield json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "people": ['
    people = Person.objects.filter(user=user).order_by("pk").iterator(chunk_size=CHUNK)
    yield from _items(person_record(person) for person in people)
    yield '],\n "interactions": ['
    yield from _items(
        interaction_record(entry, rows) for entry, rows in entries_with_categories(user)
    )
    yield '],\n "basics": ['
    yield from _items(basic_record(b) for b in Basic.objects.filter(user=user).order_by("pk"))
    yield '],\n "decisions": ['
    decisions = Decision.objects.filter(user=user).order_by("pk")
    yield from _items(decision_record(d) for d in decisions)
    yield '],\n "learned": ' + json.dumps(learned_record(user), ensure_ascii=False) + "\n}\n"


def learned_record(user) -> dict | None:
    """What the classifier learned from the account's corrections, opened. Queries: 1."""
    row = Tuning.objects.filter(user=user).first()
    if row is None or not row.weights:
        return None
    return {"corrections": row.corrections, "weights": json.loads(row.weights)}


def _items(records: Iterable[dict]) -> Iterator[str]:
    for i, record in enumerate(records):
        yield ("\n  " if i == 0 else ",\n  ") + json.dumps(record, ensure_ascii=False)


class _Line:
    """A file-like object whose write() hands the CSV line back."""

    def write(self, value: str) -> str:
        return value


CSV_HEADER = [
    "date",
    "time",
    "person",
    "channel",
    "who reached out",
    "feeling",
    "feeling words",
    "categories",
    "text",
    "their reply",
    "reply took (hours)",
    "plan",
    "asked for clarity",
    "in the trash",
]


def spreadsheet_safe(value: str) -> str:
    """Free text that a spreadsheet will show, not run: a leading = + - @ gets an apostrophe."""
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_row(entry: Interaction, categories: list[EntryCategory], tz) -> list:
    local = timezone.localtime(entry.occurred_at, tz)
    return [
        local.strftime("%Y-%m-%d"),
        local.strftime("%H:%M"),
        spreadsheet_safe(entry.person.name),
        entry.get_channel_display(),
        entry.get_initiated_by_display(),
        f"{entry.feeling:+d}",
        "; ".join(entry.feelings),
        "; ".join(row.label for row in categories if row.active),
        spreadsheet_safe(entry.text),
        entry.get_reply_display(),
        "" if entry.reply_delay_hours is None else f"{entry.reply_delay_hours:g}",
        entry.get_plan_outcome_display(),
        "yes" if entry.asked_clarity else "",
        "yes" if entry.deleted else "",
    ]


def csv_lines(user) -> Iterator[str]:
    """One line per entry, times in the owner's zone. Queries: 3."""
    writer = csv.writer(_Line())
    people = {person.pk: person for person in Person.objects.filter(user=user)}
    yield "\ufeff"  # So spreadsheet apps read the file as UTF-8.
    yield writer.writerow(CSV_HEADER)
    for entry, rows in entries_with_categories(user):
        entry.person = people[entry.person_id]
        yield writer.writerow(csv_row(entry, rows, user.tz))


def _download(request: HttpRequest, chunks: Iterator[str], extension: str, content_type: str):
    day = timezone.localdate(timezone.now(), request.user.tz).isoformat()
    response = StreamingHttpResponse(
        (chunk.encode() for chunk in chunks), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="almost-{day}.{extension}"'
    response["Cache-Control"] = "no-store"
    return response


@require_recent_password
def export_json(request: HttpRequest) -> StreamingHttpResponse:
    return _download(request, json_chunks(request.user), "json", "application/json")


@require_recent_password
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    return _download(request, csv_lines(request.user), "csv", "text/csv; charset=utf-8")
