"""From your chats: what a person's imported conversations add up to, said and drawn.

Reads journal.ChatConversation only (the figures stored at import), in one query. Each
conversation counts in the week it started, in the account's time zone.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from journal.models import ChatConversation, Person
from patterns import charts
from patterns.charts import chart_block

NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]


@dataclass
class ChatWeek:
    start: date
    started_me: int = 0
    started_them: int = 0
    messages_me: int = 0
    messages_them: int = 0
    late_me: int = 0
    late_them: int = 0
    replies_me: list[int] = field(default_factory=list)
    replies_them: list[int] = field(default_factory=list)

    @property
    def median_me(self) -> float | None:
        return median(self.replies_me)

    @property
    def median_them(self) -> float | None:
        return median(self.replies_them)

    @property
    def late_share_me(self) -> float | None:
        return share(self.late_me, self.messages_me)

    @property
    def late_share_them(self) -> float | None:
        return share(self.late_them, self.messages_them)

    def add(self, other: ChatWeek) -> None:
        for name in ("started", "messages", "late", "replies"):
            for side in ("me", "them"):
                key = f"{name}_{side}"
                setattr(self, key, getattr(self, key) + getattr(other, key))


def median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def chat_weeks(user, person: Person) -> list[ChatWeek]:
    """One ChatWeek per week from the first imported conversation to the last, zero where
    none started. Queries: 1."""
    rows = ChatConversation.objects.for_person(person).values_list(
        "interaction__occurred_at",
        "interaction__initiated_by",
        "messages_me",
        "messages_them",
        "late_me",
        "late_them",
        "replies_me",
        "replies_them",
    )
    tz, by_start = user.tz, {}
    for at, initiated, m_me, m_them, l_me, l_them, r_me, r_them in rows:
        start = charts.week_of(timezone.localtime(at, tz).date(), user.week_start)
        week = by_start.setdefault(start, ChatWeek(start))
        week.add(
            ChatWeek(
                start,
                initiated == "me",
                initiated == "them",
                m_me,
                m_them,
                l_me,
                l_them,
                list(r_me),
                list(r_them),
            )
        )
    if not by_start:
        return []
    starts = charts.week_list(min(by_start), max(by_start))
    return [by_start.get(start) or ChatWeek(start) for start in starts]


def duration(minutes: float) -> str:
    """16 minutes, 3 hours, 2 days: a reply time as people say it."""
    if minutes < 1:
        return "under a minute"
    if minutes < 90:
        n = round(minutes)
        return f"{n} minute{'s' if n != 1 else ''}"
    if minutes < 36 * 60:
        n = round(minutes / 60)
        return f"{n} hours"
    n = round(minutes / (24 * 60))
    return f"{n} days"


def number(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else f"{n:,}"


def span(first: date, last: date) -> str:
    """Over four months / three weeks / a day."""
    days = (last - first).days + 7  # the last week counts whole
    if days >= 60:
        months = round(days / 30.4)
        return f"Over {number(months)} months"
    weeks = max(1, round(days / 7))
    return f"Over {number(weeks)} week{'s' if weeks != 1 else ''}"


def sentences(weeks: list[ChatWeek], name: str) -> list[str]:
    """The chats in plain words: who starts, how long replies take, late at night."""
    total = ChatWeek(weeks[0].start)
    for week in weeks:
        total.add(week)
    started = total.started_me + total.started_them
    said = [
        f"{span(weeks[0].start, weeks[-1].start)} you started {total.started_me:,} of "
        f"{started:,} conversation{'s' if started != 1 else ''} with {name}."
    ]
    them, me = total.median_them, total.median_me
    if them is not None and me is not None:
        said.append(f"{name}'s replies took {duration(them)} at the median, yours {duration(me)}.")
    elif them is not None or me is not None:
        who, value = (f"{name}'s", them) if them is not None else ("Your", me)
        said.append(f"{who} replies took {duration(value)} at the median.")
    late_them, late_me = total.late_share_them, total.late_share_me
    if late_them is not None and late_me is not None:
        said.append(
            f"{late_them:.0%} of {name}'s messages came late at night (10pm to 4am), "
            f"and {late_me:.0%} of yours."
        )
    return said


# (id, title, bars or lines, the ChatWeek figure, the axis, the table's caption)
CHARTS = [
    ("chat-started", "Who started the conversations", "bars", "started", "Conversations",
     "Conversations started, week by week"),
    ("chat-messages", "Messages each of you sent", "bars", "messages", "Messages",
     "Messages sent, week by week"),
    ("chat-replies", "How long replies took (median, minutes)", "lines", "median", "Minutes",
     "Median reply time in minutes, week by week"),
    ("chat-late", "Messages sent late at night (10pm to 4am)", "lines", "late_share", "Share",
     "Late-night share of messages, week by week"),
]  # fmt: skip
DRAWN = {
    "bars": (charts.pair_figure, charts.pair_table),
    "lines": (charts.line_figure, charts.line_table),
}


def chat_section(user, person: Person) -> dict | None:
    """The "From your chats" part of a person's page, or None without imported chats.

    Queries: 1.
    """
    weeks = chat_weeks(user, person)
    if not weeks:
        return None
    name = person.name
    blocks = []
    for key, title, draw, what, unit, caption in CHARTS:
        figure, table = DRAWN[draw]
        drawn = figure(weeks, what, name, unit), table(weeks, what, name, caption)
        blocks.append(chart_block(key, title, *drawn, False, ""))
    return {
        "sentences": sentences(weeks, name),
        "blocks": blocks,
    }
