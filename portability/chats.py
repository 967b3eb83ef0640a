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

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

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
from patterns.labels import label_entries
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


def check_dates(chat: Chat, tz, now: datetime) -> None:
    """Refuse a chat with times before 1970 or more than a day ahead (a phone's clock
    gone wrong), as the log form refuses such entries. Raises ChatError."""
    first = min(m.minute for m in chat.messages)
    last = max(m.minute for m in chat.messages)
    if local(first, tz) < EARLIEST:
        raise ChatError("This chat has messages dated before 1970. Check the phone's clock.")
    if local(last, tz) > now + timedelta(days=1):
        raise ChatError("This chat has messages dated in the future. Check the phone's clock.")


def find_person(user, name: str) -> Person | None:
    """The user's person of that name, matched as the log form matches. Queries: 1."""
    return Person.objects.for_user(user).filter(name__iexact=tidy_name(name)).first()


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
    chat: ChatConversation
    start: int
    end: int


def _known(person: Person, tz) -> list[_Known]:
    """The person's stored conversations (the trash's too), as local minute spans. Queries: 1."""
    rows = ChatConversation.objects.filter(interaction__person=person).select_related("interaction")
    found = []
    for row in rows:
        start = timezone.localtime(row.interaction.occurred_at, tz).replace(tzinfo=None)
        end = timezone.localtime(row.ended, tz).replace(tzinfo=None)
        found.append(_Known(row, minute_of(start), minute_of(end)))
    return found


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
            person, _ = Person.objects.get_or_create(
                user=user, name__iexact=new_name, defaults={"name": new_name, "user": user}
            )
        # One import at a time per person: a confirm sent twice waits here for the first.
        Person.objects.select_for_update().filter(pk=person.pk).first()
        stored = Stored(person)
        known = _known(person, tz)
        new: list[tuple[Interaction, ChatConversation]] = []
        changed: list[Interaction] = []
        for index, c in enumerate(found):
            match = next((k for k in known if _meets(k, c)), None)
            if match is None:
                new.append(_new_entry(user, person, chat, c, kept.get(index, ""), tz))
                continue
            stored.already_there += 1
            if c.start <= match.start and c.end >= match.end:
                match.chat.interaction.user = user  # labelling reads the zone from it
                entry = _update(match.chat, chat, c, kept.get(index, ""), tz)
                if entry is not None:
                    changed.append(entry)
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
            label_entries(entries[start : start + BATCH])
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


def _update(row: ChatConversation, chat: Chat, c: Conversation, text: str, tz):
    """Bring a stored conversation up to date with a longer view of it. Returns its entry
    if anything changed, else None."""
    fields = chat_fields(c, chat.source, tz)
    facts = entry_facts(c) | {"occurred_at": local(c.start, tz)}
    entry = row.interaction
    same = all(getattr(row, k) == v for k, v in fields.items()) and all(
        getattr(entry, k) == v for k, v in facts.items()
    )
    if same and not text:
        return None
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()
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
    return sum(any(_meets(k, c) for k in known) for c in found)


def _meets(known: _Known, c: Conversation) -> bool:
    """Whether a stored conversation and a new one share any time: then they are one."""
    return known.start <= c.end and c.start <= known.end
