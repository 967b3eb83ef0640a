"""Store a chat's conversations as entries of one person: once, however often imported.

Each conversation becomes an interaction (the entry every page already shows) with a
``journal.ChatConversation`` beside it for its figures. The messages themselves are not
kept: only those the person ticks, as the entry's sealed text.

A conversation is the same one again when its time span meets a stored conversation of
the person's (two conversations of one chat are at least 6 hours apart, so spans that
meet are one conversation cut differently by two exports). It is updated when the new
export holds all of it and more (it went on after the last export), else left as it is.
"""

from __future__ import annotations

import bisect
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from journal import rollups
from journal.forms import tidy_name
from journal.models import (
    EARLIEST,
    MAX_TEXT,
    Channel,
    ChatConversation,
    Interaction,
    Person,
    Reply,
)
from journal.signs import label_entries
from portability.chat.figures import Conversation
from portability.chat.parse import Chat, ChatError, Message, minute_of, moment

TOKENS = uuid.UUID("6f1d1b1e-2f5c-4b53-9a55-1f6c0c9e0a21")  # names each conversation's entry
MAX_DELAY_HOURS = 24 * 365  # what an entry's reply delay may hold
BATCH = 500
# Figures copied onto ChatConversation, and from which side.
SIDE_FIELDS = {
    "messages": "messages",
    "words": "words",
    "late": "late",
    "double": "double_texts",
    "short": "short_count",
    "long": "short_of",
}


@dataclass
class Stored:
    person: Person | None
    created: int = 0
    already_there: int = 0


def local(minute: int, tz) -> datetime:
    """A chat's clock time as a moment in the account's zone (a time a clock change skips
    or repeats takes its first reading, as the log form does)."""
    return moment(minute).replace(tzinfo=tz)


def check_dates(chat: Chat, tz) -> None:
    """Refuse a chat with times before 1970 (a phone's clock gone wrong), as entries are
    refused. Times ahead of now are kept: the phone said so, and nothing breaks. Raises
    ChatError."""
    first = min(m.minute for m in chat.messages)
    if local(first, tz) < EARLIEST:
        raise ChatError("This chat has messages dated before 1970. Check the phone's clock.")


def find_person(user, name: str) -> Person | None:
    """The user's person of that name, matched as the log form matches. Queries: 1."""
    return Person.objects.for_user(user).named(tidy_name(name)).first()


def kept_text(messages: Iterable[Message], me: str, them_name: str) -> str:
    """The ticked messages as an entry's text: one "time, who: text" line each."""
    lines = [f"{m.at:%H:%M} {'Me' if m.sender == me else them_name}: {m.text}" for m in messages]
    return "\n".join(lines)[:MAX_TEXT]


def entry_facts(c: Conversation) -> dict:
    """What the conversation says in an entry's own facts, for the classifier.

    My last run here left over 24 h: seen, no reply, for as long as it waited. Else a long
    turn of mine answered in three words or fewer: a one-word reply. The delay is their
    first reply's, or the wait.
    """
    minutes = c.waited if c.me.unanswered else c.their_first_reply
    reply = ""
    if c.me.unanswered:
        reply = Reply.SEEN_NO_REPLY
    elif c.them.short_count:
        reply = Reply.ONE_WORD
    hours = None if minutes is None else min(round(minutes / 60, 2), MAX_DELAY_HOURS)
    return {
        "initiated_by": "me" if c.started_by_me else "them",
        "reply": reply,
        "reply_delay_hours": hours,
    }


def chat_fields(c: Conversation, source: str, tz) -> dict:
    fields = {
        "source": source,
        "ended": local(c.end, tz),
        "replies_me": list(c.me.replies),
        "replies_them": list(c.them.replies),
        "first_reply": c.their_first_reply,
        "unanswered_me": bool(c.me.unanswered),
        "unanswered_them": bool(c.them.unanswered),
        "waited": c.waited,
    }
    for field, figure in SIDE_FIELDS.items():
        fields[f"{field}_me"] = getattr(c.me, figure)
        fields[f"{field}_them"] = getattr(c.them, figure)
    return fields


def token_for(user, person: Person, start: int) -> uuid.UUID:
    """The entry's token, the same for the same conversation: a second import of it (or
    a confirm sent twice) meets the unique token and stores nothing."""
    return uuid.uuid5(TOKENS, f"{user.pk}|{person.pk}|{start}")


@dataclass
class _Known:
    pk: int
    start: int
    end: int
    summary: tuple  # what a longer view of the conversation may change (see _summary)


def _summary(messages_me, messages_them, first_reply, unanswered_me, unanswered_them) -> tuple:
    return (messages_me, messages_them, first_reply, unanswered_me, unanswered_them)


def _known(person: Person, tz) -> list[_Known]:
    """The person's stored conversations (the trash's too) as local minute spans, in order
    of start. Plain values, no model instances: a re-import reads thousands. Queries: 1."""
    rows = ChatConversation.objects.filter(interaction__person=person).values_list(
        "pk",
        "interaction__occurred_at",
        "ended",
        "messages_me",
        "messages_them",
        "first_reply",
        "unanswered_me",
        "unanswered_them",
    )
    found = []
    for pk, started, ended, *summary in rows:
        start = timezone.localtime(started, tz).replace(tzinfo=None)
        end = timezone.localtime(ended, tz).replace(tzinfo=None)
        found.append(_Known(pk, minute_of(start), minute_of(end), _summary(*summary)))
    found.sort(key=lambda k: k.start)
    return found


def _changed(known: _Known, c: Conversation) -> bool:
    """Whether `c` is a longer view of a stored conversation (it holds all of it) that
    says something new: more messages, or an answer that came since."""
    if c.start > known.start or c.end < known.end:
        return False
    summary = _summary(
        c.me.messages,
        c.them.messages,
        c.their_first_reply,
        bool(c.me.unanswered),
        bool(c.them.unanswered),
    )
    return (c.start, c.end) != (known.start, known.end) or summary != known.summary


def store_chat(
    user,
    person: Person | None,
    new_name: str,
    chat: Chat,
    me: str,
    found: list[Conversation],
    kept: dict[int, str] | None = None,
) -> Stored:
    """Store each conversation once for `person` (or a new person named `new_name`), all
    or nothing. `kept`: the text to keep, by conversation index. Queries: a few per 500
    conversations, whatever the chat's length.
    """
    kept = kept or {}
    tz = user.tz
    with transaction.atomic():
        if person is None:
            person = Person.objects.get_or_create_named(user, new_name)
        # One import at a time per person: a confirm sent twice waits here for the first.
        Person.objects.select_for_update().filter(pk=person.pk).first()
        stored = Stored(person)
        known = _known(person, tz)
        new: list[tuple[Interaction, ChatConversation]] = []
        longer: dict[int, tuple[Conversation, str]] = {}
        for index, c in enumerate(found):
            match = _match(known, c)
            if match is None:
                new.append(_new_entry(user, person, chat, c, kept.get(index, ""), tz))
                continue
            stored.already_there += 1
            if _changed(match, c) or (kept.get(index) and c.start <= match.start):
                longer[match.pk] = (c, kept.get(index, ""))
        changed, before = [], []
        rows = ChatConversation.objects.filter(pk__in=longer).select_related("interaction")
        for row in rows:
            row.interaction.user = user  # labelling reads the zone from it
            before.append((row.interaction.person_id, row.interaction.occurred_at))
            changed.append(_update(row, chat, *longer[row.pk], tz))
        try:
            with transaction.atomic():
                Interaction.objects.bulk_create([e for e, _ in new], batch_size=BATCH)
        except IntegrityError:
            raise ChatError(
                "This chat is being imported already. Look again in a moment."
            ) from None
        ChatConversation.objects.bulk_create([c for _, c in new], batch_size=BATCH)
        stored.created = len(new)
        entries = [e for e, _ in new] + changed
        for start in range(0, len(entries), BATCH):
            label_entries(entries[start : start + BATCH])  # counts their weeks again too
        rollups.refresh_entries(user, before)  # a longer chat may start a week earlier
    return stored


def _new_entry(user, person, chat: Chat, c: Conversation, text: str, tz):
    entry = Interaction(
        user=user,
        person=person,
        occurred_at=local(c.start, tz),
        channel=Channel.TEXT,
        text=text,
        feeling=0,
        token=token_for(user, person, c.start),
        **entry_facts(c),
    )
    return entry, ChatConversation(interaction=entry, **chat_fields(c, chat.source, tz))


def _update(row: ChatConversation, chat: Chat, c: Conversation, text: str, tz) -> Interaction:
    """Bring a stored conversation up to date with a longer view of it."""
    for name, value in chat_fields(c, chat.source, tz).items():
        setattr(row, name, value)
    row.save()
    entry = row.interaction
    facts = entry_facts(c) | {"occurred_at": local(c.start, tz)}
    for name, value in facts.items():
        setattr(entry, name, value)
    update = [*facts, "updated"]
    if text:
        entry.text = text
        update.append("text")
    entry.save(update_fields=update)
    return entry


def count_known(person: Person | None, found: list[Conversation], tz) -> int:
    """How many of the conversations are stored for the person already. Queries: 1."""
    if person is None:
        return 0
    known = _known(person, tz)
    return sum(_match(known, c) is not None for c in found)


def _match(known: list[_Known], c: Conversation) -> _Known | None:
    """The stored conversation that shares time with `c` (then they are one), if any.
    `known` is in order of start: the candidates are the last that starts before `c`
    ends, and the one before it."""
    at = bisect.bisect_right(known, c.end, key=lambda k: k.start)
    for k in known[max(0, at - 2) : at]:
        if k.start <= c.end and c.start <= k.end:
            return k
    return None
