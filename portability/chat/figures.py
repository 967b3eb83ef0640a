"""The figures of a chat of two, exactly as shared/CHAT-IMPORT.md defines them. Plain Python.

A chat becomes a list of ``Point``: the minute a message was sent (clock time, as a
count of minutes so that differences are plain subtraction), whether it is mine, and its
words. ``conversations`` cuts the points into conversations, each with its own sums;
``summarise`` adds those up into the figures the command prints. Every loop is one pass
over the messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from patterns.classifier.hours import LATE_HOURS
from portability.chat.parse import DAY, Message, moment

NEW_CONVERSATION = 6 * 60  # minutes of quiet that start a new conversation
DOUBLE_TEXT = 6 * 60  # minutes after my own message that make a second one a double text
UNANSWERED = 24 * 60  # minutes after a run with no answer: more than this is unanswered
LONG_TURN = 20  # words in a run that make it long
SHORT_ANSWER = 3  # words in the answering run at most


@dataclass(slots=True)
class Point:
    minute: int  # minutes from 0001-01-01 00:00, clock time
    mine: bool
    words: int


def points(messages: Iterable[Message], me: str) -> list[Point]:
    return [Point(m.minute, m.sender == me, m.words) for m in messages]


@dataclass(slots=True)
class Side:
    """One side's sums within a conversation (or a whole chat)."""

    messages: int = 0
    words: int = 0
    late: int = 0  # messages in the late-night hours
    replies: list[int] = field(default_factory=list)  # reply minutes, in order
    unanswered: int = 0
    double_texts: int = 0
    short_count: int = 0
    short_of: int = 0

    def add(self, other: Side) -> None:
        self.messages += other.messages
        self.words += other.words
        self.late += other.late
        self.replies.extend(other.replies)
        self.unanswered += other.unanswered
        self.double_texts += other.double_texts
        self.short_count += other.short_count
        self.short_of += other.short_of


@dataclass(slots=True)
class Conversation:
    """Messages from one after 6 h of quiet up to the next such gap.

    `first` and `last` index the chat's points (both included). `waited` is, for the
    side whose run ends the conversation unanswered, the minutes until the answer came.
    """

    first: int
    last: int
    start: int  # minute of the first message
    end: int  # minute of the last message
    started_by_me: bool
    me: Side = field(default_factory=Side)
    them: Side = field(default_factory=Side)
    waited: int | None = None

    def side(self, mine: bool) -> Side:
        return self.me if mine else self.them

    @property
    def their_first_reply(self) -> int | None:
        """Minutes their first reply in this conversation took, or None."""
        return self.them.replies[0] if self.them.replies else None

    @property
    def my_run_unanswered(self) -> bool:
        """Whether my last run here waited more than 24 h for an answer."""
        return self.me.unanswered > 0


def conversations(chat: Sequence[Point]) -> list[Conversation]:
    """The chat cut into conversations, each with its sums: one pass over the messages,
    then one over the runs (a run: consecutive messages from one sender)."""
    found: list[Conversation] = []
    home: list[Conversation] = []  # the conversation of each message
    runs: list[list] = []  # [mine, first index, last index, words]
    current: Conversation | None = None
    for i, point in enumerate(chat):
        gap = point.minute - chat[i - 1].minute if i else None
        if gap is None or gap >= NEW_CONVERSATION:
            current = Conversation(i, i, point.minute, point.minute, point.mine)
            found.append(current)
        current.last, current.end = i, point.minute
        home.append(current)
        side = current.side(point.mine)
        side.messages += 1
        side.words += point.words
        if (point.minute // 60) % 24 in LATE_HOURS:
            side.late += 1
        if gap is not None and point.mine != chat[i - 1].mine:
            side.replies.append(gap)
        elif gap is not None and gap >= DOUBLE_TEXT:
            side.double_texts += 1
        if runs and runs[-1][0] == point.mine:
            runs[-1][2] = i
            runs[-1][3] += point.words
        else:
            runs.append([point.mine, i, i, point.words])
    for before, after in zip(runs, runs[1:], strict=False):
        mine, _, last, words = before
        gap = chat[after[1]].minute - chat[last].minute
        if gap > UNANSWERED:  # the chat's last run has no `after`: never counted
            ended_in = home[last]
            ended_in.side(mine).unanswered += 1
            ended_in.waited = gap
        if words >= LONG_TURN:
            answer = home[after[1]].side(after[0])
            answer.short_of += 1
            answer.short_count += after[3] <= SHORT_ANSWER
    return found


# Adding up -----------------------------------------------------------------------------


def median(values: Sequence[float]) -> float | None:
    """The middle value; for an even count, the mean of the two middle ones."""
    if not values:
        return None
    ordered = sorted(values)
    half = len(ordered) // 2
    if len(ordered) % 2:
        return _plain(ordered[half])
    return _plain((ordered[half - 1] + ordered[half]) / 2)


def p90(values: Sequence[float]) -> float | None:
    """Sorted ascending, the value at 1-based position ceil(0.9 x count)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (9 * len(ordered) + 9) // 10  # ceil(0.9 n), in whole numbers
    return _plain(ordered[position - 1])


def _plain(value: float) -> float | int:
    """16.0 as 16, 16.5 as it is: minutes read the same in JSON either way."""
    return int(value) if float(value).is_integer() else value


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def week_start(minute: int) -> date:
    day = date.fromordinal(minute // DAY + 1)
    return day - timedelta(days=day.weekday())


def clock(minute: int) -> str:
    return moment(minute).strftime("%Y-%m-%dT%H:%M")


def summarise(chat: Sequence[Point], found: list[Conversation] | None = None) -> dict:
    """The chat's figures, keyed as the import_chat command prints them (without
    created / already_there). `found`: the chat's conversations, if already cut."""
    found = conversations(chat) if found is None else found
    me, them = Side(), Side()
    weeks: dict[date, dict] = {}
    for conversation in found:
        me.add(conversation.me)
        them.add(conversation.them)
        week = _week(weeks, conversation.start)
        week["started_by_me" if conversation.started_by_me else "started_by_them"] += 1
    day = week = None
    for point in chat:
        if point.minute // DAY != day:
            day = point.minute // DAY
            week = _week(weeks, point.minute)
        week["messages_me" if point.mine else "messages_them"] += 1
    sides = {"me": me, "them": them}
    return {
        "messages": {k: s.messages for k, s in sides.items()},
        "words": {k: s.words for k, s in sides.items()},
        "conversations": {
            "total": len(found),
            "started_by_me": sum(c.started_by_me for c in found),
            "started_by_them": sum(not c.started_by_me for c in found),
        },
        "reply_minutes": {
            k: {"median": median(s.replies), "p90": p90(s.replies), "count": len(s.replies)}
            for k, s in sides.items()
        },
        "late_night_share": {k: share(s.late, s.messages) for k, s in sides.items()},
        "unanswered": {k: s.unanswered for k, s in sides.items()},
        "double_texts": {k: s.double_texts for k, s in sides.items()},
        "short_answers": {k: {"count": s.short_count, "of": s.short_of} for k, s in sides.items()},
        "first": clock(chat[0].minute) if chat else None,
        "last": clock(chat[-1].minute) if chat else None,
        "weeks": [{"week_start": start.isoformat(), **weeks[start]} for start in sorted(weeks)],
    }


def _week(weeks: dict[date, dict], minute: int) -> dict:
    start = week_start(minute)
    week = weeks.get(start)
    if week is None:
        week = weeks[start] = {
            "messages_me": 0,
            "messages_them": 0,
            "started_by_me": 0,
            "started_by_them": 0,
        }
    return week
