"""Patterns across one person's entries: the shape no single entry shows.

`find_patterns` is plain Python over a few recent rows; `recent_rows` loads those rows,
at most RECENT_PER_PERSON a person, however long or busy the history. When a busy
person's rows reach back less far than a pattern's days, its sentence names the entries
it read ("your latest 100 interactions") rather than the days.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.html import format_html
from django.utils.safestring import SafeString

from journal.cards import Links
from journal.models import Interaction, Person, entry_signs, sign_set
from patterns.classifier.categories import BY_SLUG
from patterns.classifier.hours import LATE_HOURS

WINDOW_DAYS = 30  # "repeated": three or more times in this many days
REPEAT_MIN = 3
SWING_DAYS = 21  # hot-and-cold: a warm and a cold entry this close together
WARM, COLD = 2, -1
BREADCRUMB_DAYS = 28
BREADCRUMB_MIN_ENTRIES = 3
BREADCRUMB_HIGH = 0.6  # "most of the contact"
RECENT_DAYS = 90  # every pattern looks at this much of the past
RECENT_PER_PERSON = 100  # the newest entries a person's patterns read, however busy
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
    initiated_by: str = ""


@dataclass
class Pattern:
    kind: str
    sentence: str
    guidance: str  # slug of the guidance page that fits
    entries: list[Row] = field(default_factory=list)
    level: str = "notice"  # "notice" for a sign, "clear" for good news
    links: str = ""  # on the person page: the entries as links to their cards (entry_links)


def span(rows: list[Row], now: datetime, days: int, noun: str = "interactions") -> str:
    """What `rows` (oldest first) cover of the last `days` days, in words: "the last 30
    days", or "your latest 100 interactions" when a busy person's rows, cut at
    RECENT_PER_PERSON, begin inside those days."""
    if len(rows) >= RECENT_PER_PERSON and rows[0].occurred_at > now - timedelta(days=days):
        return f"your latest {len(rows)} {noun}"
    return f"the last {days} days"


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
                    sentence=f"{label} came up {n} times in {span(rows, now, WINDOW_DAYS)}.",
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
        sentence=f"It went from warm to cold, or back, {len(swings)} times, each time within "
        f"{SWING_DAYS // 7} weeks.",
        guidance="hot-and-cold",
        entries=involved,
    )


def signed_count(rows: list[Row]) -> int:
    """How many of `rows` carry at least one sign."""
    return sum(1 for r in rows if r.categories)


def breadcrumbs(rows: list[Row], now: datetime) -> float | None:
    """The share of the last four weeks' entries that carry at least one sign, or None
    with too few to say. Pages show it as a card of its own when it is high."""
    recent = [r for r in rows if r.occurred_at >= now - timedelta(days=BREADCRUMB_DAYS)]
    if len(recent) < BREADCRUMB_MIN_ENTRIES:
        return None
    return signed_count(recent) / len(recent)


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
        sentence="After you asked for clarity, what came back didn't dodge the question.",
        guidance="ask-for-clarity",
        entries=[ask, *after],
        level="clear",
    )


def late_night(rows: list[Row], tz, now: datetime) -> tuple[float | None, Pattern | None]:
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
            if span(rows, now, RECENT_DAYS).startswith("the last")
            else f"{len(late)} of your latest {len(rows)} interactions "
        )
        + f"({share:.0%}) happened between 22:00 and 04:00.",
        guidance="late-night-only",
        entries=late,
    )


def find_patterns(rows: list[Row], now: datetime, tz) -> dict:
    """Every pattern in a person's recent rows (oldest first), read in the user's zone `tz`."""
    ratio = breadcrumbs(rows, now)
    late_share, late = late_night(rows, tz, now)
    found = [
        *repeated_signs(rows, now),
        hot_and_cold(rows),
        late,
        after_clarity(rows),
    ]
    return {
        "patterns": [p for p in found if p],
        "breadcrumb_ratio": ratio,
        # The share as a percentage when most of it carried a sign: the pages' card shows it.
        "crumbs": ratio * 100 if ratio is not None and ratio >= BREADCRUMB_HIGH else None,
        "late_share": late_share,
    }


def recent_rows(
    user,
    person: Person | None = None,
    now: datetime | None = None,
    logged_only: bool = False,
    people: list[int] | None = None,
) -> dict:
    """Each person's newest entries of the last RECENT_DAYS days, at most
    RECENT_PER_PERSON each, oldest first, by person id.

    `person`'s only, or those of `people` (ids), or everyone's; `logged_only`: without
    the conversations imported from chats. Two queries (one without the entries), each
    reading at most RECENT_PER_PERSON index entries a person however long or busy the
    history: the date of each person's last row that counts, then the rows since.
    """
    now = now or timezone.now()
    entries = Interaction.objects.for_user(user).filter(
        occurred_at__gte=now - timedelta(days=RECENT_DAYS)
    )
    if logged_only:
        entries = entries.filter(chat__isnull=True)
    ids = [person.pk] if person is not None else people
    oldest = (
        entries.filter(person=OuterRef("pk"))
        .order_by("-occurred_at")
        .values("occurred_at")[RECENT_PER_PERSON - 1 : RECENT_PER_PERSON]
    )
    reach = Person.objects.for_user(user)
    if ids is not None:
        reach = reach.filter(pk__in=ids)
    since = Q()
    for pk, at in reach.annotate(oldest=Subquery(oldest)).values_list("pk", "oldest"):
        since |= Q(person_id=pk, occurred_at__gte=at) if at else Q(person_id=pk)
    if not since:
        return {}
    newest_first = (
        entries.filter(since)
        .annotate(signs=entry_signs())
        .order_by("-occurred_at", "person_id", "-pk")
        .values_list(
            "pk", "person_id", "occurred_at", "feeling", "asked_clarity", "signs", "initiated_by"
        )
    )
    by_person: dict[int, list[Row]] = {}
    for pk, person_id, at, feeling, asked, signs, by in newest_first:
        rows = by_person.setdefault(person_id, [])
        if len(rows) < RECENT_PER_PERSON:  # entries at the same moment as the last one
            rows.append(Row(pk, at, feeling, asked, sign_set(signs), by))
    for rows in by_person.values():
        rows.reverse()
    return by_person


def crumb_span(rows: list[Row], now: datetime) -> str:
    """What the breadcrumbs card says its share covers, when not the last four weeks:
    "your latest 100 entries" for a busy person's rows (recent_rows)."""
    covered = span(rows, now, BREADCRUMB_DAYS, "entries")
    return "" if covered.startswith("the last") else covered


def entry_links(rows: list[Row], tz, shown: frozenset[int], links: Links) -> SafeString:
    """The days of `rows` ("3 Mar, 5 Mar"), each linking to its entry's card if the page
    `shown` it, else to the entry's own page.

    One `format_html` (which escapes every value) rather than a loop in
    _person_patterns.html: a pattern can hold a hundred entries, and the template loop
    over them took half the person page's time (bench/run.py).
    """
    days = [(r.pk, r.occurred_at.astimezone(tz)) for r in rows]
    months = {m: MONTHS_3[m].title() for m in {at.month for _, at in days}}
    values = []
    for pk, at in days:
        values.append(f"#entry-{pk}" if pk in shown else links("journal-entry-edit", pk))
        values.append(f"{at.day} {months[at.month]}")
    return format_html(", ".join(['<a href="{}">{}</a>'] * len(days)), *values)


def person_patterns(rows: list[Row], tz, now: datetime, shown: frozenset[int]) -> dict:
    """Patterns in one person's `rows` (recent_rows), with links to their entries: to the
    cards on the page for those in `shown`."""
    found = find_patterns(rows, now, tz)
    links = Links()  # reversed once for every pattern's links
    for pattern in found["patterns"]:
        pattern.links = entry_links(pattern.entries, tz, shown, links)
    return found
