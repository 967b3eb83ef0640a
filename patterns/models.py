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


class WeekRollup(models.Model):
    """One person's sums for one local week, kept with every write that changes them.

    `week` is the Monday of the ISO week in the account's time zone; its Sunday has a row
    of its own (`sunday`), so weeks that start on Sunday add up from the same rows, and
    entries imported from chats have theirs (`chat`), which the weekly view can leave out.
    Only
    entries outside the trash count. Sums, never text: `counts` holds signs per category
    slug and `hours` entries per "isoday,hour" (the map of hours). patterns.rollups keeps
    them; `rebuild_rollups` writes them again from the entries.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    person = models.ForeignKey("journal.Person", on_delete=models.CASCADE)
    week = models.DateField()
    sunday = models.BooleanField(default=False)
    chat = models.BooleanField(default=False)  # entries imported from chats, apart
    total = models.PositiveIntegerField(default=0)
    signed = models.PositiveIntegerField(default=0)
    feeling_sum = models.IntegerField(default=0)
    me = models.PositiveIntegerField(default=0)
    them = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)
    hours = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "week", "sunday", "chat"], name="weekrollup_unique_week"
            ),
        ]
        indexes = [models.Index(fields=["user", "week"], name="weekrollup_user_week")]

    def __str__(self) -> str:
        return f"{self.person_id} in the week of {self.week}"
