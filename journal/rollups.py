"""Week sums per person, kept in the same transaction as every write that changes them.

The charts read these rows (patterns.weekly), so a chart costs as many rows as it shows
weeks, however many entries the weeks hold. Every write that adds, moves, deletes,
restores or re-signs entries calls `refresh_entries` (or `rebuild` for a whole account)
inside its own transaction; the `rebuild_rollups` command writes every row again.

Only sums are kept: counts, feeling sums and hours, never text. Each person's entry count
and latest entry (Person.entry_count, Person.last_seen) are written again alongside.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, DateField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractHour, ExtractIsoWeekDay, Trunc

from accounts.models import zone
from journal.models import EARLIEST, Interaction, Person, WeekRollup, entry_signs, sign_set

Key = tuple[int, date]  # (person id, local ISO Monday)


def monday(moment: datetime, tz) -> date:
    day = moment.astimezone(tz).date()
    return day - timedelta(days=day.weekday())


def _midnight(day: date, tz) -> datetime:
    return datetime.combine(day, time(), tzinfo=tz)


def keys_of(user, entries: Iterable) -> set[Key]:
    """The weeks `entries` (Interactions, or (person_id, occurred_at) pairs) fall in."""
    tz = zone(user.time_zone)  # not user.tz: a zone changed in this request is cached there
    found = set()
    for entry in entries:
        person_id, at = entry if isinstance(entry, tuple) else (entry.person_id, entry.occurred_at)
        if person_id and at:
            found.add((person_id, monday(at, tz)))
    return found


def refresh_entries(user, entries: Iterable) -> None:
    """Count again the weeks of `entries` (as they are now or were before a change)."""
    refresh(user, keys_of(user, entries))


def refresh(user, keys: set[Key]) -> None:
    """Write again the rows of `keys` from the entries, and their people's counts. Five
    queries, for entries of the weeks named only."""
    if not keys:
        return
    tz = zone(user.time_zone)  # not user.tz: a zone changed in this request is cached there
    by_week: dict[date, set[int]] = {}
    for person_id, week in keys:
        by_week.setdefault(week, set()).add(person_id)
    entries, old = Q(), Q()
    for week, people in by_week.items():
        entries |= Q(
            person_id__in=people,
            occurred_at__gte=_midnight(week, tz),
            occurred_at__lt=_midnight(week + timedelta(weeks=1), tz),
        )
        old |= Q(person_id__in=people, week=week)
    people = {person_id for person_id, _week in keys}
    with transaction.atomic(savepoint=False):  # the caller's transaction, if there is one
        # Two writes for the same person (two tabs, an offline outbox sending) each
        # delete the week's rows and insert them again: the second would insert rows the
        # first just committed. Locking the people first makes the second wait, then
        # count what the first wrote.
        list(
            Person.objects.filter(pk__in=people)
            .order_by("pk")
            .select_for_update()
            .values_list("pk")
        )
        WeekRollup.objects.filter(old, user=user).delete()
        _write(user, Interaction.objects.for_user(user).filter(entries))
        count_people(user, people)


def rebuild(user) -> int:
    """Every row of the account, written again from its entries. Returns the rows."""
    with transaction.atomic():
        WeekRollup.objects.filter(user=user).delete()
        count_people(user)
        return _write(user, Interaction.objects.for_user(user))


def count_people(user, people: set[int] | None = None) -> None:
    """Write again the entry count and latest entry of `people` (ids; None: everyone)
    from their entries outside the trash. One update, an index range a person."""
    live = Interaction.objects.for_user(user).filter(person=OuterRef("pk")).order_by()
    count = live.values("person").annotate(n=Count("pk")).values("n")
    latest = live.order_by("-occurred_at").values("occurred_at")[:1]
    found = Person.objects.for_user(user)
    if people is not None:
        found = found.filter(pk__in=people)
    found.update(entry_count=Coalesce(Subquery(count), 0), last_seen=Subquery(latest))


def _write(user, entries) -> int:
    """Sum `entries` per person, local week, Sunday or not, and insert the rows. One
    grouped query (by person, week, weekday, hour and set of signs) and one insert."""
    tz = zone(user.time_zone)  # not user.tz: a zone changed in this request is cached there
    # Older dates are typos, refused since: "All time" starts in 1970 at the earliest.
    groups = (
        entries.filter(occurred_at__gte=EARLIEST)
        .annotate(
            week=Trunc("occurred_at", "week", output_field=DateField(), tzinfo=tz),
            iso_day=ExtractIsoWeekDay("occurred_at", tzinfo=tz),
            hour=ExtractHour("occurred_at", tzinfo=tz),
            signs=entry_signs(),
        )
        .values("person_id", "week", "iso_day", "hour", "signs", "chat")
        .annotate(
            n=Count("pk"),
            feeling_sum=Sum("feeling"),
            me=Count("pk", filter=Q(initiated_by="me")),
            them=Count("pk", filter=Q(initiated_by="them")),
        )
        .order_by()
    )
    rows: dict[tuple, WeekRollup] = {}
    for g in groups:
        key = (g["person_id"], g["week"], g["iso_day"] == 7, g["chat"] is not None)
        row = rows.get(key)
        if row is None:
            row = rows[key] = WeekRollup(
                user=user,
                person_id=key[0],
                week=key[1],
                sunday=key[2],
                chat=key[3],
                counts={},
                hours={},
            )
        n = g["n"]
        row.total += n
        row.feeling_sum += g["feeling_sum"] or 0
        row.me += g["me"]
        row.them += g["them"]
        cell = f"{g['iso_day']},{g['hour']}"
        row.hours[cell] = row.hours.get(cell, 0) + n
        signs = sign_set(g["signs"])
        if signs:
            row.signed += n
            for slug in signs:
                row.counts[slug] = row.counts.get(slug, 0) + n
    WeekRollup.objects.bulk_create(rows.values(), batch_size=1000)
    return len(rows)
