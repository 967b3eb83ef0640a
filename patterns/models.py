import uuid

from django.conf import settings
from django.db import models

from journal.models import Interaction
from journal.sealing import SealedQuerySet, SealedTextField
from patterns.categories import CATEGORIES


class Source(models.TextChoices):
    AUTO = "auto", "Found by Almost"
    PERSON = "person", "Set by you"


class EntryCategory(models.Model):
    """One category on one entry.

    Rows the person set (source "person") always win: reclassifying only touches
    "auto" rows. A category the person removed stays as an inactive person row,
    so the classifier cannot bring it back.
    """

    interaction = models.ForeignKey(
        Interaction, on_delete=models.CASCADE, related_name="categories"
    )
    category = models.CharField(max_length=32, choices=[(c.slug, c.label) for c in CATEGORIES])
    score = models.FloatField(default=0)
    reasons = models.JSONField(default=list, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.AUTO)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "entry categories"
        constraints = [
            # One row per entry and category; also serves the join from entries.
            models.UniqueConstraint(
                fields=["interaction", "category"], name="entrycategory_unique"
            ),
        ]
        indexes = [
            # Chart sums and "entries in this category": active rows by category.
            models.Index(fields=["category", "active"], name="entrycategory_category"),
        ]

    def __str__(self) -> str:
        return f"{self.category} on #{self.interaction_id}"

    @property
    def label(self) -> str:
        return self.get_category_display()


class Tuning(models.Model):
    """One account's own adjustment to the learned classifier, from its corrections.

    Weights over word and character n-grams reveal the words they came from, so they are
    sealed under the account's data key like its text (``patterns.learned.Tuning``).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tuning"
    )
    # Sealed (journal.sealing), bound to `uid`: patterns.learned.Tuning as JSON.
    weights = SealedTextField(blank=True, row="uid")
    corrections = models.PositiveIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)
    uid = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = SealedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.corrections} corrections learned by {self.user_id}"
