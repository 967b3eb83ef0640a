"""Store the classifier's verdicts on entries, keeping what the person decided."""

import re
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from journal import rollups, tuning
from journal.models import EntryCategory, Interaction, Source
from patterns.classifier import Facts, classify, learned


def facts_for(entry: Interaction) -> Facts:
    """The classifier's view of an entry: its facts, with time in the owner's zone."""
    local = None
    if entry.occurred_at is not None:
        local = timezone.localtime(entry.occurred_at, entry.user.tz).replace(tzinfo=None)
    return Facts(
        occurred_at=local,
        channel=entry.channel or None,
        initiated_by=entry.initiated_by or None,
        reply=entry.reply or None,
        reply_delay_hours=entry.reply_delay_hours,
        plan_outcome=entry.plan_outcome or None,
        feeling=entry.feeling,
    )


# The most reasons a category row keeps, and the longest one (the classifier's own are
# under 70 characters): an imported file past them is refused, so no entry text rides
# into the plain reasons column (portability.imports).
MAX_REASONS = 12
MAX_REASON_LENGTH = 120
# A phrase quoted from the entry, or a list of them in brackets, with the brackets.
QUOTED = re.compile(r"\s*\((?:“[^”]*”(?:, )?)+\)|“[^”]*”")


def without_quotes(reasons) -> list[str]:
    """Reasons fit for the plain category table: no words quoted from the sealed text.

    Pages show the full reasons, worked out again from the opened text
    (journal/cards.py).
    """
    cleaned = (_without_quotes(r) for r in reasons)
    return [" ".join(r.split()) for r in cleaned if r.strip()]


# A quote mark, and the bracket before it if any.
_QUOTE_MARK = re.compile(r"\s*\(?[“”\"]")


def _without_quotes(reason: str) -> str:
    cleaned = QUOTED.sub(lambda m: "" if m[0].lstrip().startswith("(") else "a phrase", reason)
    if _QUOTE_MARK.search(cleaned):
        # A quote inside a quote fooled the patterns: keep only what comes before the
        # first quote mark, so no word of the entry reaches the plain column.
        return _QUOTE_MARK.split(reason)[0]
    return cleaned


def auto_rows(entry: Interaction, tuning: learned.Tuning | None = None) -> list[EntryCategory]:
    """Unsaved rows for the categories the classifier finds in an entry, with the
    account's own adjustment if given."""
    verdicts = classify(entry.text, facts_for(entry), tuning=tuning)
    return [
        EntryCategory(
            interaction=entry,
            category=v.slug,
            score=v.score,
            reasons=without_quotes(v.reasons),
            source=Source.AUTO,
        )
        for v in verdicts.values()
        if v.label
    ]


def label_entries(entries: Iterable[Interaction], refresh: bool = True) -> int:
    """Re-run the classifier over entries, replacing automatic rows only, each with its
    account's own adjustment, and count their weeks again (unless the caller does: not
    `refresh`). Queries: 4, and 3 per account with `refresh` (its user read too, unless
    the entries carry it)."""
    entries = list(entries)
    if not entries:
        return 0
    tunings = tuning.loaded(entry.user_id for entry in entries)
    kept = set(
        EntryCategory.objects.filter(interaction__in=entries, source=Source.PERSON).values_list(
            "interaction_id", "category"
        )
    )
    rows = [
        row
        for entry in entries
        for row in auto_rows(entry, tunings.get(entry.user_id))
        if (entry.pk, row.category) not in kept
    ]
    with transaction.atomic():
        EntryCategory.objects.filter(interaction__in=entries, source=Source.AUTO).delete()
        EntryCategory.objects.bulk_create(rows)
        if refresh:
            for user in {entry.user_id: entry.user for entry in entries}.values():
                rollups.refresh_entries(user, [e for e in entries if e.user_id == user.pk])
    return len(rows)


def label_entry(entry: Interaction, new: bool = False) -> None:
    """Classify one entry. A `new` one has no rows to keep or replace: one insert at most."""
    if new:
        EntryCategory.objects.bulk_create(auto_rows(entry, tuning.load(entry.user_id)))
    else:
        label_entries([entry], refresh=False)  # save_entry counts its weeks


def record_correction(entry: Interaction, category: str, present: bool) -> None:
    """Record the person's own call on a category. It wins over the classifier for good."""
    with transaction.atomic():
        _store_correction(entry, category, present)
        rollups.refresh_entries(entry.user, [entry])
    tuning.learn_from(entry, category, present, facts_for(entry))


def _store_correction(entry: Interaction, category: str, present: bool) -> None:
    EntryCategory.objects.update_or_create(
        interaction=entry,
        category=category,
        defaults={"source": Source.PERSON, "active": present},
        create_defaults={
            "source": Source.PERSON,
            "active": present,
            "reasons": ["you added this"] if present else [],
            "score": 1.0 if present else 0.0,
        },
    )
