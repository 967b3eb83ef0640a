"""Each account's own adjustment to the learned classifier: load, learn, forget.

The adjustment (``patterns.classifier.learned.Tuning``) is stored sealed in ``journal.models.Tuning``.
"""

from __future__ import annotations

from django.db import transaction

from journal.models import Interaction, Tuning
from patterns import classifier
from patterns.classifier import learned


def load(user_id: int) -> learned.Tuning | None:
    """The account's adjustment, or None before its first correction. Queries: 1."""
    row = Tuning.objects.filter(user_id=user_id).only("weights", "uid", "user").first()
    return learned.Tuning.from_json(row.weights) if row and row.weights else None


def loaded(user_ids) -> dict[int, learned.Tuning]:
    """The adjustments of several accounts, by account. Queries: 1."""
    rows = Tuning.objects.filter(user_id__in=set(user_ids)).exclude(weights="")
    return {row.user_id: learned.Tuning.from_json(row.weights) for row in rows}


def learn_from(entry: Interaction, category: str, present: bool, facts) -> None:
    """One correction on an entry, learned by its account (a row lock keeps two at once
    from losing one). Does nothing without a learned model."""
    with transaction.atomic():
        row, _ = Tuning.objects.select_for_update().get_or_create(user=entry.user)
        tuning = learned.Tuning.from_json(row.weights) if row.weights else learned.Tuning()
        if classifier.learn(tuning, entry.text, facts, category, present):
            row.weights = tuning.to_json()
            row.corrections = tuning.corrections
            row.save(update_fields=["weights", "corrections", "updated"])


def forget(user) -> None:
    """Start again from the shared model: the account's adjustment is deleted."""
    Tuning.objects.filter(user=user).delete()
