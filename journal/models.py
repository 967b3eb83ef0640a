"""People, the interactions logged with them, and what the person's writes keep.

Field names follow the entry facts in shared/TAXONOMY.md, so the classifier reads
them directly (see journal.signs.facts_for). The signs stored on entries, the account's
tuning, the week sums, basics and decisions keep the `patterns_*` tables they had when
patterns held them (migration 0010 moved them without touching the database).
"""

import uuid
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from journal.sealing import SealedQuerySet, SealedTextField
from patterns.classifier.categories import CATEGORIES, SLUGS
from patterns.classifier.choices import (
    CHANNEL_CHOICES,
    INITIATOR_CHOICES,
    PLAN_OUTCOME_CHOICES,
    REPLY_CHOICES,
)


class Relationship(models.TextChoices):
    DATING = "dating", "Dating"
    SITUATIONSHIP = "situationship", "Situationship"
    PARTNER = "partner", "Partner"
    FRIEND = "friend", "Friend"
    FAMILY = "family", "Family"
    WORK = "work", "Work"
    OTHER = "other", "Other"


def _choices(name: str, pairs: tuple[tuple[str, str], ...]) -> type[models.TextChoices]:
    """TextChoices made from the classifier's (value, label) pairs, one member per value
    in capitals: ``Channel.IN_PERSON`` is ``"in_person"``."""
    members = [(value.upper(), (value, label)) for value, label in pairs]
    return models.TextChoices(name, members, module=__name__)


# The facts beside an entry's text: one vocabulary with the classifier that reads them.
Channel = _choices("Channel", CHANNEL_CHOICES)
Initiator = _choices("Initiator", INITIATOR_CHOICES)
Reply = _choices("Reply", REPLY_CHOICES)
PlanOutcome = _choices("PlanOutcome", PLAN_OUTCOME_CHOICES)


# How "Logged your ... with Sam." names each channel.
CHANNEL_NOUNS = {
    Channel.TEXT: "text",
    Channel.DATING_APP: "dating-app chat",
    Channel.SOCIAL_DM: "DM",
    Channel.CALL: "call",
    Channel.VIDEO: "video call",
    Channel.IN_PERSON: "time in person",
    Channel.EMAIL: "email",
    Channel.OTHER: "entry",
}


class Feeling(models.TextChoices):
    """Words a person can pick to say how an interaction felt."""

    ANXIOUS = "anxious", "anxious"
    HURT = "hurt", "hurt"
    CONFUSED = "confused", "confused"
    DISMISSED = "dismissed", "dismissed"
    LONELY = "lonely", "lonely"
    ANGRY = "angry", "angry"
    HOPEFUL = "hopeful", "hopeful"
    RELIEVED = "relieved", "relieved"
    HAPPY = "happy", "happy"
    CALM = "calm", "calm"
    SEEN = "seen", "seen"
    EXCITED = "excited", "excited"


FEELING_SCALE = {
    -3: "Awful",
    -2: "Bad",
    -1: "A bit off",
    0: "Neutral",
    1: "Okay",
    2: "Good",
    3: "Wonderful",
}
MAX_TEXT = 5000
# Days an entry stays in the trash. Past them it is gone: not listed, not restorable,
# not exported, and deleted by purge_expired_trash() (journal.middleware runs it daily).
TRASH_DAYS = 30


def trash_cutoff() -> datetime:
    """Entries deleted before this moment are past the trash's days."""
    return timezone.now() - timedelta(days=TRASH_DAYS)


class PersonQuerySet(SealedQuerySet):
    def for_user(self, user) -> "PersonQuerySet":
        return self.filter(user=user)

    def active(self) -> "PersonQuerySet":
        return self.filter(archived=False)

    def named(self, name: str) -> "PersonQuerySet":
        """The people called `name` in any case: "sam" finds "Sam". Names are matched as
        given, so tidy a typed one first (journal.forms.tidy_name)."""
        return self.filter(name__iexact=name)

    def get_or_create_named(self, user, name: str) -> "Person":
        """The user's person called `name` in any case, made if there is none. Someone
        made by another request at the same moment is found, not made twice (the
        unique-name rule turns the second insert down). Queries: 1, or 2 more and a
        savepoint when the person is new.
        """
        people = self.for_user(user)
        person = people.named(name).first()
        if person is None:
            try:
                with transaction.atomic():  # A clash rolls back this insert only.
                    person = self.create(user=user, name=name)
            except IntegrityError:
                person = people.named(name).first()
                if person is None:
                    raise
        return person


class Person(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=80)
    relationship = models.CharField(
        max_length=16, choices=Relationship.choices, default=Relationship.OTHER
    )
    # Sealed (journal.sealing), bound to `uid`. The name stays plain: search and the
    # unique-name rule need it.
    notes = SealedTextField(blank=True, max_length=MAX_TEXT, row="uid")
    archived = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    # The row's identity for its sealed notes; it exists before the insert.
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    # Their entries outside the trash, and the latest one's moment: kept by
    # journal.rollups in the same transaction as every write that changes them, so
    # lists read them rather than count every entry.
    entry_count = models.PositiveIntegerField(default=0, editable=False)
    last_seen = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]
        verbose_name_plural = "people"
        constraints = [
            # Typing "sam" in the log form finds the existing "Sam".
            models.UniqueConstraint("user", Lower("name"), name="person_unique_name_per_user"),
            # Sealed notes are bound to the uid: no two people may share one.
            models.UniqueConstraint(fields=["uid"], name="person_unique_uid"),
        ]

    def __str__(self) -> str:
        return self.name


def validate_not_far_future(value) -> None:
    if value and value > timezone.now() + timedelta(days=1):
        raise ValidationError("That is more than a day in the future. Check the date and time.")


# The earliest date an entry may have: before it, the year is a typo ("0026", "1026"),
# and one such entry would stretch the "All time" chart over centuries.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)


def validate_not_too_early(value) -> None:
    if value and value < EARLIEST:
        raise ValidationError("That is before 1970. Check the year.")


def validate_feeling(value: int) -> None:
    if value is not None and not -3 <= value <= 3:
        raise ValidationError("How it felt goes from -3 (awful) to +3 (wonderful).")


def validate_feelings(value) -> None:
    if not isinstance(value, list) or any(word not in Feeling.values for word in value):
        raise ValidationError("Pick feeling words from the list.")


class InteractionQuerySet(SealedQuerySet):
    def for_user(self, user) -> "InteractionQuerySet":
        """The user's entries that are not in the trash."""
        return self.filter(user=user, deleted__isnull=True)

    def in_trash(self, user) -> "InteractionQuerySet":
        """The user's entries in the trash, within its TRASH_DAYS."""
        return self.filter(user=user, deleted__gte=trash_cutoff())

    def kept(self) -> "InteractionQuerySet":
        """Entries that still exist for their owner: not in the trash, or in it for fewer
        than TRASH_DAYS (what an export holds)."""
        return self.filter(models.Q(deleted__isnull=True) | models.Q(deleted__gte=trash_cutoff()))

    def expired(self) -> "InteractionQuerySet":
        """Entries in the trash for longer than TRASH_DAYS: gone, waiting to be purged."""
        return self.filter(deleted__lt=trash_cutoff())


class Interaction(models.Model):
    """One logged interaction: a text, a call, a date."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="interactions")
    occurred_at = models.DateTimeField(
        default=timezone.now, validators=[validate_not_far_future, validate_not_too_early]
    )
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.TEXT)
    initiated_by = models.CharField(max_length=8, choices=Initiator.choices, blank=True)
    # Sealed (journal.sealing), bound to `token`, which is unique per user.
    text = SealedTextField("what happened", blank=True, max_length=MAX_TEXT, row="token")
    feeling = models.SmallIntegerField(validators=[validate_feeling])
    feelings = models.JSONField(default=list, blank=True, validators=[validate_feelings])
    reply = models.CharField(max_length=16, choices=Reply.choices, blank=True)
    reply_delay_hours = models.FloatField(null=True, blank=True)
    plan_outcome = models.CharField(max_length=16, choices=PlanOutcome.choices, blank=True)
    asked_clarity = models.BooleanField("I asked for clarity", default=False)
    # The log form sends a fresh token; a second post with it is the same entry.
    token = models.UUIDField(default=uuid.uuid4, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    deleted = models.DateTimeField(null=True, blank=True, editable=False)

    objects = InteractionQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            # The timeline and the charts: one user's entries by time.
            models.Index(fields=["user", "-occurred_at"], name="interaction_user_time"),
            # The person page: one person's entries by time.
            models.Index(fields=["person", "-occurred_at"], name="interaction_person_time"),
            # The entry logged last (the log form picks its person). Without it PostgreSQL
            # walks the primary key back through every newer entry of every other account.
            models.Index(fields=["user", "-id"], name="interaction_user_latest"),
        ]
        constraints = [
            # A double-clicked or retried log form stores one entry.
            models.UniqueConstraint(fields=["user", "token"], name="interaction_unique_token"),
            models.CheckConstraint(
                condition=models.Q(feeling__gte=-3, feeling__lte=3),
                name="interaction_feeling_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.occurred_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if self.person_id and self.user_id and self.person.user_id != self.user_id:
            raise ValidationError({"person": "Pick one of your own people."})
        if self.reply_delay_hours is not None and not 0 <= self.reply_delay_hours <= 24 * 365:
            raise ValidationError({"reply_delay_hours": "Give the delay in hours, 0 or more."})

    @property
    def feeling_label(self) -> str:
        return FEELING_SCALE.get(self.feeling, "")

    @property
    def logged_message(self) -> str:
        return f"Logged your {CHANNEL_NOUNS.get(self.channel, 'entry')} with {self.person}."

    @property
    def feeling_tone(self) -> str:
        """low, mid or high: the class that colours the feeling on an entry card."""
        return "low" if self.feeling < 0 else "high" if self.feeling > 0 else "mid"


def purge_expired_trash(user=None) -> int:
    """Delete every entry past the trash's days (only `user`'s, if given), with their
    categories. Returns how many entries went. Queries: a few, whatever the number."""
    entries = Interaction.objects.expired()
    if user is not None:
        entries = entries.filter(user=user)
    deleted, by_model = entries.delete()
    return by_model.get(Interaction._meta.label, 0)


class ChatSource(models.TextChoices):
    WHATSAPP = "whatsapp", "WhatsApp"
    TELEGRAM = "telegram", "Telegram"


class ChatConversationQuerySet(models.QuerySet):
    def for_person(self, person: Person) -> "ChatConversationQuerySet":
        """The person's imported conversations that are not in the trash."""
        return self.filter(interaction__person=person, interaction__deleted=None)


class ChatConversation(models.Model):
    """One conversation imported from a chat export, kept beside its entry.

    Its entry (the interaction) holds what every entry holds: when it started, the
    channel, who reached out, their reply and its delay, and the messages the person
    chose to keep as its sealed text. Here are the conversation's figures as
    shared/CHAT-IMPORT.md defines them; the messages themselves are never stored.
    """

    interaction = models.OneToOneField(
        Interaction, on_delete=models.CASCADE, primary_key=True, related_name="chat"
    )
    source = models.CharField(max_length=16, choices=ChatSource.choices)
    ended = models.DateTimeField()  # the last message
    messages_me = models.PositiveIntegerField(default=0)
    messages_them = models.PositiveIntegerField(default=0)
    words_me = models.PositiveIntegerField(default=0)
    words_them = models.PositiveIntegerField(default=0)
    late_me = models.PositiveIntegerField(default=0)  # messages sent 22:00 to 3:59
    late_them = models.PositiveIntegerField(default=0)
    # Reply times in minutes, in the order they came: medians need every value.
    replies_me = models.JSONField(default=list, blank=True)
    replies_them = models.JSONField(default=list, blank=True)
    # Their first reply here, in minutes (None: they didn't reply in it).
    first_reply = models.PositiveIntegerField(null=True, blank=True)
    # Whether my (their) run that ends this conversation waited over 24 h for an answer.
    unanswered_me = models.BooleanField(default=False)
    unanswered_them = models.BooleanField(default=False)
    waited = models.PositiveIntegerField(null=True, blank=True)  # minutes until that answer
    double_me = models.PositiveIntegerField(default=0)
    double_them = models.PositiveIntegerField(default=0)
    short_me = models.PositiveIntegerField(default=0)  # my short answers to their long turns
    short_them = models.PositiveIntegerField(default=0)
    long_me = models.PositiveIntegerField(default=0)  # their long turns I answered (of)
    long_them = models.PositiveIntegerField(default=0)

    objects = ChatConversationQuerySet.as_manager()

    class Meta:
        verbose_name = "imported chat conversation"

    def __str__(self) -> str:
        return f"{self.get_source_display()} conversation, entry #{self.interaction_id}"


KNOWN_SIGNS = frozenset(SLUGS)


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
        db_table = "patterns_entrycategory"  # kept from when patterns held it
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


def entry_signs() -> models.Subquery:
    """An entry's active signs as "slug,slug" (None for none), for `annotate`.

    One index probe per entry, on the (interaction, category) unique index: a join, or
    an EXISTS per category, had PostgreSQL read the category table of every account
    (found with bench/run.py).
    """
    return models.Subquery(
        EntryCategory.objects.filter(interaction=models.OuterRef("pk"), active=True)
        .order_by()
        .values("interaction")
        .annotate(slugs=models.StringAgg("category", models.Value(",")))
        .values("slugs")
    )


def sign_set(slugs: str | None) -> frozenset[str]:
    """The signs in an `entry_signs` value (a retired category left out)."""
    return frozenset(slugs.split(",")) & KNOWN_SIGNS if slugs else frozenset()


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

    class Meta:
        db_table = "patterns_tuning"  # kept from when patterns held it

    def __str__(self) -> str:
        return f"{self.corrections} corrections learned by {self.user_id}"


class WeekRollup(models.Model):
    """One person's sums for one local week, kept with every write that changes them.

    `week` is the Monday of the ISO week in the account's time zone; its Sunday has a row
    of its own (`sunday`), so weeks that start on Sunday add up from the same rows, and
    entries imported from chats have theirs (`chat`), which the weekly view can leave out.
    Only
    entries outside the trash count. Sums, never text: `counts` holds signs per category
    slug and `hours` entries per "isoday,hour" (the map of hours). journal.rollups keeps
    them; `rebuild_rollups` writes them again from the entries.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
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
        db_table = "patterns_weekrollup"  # kept from when patterns held it
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
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="basics"
    )
    line = models.CharField(max_length=16, choices=Line.choices)
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    # Sealed (journal.sealing), bound to `uid`: what they need, in their own words.
    words = SealedTextField(blank=True, max_length=1000, row="uid")
    created = models.DateTimeField(auto_now_add=True)
    uid = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = BasicQuerySet.as_manager()

    class Meta:
        db_table = "patterns_basic"  # kept from when patterns held it
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
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="decisions")
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
        db_table = "patterns_decision"  # kept from when patterns held it
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
