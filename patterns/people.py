"""Patterns across one person's entries: the shape no single entry shows.

`find_patterns` is plain Python over a few recent rows; `person_patterns` loads those
rows in a fixed number of queries, however long the history.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from journal.models import Interaction, Person
from patterns.categories import BY_SLUG
from patterns.models import EntryCategory

WINDOW_DAYS = 30  # "repeated": three or more times in this many days
REPEAT_MIN = 3
SWING_DAYS = 21  # hot-and-cold: a warm and a cold entry this close together
WARM, COLD = 2, -1
BREADCRUMB_DAYS = 28
BREADCRUMB_MIN_ENTRIES = 3
BREADCRUMB_HIGH = 0.6  # "most of the contact"
LATE_HOURS = (22, 23, 0, 1, 2, 3)
RECENT_DAYS = 90  # every pattern looks at this much of the past
RECENT_MAX = 1000
LATE_MIN_ENTRIES = 4
LATE_HIGH = 0.5
FOLLOW_UPS = 3  # entries after a clarity ask that count as "what came back"
AVOIDING = {"left_on_read", "busy_excuses", "avoided_plans", "joked_off", "one_word_replies"}


@dataclass(frozen=True)
class Row:
    pk: int
    occurred_at: datetime
    feeling: int
    asked_clarity: bool
    categories: frozenset[str] = frozenset()


@dataclass
class Pattern:
    kind: str
    sentence: str
    guidance: str  # slug of the guidance page that fits
    entries: list[Row] = field(default_factory=list)
    level: str = "notice"  # "notice" for a sign, "clear" for good news


def repeated_signs(rows: list[Row], now: datetime) -> list[Pattern]:
    recent = [r for r in rows if r.occurred_at >= now - timedelta(days=WINDOW_DAYS)]
    counts = Counter(slug for r in recent for slug in r.categories)
    found = []
    for slug, n in counts.most_common():
        if n >= REPEAT_MIN:
            label = BY_SLUG[slug].label
            found.append(
                Pattern(
                    kind=f"repeated:{slug}",
                    sentence=f"{label} came up {n} times in the last {WINDOW_DAYS} days.",
                    guidance=slug.replace("_", "-"),
                    entries=[r for r in recent if slug in r.categories],
                )
            )
    return found


def hot_and_cold(rows: list[Row]) -> Pattern | None:
    """Warm and cold entries alternating within a few weeks of each other."""
    marked = [
        r
        for r in sorted(rows, key=lambda r: r.occurred_at)
        if r.feeling >= WARM or r.feeling <= COLD
    ]
    swings = []
    for before, after in zip(marked, marked[1:], strict=False):
        if (before.feeling >= WARM) != (after.feeling >= WARM) and (
            after.occurred_at - before.occurred_at <= timedelta(days=SWING_DAYS)
        ):
            swings.append((before, after))
    if len(swings) < 2:
        return None
    involved = sorted({r for pair in swings for r in pair}, key=lambda r: r.occurred_at)
    return Pattern(
        kind="hot_and_cold",
        sentence=f"It swung between warm and cold {len(swings)} times, each within {SWING_DAYS // 7} weeks.",
        guidance="hot-and-cold",
        entries=involved,
    )


def breadcrumbs(rows: list[Row], now: datetime) -> tuple[float | None, Pattern | None]:
    """The share of the last four weeks' entries that carry at least one sign."""
    recent = [r for r in rows if r.occurred_at >= now - timedelta(days=BREADCRUMB_DAYS)]
    if len(recent) < BREADCRUMB_MIN_ENTRIES:
        return None, None
    signed = [r for r in recent if r.categories]
    ratio = len(signed) / len(recent)
    if ratio < BREADCRUMB_HIGH:
        return ratio, None
    return ratio, Pattern(
        kind="breadcrumbs",
        sentence=(
            f"{len(signed)} of your {len(recent)} interactions in the last four weeks "
            f"({ratio:.0%}) carried a sign of not being fully chosen."
        ),
        guidance="dont-settle-for-breadcrumbs",
        entries=signed,
    )


def after_clarity(rows: list[Row]) -> Pattern | None:
    """What came back after the latest clarity ask."""
    ordered = sorted(rows, key=lambda r: r.occurred_at)
    asks = [i for i, r in enumerate(ordered) if r.asked_clarity]
    if not asks:
        return None
    ask = ordered[asks[-1]]
    after = ordered[asks[-1] + 1 : asks[-1] + 1 + FOLLOW_UPS]
    if not after:
        return Pattern(
            kind="clarity_waiting",
            sentence=f"You asked for clarity on {timezone.localtime(ask.occurred_at):%-d %B}. Nothing logged since.",
            guidance="ask-for-clarity",
            entries=[ask],
            level="clear",
        )
    avoiding = [r for r in after if r.categories & AVOIDING]
    if avoiding:
        return Pattern(
            kind="clarity_avoided",
            sentence=(
                "After you asked for clarity, the reply dodged it. That is an answer too."
                if len(after) == 1
                else f"After you asked for clarity, {len(avoiding)} of the next {len(after)} "
                "replies dodged it. That is an answer too."
            ),
            guidance="ask-for-clarity",
            entries=[ask, *avoiding],
        )
    return Pattern(
        kind="clarity_answered",
        sentence="After you asked for clarity, what came back had no sign of dodging.",
        guidance="ask-for-clarity",
        entries=[ask, *after],
        level="clear",
    )


def late_night(rows: list[Row], tz) -> tuple[float | None, Pattern | None]:
    """The share of recent contact that came between 22:00 and 04:00 in the user's zone."""
    if len(rows) < LATE_MIN_ENTRIES:
        return None, None
    late = [r for r in rows if r.occurred_at.astimezone(tz).hour in LATE_HOURS]
    share = len(late) / len(rows)
    if share < LATE_HIGH:
        return share, None
    return share, Pattern(
        kind="late_night",
        sentence=(
            f"{len(late)} of your {len(rows)} interactions in the last {RECENT_DAYS} days "
            f"({share:.0%}) happened between 22:00 and 04:00."
        ),
        guidance="late-night-only",
        entries=late,
    )


def find_patterns(rows: list[Row], now: datetime, tz) -> dict:
    """Every pattern in a person's recent rows (oldest first), read in the user's zone `tz`."""
    ratio, crumbs = breadcrumbs(rows, now)
    late_share, late = late_night(rows, tz)
    found = [
        *repeated_signs(rows, now),
        hot_and_cold(rows),
        late,
        crumbs,
        after_clarity(rows),
    ]
    return {
        "patterns": [p for p in found if p],
        "breadcrumb_ratio": ratio,
        "late_share": late_share,
    }


def person_patterns(person: Person, tz, now: datetime | None = None) -> dict:
    """Patterns in one person's last RECENT_DAYS days, hours read in `tz`. Queries: 2."""
    now = now or timezone.now()
    newest_first = (
        Interaction.objects.for_user(person.user_id)
        .filter(person=person, occurred_at__gte=now - timedelta(days=RECENT_DAYS))
        .order_by("-occurred_at")
        .values_list("pk", "occurred_at", "feeling", "asked_clarity")[:RECENT_MAX]
    )
    recent = list(reversed(newest_first))
    signs: dict[int, set[str]] = {}
    # By the ids just read: one index probe each, where a join on the person's entries had
    # PostgreSQL read the whole category table.
    for pk, slug in EntryCategory.objects.filter(
        interaction_id__in=[pk for pk, *_ in recent], active=True
    ).values_list("interaction_id", "category"):
        signs.setdefault(pk, set()).add(slug)
    rows = [
        Row(pk, at, feeling, asked, frozenset(signs.get(pk, ())))
        for pk, at, feeling, asked in recent
    ]
    return find_patterns(rows, now, tz)
