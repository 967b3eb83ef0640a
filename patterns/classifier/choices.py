"""What a person can fill in beside an entry's text, as (value, label) pairs.

The values are a contract: the database stores them (``journal.models`` makes its
``TextChoices`` from these pairs), ``Facts`` accepts only them, the rules read them and
the learned layer has one feature per value. Never rename one.
"""

CHANNEL_CHOICES: tuple[tuple[str, str], ...] = (
    ("text", "Text"),
    ("dating_app", "Dating app"),
    ("social_dm", "Social DM"),
    ("call", "Call"),
    ("video", "Video"),
    ("in_person", "In person"),
    ("email", "Email"),
    ("other", "Other"),
)
INITIATOR_CHOICES: tuple[tuple[str, str], ...] = (("me", "Me"), ("them", "Them"))
REPLY_CHOICES: tuple[tuple[str, str], ...] = (
    ("none_yet", "No reply yet"),
    ("seen_no_reply", "Seen, no reply"),
    ("one_word", "One word"),
    ("short", "Short"),
    ("engaged", "Engaged"),
)
PLAN_OUTCOME_CHOICES: tuple[tuple[str, str], ...] = (
    ("kept", "Kept"),
    ("rescheduled", "Rescheduled"),
    ("cancelled", "Cancelled"),
    ("vague", "Left vague"),
    ("declined", "Declined"),
)

CHANNELS: tuple[str, ...] = tuple(value for value, _ in CHANNEL_CHOICES)
INITIATORS: tuple[str, ...] = tuple(value for value, _ in INITIATOR_CHOICES)
REPLIES: tuple[str, ...] = tuple(value for value, _ in REPLY_CHOICES)
PLAN_OUTCOMES: tuple[str, ...] = tuple(value for value, _ in PLAN_OUTCOME_CHOICES)
