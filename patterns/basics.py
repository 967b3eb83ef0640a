"""Checking the lines a person set while calm against the last 30 days.

Entries and imported chats both count: a chat is an entry whose `chat` row holds its
reply times.

`crossed_lines` reads the window's sums in the database, grouped by person: two queries
for the lines and the sums, whatever the number of entries or people. `say` turns one
crossed line into a sentence in the person's own terms.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Max, Q
from django.db.models.functions import ExtractHour

from journal.models import Basic, Initiator, Interaction, Line, PlanOutcome
from patterns.classifier.hours import LATE_HOURS

LINE_DAYS = 30
LINE_MIN_ENTRIES = 3  # fewer entries than this in the window say nothing about a share

# The guidance page that fits each line, by slug (guidance/content/<slug>.md).
GUIDANCE = {
    Line.REPLIES: "left-on-read",
    Line.CANCELLATIONS: "avoided-plans",
    Line.REACH_OUT: "dont-settle-for-breadcrumbs",
    Line.DAYLIGHT: "late-night-only",
    Line.CLARITY: "ask-for-clarity",
}


# A reply time: the delay logged on an entry, or their first reply in an imported chat
# (in minutes; shared/CHAT-IMPORT.md).
REPLIED = Q(reply_delay_hours__isnull=False) | Q(chat__first_reply__isnull=False)


@dataclass(frozen=True)
class Crossed:
    basic: Basic
    sentence: str
    guidance: str


def window_sums(user, now: datetime, person=None) -> dict[int, dict]:
    """The last LINE_DAYS days' sums for each of `user`'s people (or one). 1 query."""
    entries = Interaction.objects.for_user(user).filter(
        occurred_at__gte=now - timedelta(days=LINE_DAYS), occurred_at__lte=now
    )
    if person is not None:
        entries = entries.filter(person=person)
    rows = (
        entries.annotate(hour=ExtractHour("occurred_at", tzinfo=user.tz))
        .values("person")
        .annotate(
            total=Count("pk"),
            delays=Count("pk", filter=REPLIED),
            cancelled=Count("pk", filter=Q(plan_outcome=PlanOutcome.CANCELLED)),
            started=Count("pk", filter=~Q(initiated_by="")),
            by_them=Count("pk", filter=Q(initiated_by=Initiator.THEM)),
            late=Count("pk", filter=Q(hour__in=LATE_HOURS)),
            last_ask=Max("occurred_at", filter=Q(asked_clarity=True)),
            last_theirs=Max("occurred_at", filter=Q(initiated_by=Initiator.THEM)),
        )
        .order_by()
    )
    return {row.pop("person"): row for row in rows}


def slow_replies(user, now: datetime, limits: dict[int, int]) -> dict[int, int]:
    """How many replies in the window came later than each person's line. 1 query."""
    if not limits:
        return {}
    late = Q()
    for pk, hours in limits.items():
        late |= Q(person_id=pk) & (
            Q(reply_delay_hours__gt=hours) | Q(chat__first_reply__gt=hours * 60)
        )
    rows = (
        Interaction.objects.for_user(user)
        .filter(occurred_at__gte=now - timedelta(days=LINE_DAYS), occurred_at__lte=now)
        .filter(late)
        .values("person")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["person"]: row["n"] for row in rows}


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _sentence(basic: Basic, name: str, sums: dict, slow: int, now: datetime) -> str | None:
    """What crossed `basic`, in the person's terms, or None if it holds."""
    n = basic.number
    if basic.line == Line.CANCELLATIONS and sums["cancelled"] > n:
        return (
            f"{name} cancelled {_times(sums['cancelled'])} in {LINE_DAYS} days without "
            f"offering another time; your line is {n}."
        )
    if basic.line == Line.REPLIES and sums["delays"] and slow * 2 > sums["delays"]:
        return (
            f"{slow} of {name}'s last {sums['delays']} replies took longer than {n} hours; "
            f"your line is a reply within {n} hours on most days."
        )
    if basic.line == Line.REACH_OUT and sums["started"] >= LINE_MIN_ENTRIES:
        share = round(10 * sums["by_them"] / sums["started"])
        if share < n:
            return (
                f"{name} reached out first about {share} times in 10 over the last "
                f"{LINE_DAYS} days; your line is at least {n}."
            )
    if basic.line == Line.DAYLIGHT and sums["total"] >= LINE_MIN_ENTRIES:
        share = round(100 * sums["late"] / sums["total"])
        if share > n:
            return (
                f"{share}% of your contact with {name} was after 10 pm in the last "
                f"{LINE_DAYS} days; your line is at most {n}%."
            )
    if basic.line == Line.CLARITY and sums["last_ask"]:
        waiting = (now - sums["last_ask"]).days
        answered = sums["last_theirs"] and sums["last_theirs"] > sums["last_ask"]
        if not answered and waiting > n:
            return (
                f"You asked {name} for clarity {waiting} days ago and nothing has come back "
                f"from them; your line is an answer within {n} days."
            )
    return None


def crossed_lines(user, people, now: datetime, person=None) -> dict[int, list[Crossed]]:
    """The lines each person crossed in the last LINE_DAYS days, by person id.

    `people` maps ids to names. 2 queries, plus 1 when a replies line is set."""
    basics = list(Basic.objects.for_user(user).exclude(line=Line.OWN_WORDS))
    if person is not None:
        basics = [b for b in basics if b.person_id in (None, person.pk)]
    if not basics:
        return {}
    sums = window_sums(user, now, person)
    applying = {pk: [b for b in basics if b.person_id in (None, pk)] for pk in sums if pk in people}
    # A line for one person wins over the same kind of line for everyone.
    for pk, lines in applying.items():
        own = {b.line for b in lines if b.person_id}
        applying[pk] = [b for b in lines if b.person_id or b.line not in own]
    limits = {
        pk: b.number for pk, lines in applying.items() for b in lines if b.line == Line.REPLIES
    }
    slow = slow_replies(user, now, limits)
    found: dict[int, list[Crossed]] = {}
    for pk, lines in applying.items():
        for basic in lines:
            sentence = _sentence(basic, people[pk], sums[pk], slow.get(pk, 0), now)
            if sentence:
                found.setdefault(pk, []).append(Crossed(basic, sentence, GUIDANCE[basic.line]))
    return found
