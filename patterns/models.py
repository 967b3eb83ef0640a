import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from journal.models import Interaction, validate_feeling
from journal.sealing import SealedQuerySet, SealedTextField
from patterns.classifier.categories import CATEGORIES


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
    sealed under the account's data key like its text (``patterns.classifier.learned.Tuning``).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tuning"
    )
    # Sealed (journal.sealing), bound to `uid`: patterns.classifier.learned.Tuning as JSON.
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


class Line(models.TextChoices):
    """The kinds of line a person can set, each with the number they choose."""

    REPLIES = "replies", "Replies within __ hours on most days"
    CANCELLATIONS = "cancellations", "No more than __ cancellations without another time"
    REACH_OUT = "reach_out", "They reach out first at least __ times in 10"
    DAYLIGHT = "daylight", "At most __% of contact after 10 pm"
    CLARITY = "clarity", "After I ask for clarity, an answer within __ days"
    OWN_WORDS = "own_words", "In my own words"


# The highest number each line takes; own words take none.
LINE_LIMITS = {
    Line.REPLIES: 24 * 14,
    Line.CANCELLATIONS: 30,
    Line.REACH_OUT: 10,
    Line.DAYLIGHT: 100,
    Line.CLARITY: 60,
}


class BasicQuerySet(SealedQuerySet):
    def for_user(self, user) -> "BasicQuerySet":
        return self.filter(user=user)


class Basic(models.Model):
    """One line a person set while calm: for everyone (no person) or for one person."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    person = models.ForeignKey(
        "journal.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="basics"
    )
    line = models.CharField(max_length=16, choices=Line.choices)
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    # Sealed (journal.sealing), bound to `uid`: what they need, in their own words.
    words = SealedTextField(blank=True, max_length=1000, row="uid")
    created = models.DateTimeField(auto_now_add=True)
    uid = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = BasicQuerySet.as_manager()

    class Meta:
        ordering = ["created", "id"]
        constraints = [
            # Sealed words are bound to the uid: no two lines may share one.
            models.UniqueConstraint(fields=["uid"], name="basic_unique_uid"),
        ]
        indexes = [
            # The basics page and every line check: one user's lines.
            models.Index(fields=["user", "created"], name="basic_user_created"),
        ]

    def __str__(self) -> str:
        return self.sentence

    def clean(self) -> None:
        if self.line == Line.OWN_WORDS:
            if not self.words.strip():
                raise ValidationError({"words": "Write what you need, in a few words."})
            return
        top = LINE_LIMITS.get(self.line)
        if self.number is None or top is None or not 0 <= self.number <= top:
            raise ValidationError({"number": f"Choose a number from 0 to {top}."})

    @property
    def sentence(self) -> str:
        if self.line == Line.OWN_WORDS:
            return "In your own words"
        return Line(self.line).label.replace("__", str(self.number))


class Choice(models.TextChoices):
    KEEP = "keep", "Keep going"
    CLARITY = "clarity", "Ask for clarity"
    STEP_BACK = "step_back", "Step back"
    END = "end", "End it"


class DecisionQuerySet(SealedQuerySet):
    def for_user(self, user) -> "DecisionQuerySet":
        return self.filter(user=user)

    def due(self, user, today) -> "DecisionQuerySet":
        """Decisions whose look-again date has come and not been looked at."""
        return self.filter(user=user, look_again__lte=today, looked=False)


class Decision(models.Model):
    """What a person decided about someone in a weekly review."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    person = models.ForeignKey("journal.Person", on_delete=models.CASCADE, related_name="decisions")
    choice = models.CharField(max_length=16, choices=Choice.choices)
    feeling = models.SmallIntegerField(null=True, blank=True, validators=[validate_feeling])
    # Sealed (journal.sealing), bound to `uid`.
    note = SealedTextField(blank=True, max_length=2000, row="uid")
    look_again = models.DateField(null=True, blank=True)
    looked = models.BooleanField(default=False)
    decided = models.DateTimeField(default=timezone.now)
    uid = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided", "-id"]
        constraints = [
            # Sealed notes are bound to the uid: no two decisions may share one.
            models.UniqueConstraint(fields=["uid"], name="decision_unique_uid"),
        ]
        indexes = [
            # The person page's list of decisions and their chart markers.
            models.Index(fields=["person", "-decided"], name="decision_person_time"),
            # The log page's "look again" reminders.
            models.Index(fields=["user", "look_again"], name="decision_look_again"),
        ]

    def __str__(self) -> str:
        return f"{self.get_choice_display()} about {self.person_id}"
