"""What the classifier reads and what it answers: an entry's ``Facts``, the ``Entry`` the
rules read (its prepared text, its facts and the category sums so far), and a ``Verdict``
per category. The rules import these types; nothing here imports a rule."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from patterns.classifier.choices import CHANNELS, INITIATORS, PLAN_OUTCOMES, REPLIES
from patterns.classifier.text import Phrases, Text

_CHOICES = {
    "channel": CHANNELS,
    "initiated_by": INITIATORS,
    "reply": REPLIES,
    "plan_outcome": PLAN_OUTCOMES,
}


@dataclass(frozen=True)
class Facts:
    """What the person filled in beside the text. Every fact is optional."""

    occurred_at: datetime | None = None  # naive local time of the interaction
    channel: str | None = None
    initiated_by: str | None = None
    reply: str | None = None
    reply_delay_hours: float | None = None
    plan_outcome: str | None = None
    feeling: int | None = None

    @property
    def hurt(self) -> bool:
        """It felt bad (-1 or lower): a sign the facts alone hint at weighs a little more."""
        return self.feeling is not None and self.feeling <= -1

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None, occurred_at: Any = None) -> Facts:
        """Parse JSON facts, raising ValueError with a clear message for a bad value."""
        d = {} if d is None else d
        if not isinstance(d, dict):
            raise ValueError("facts must be a JSON object")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(d) - known)
        if unknown:
            raise ValueError(f"unknown fact {unknown[0]!r} (known: {', '.join(sorted(known))})")
        when = occurred_at if occurred_at is not None else d.get("occurred_at")
        values = {name: _parse_choice(name, d.get(name)) for name in _CHOICES}
        return cls(
            occurred_at=parse_occurred_at(when),
            reply_delay_hours=_parse_delay(d.get("reply_delay_hours")),
            feeling=_parse_feeling(d.get("feeling")),
            **values,
        )


@dataclass(frozen=True)
class Verdict:
    slug: str
    score: float  # 0..1, two decimals
    label: bool  # score >= THRESHOLD
    reasons: tuple[str, ...]


def parse_occurred_at(value: Any) -> datetime | None:
    """An ISO 8601 local date and time; an offset is dropped, keeping the wall-clock time."""
    if value is None or isinstance(value, datetime):
        return value.replace(tzinfo=None) if value else None
    if not isinstance(value, str) or len(value.strip()) < 11:
        raise ValueError(f"occurred_at must be an ISO 8601 date and time, got {value!r}")
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"occurred_at is not an ISO 8601 date and time: {value!r}") from None
    return parsed.replace(tzinfo=None)


def _parse_choice(name: str, value: Any) -> str | None:
    if value is None or value in _CHOICES[name]:
        return value
    allowed = ", ".join(_CHOICES[name])
    raise ValueError(f"{name} must be one of {allowed}; got {value!r}")


def _parse_delay(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not _finite(value):
        raise ValueError(f"reply_delay_hours must be a number of hours, got {value!r:.40}")
    if value < 0:
        raise ValueError(f"reply_delay_hours cannot be negative, got {value!r}")
    return float(value)


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # a whole number too big for a float: 1 and 400 zeros
        return False


def _parse_feeling(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not -3 <= value <= 3:
        raise ValueError(f"feeling must be a whole number from -3 to 3, got {value!r}")
    return value


# --------------------------------------------------------------------------------------
# The entry: its prepared text, its facts, and the category sums so far
# --------------------------------------------------------------------------------------
class Entry(Text):
    """What a rule reads: the text prepared with the rules' phrases, the facts, and
    ``sums``: each category's sum of evidence, for the rules already run (hot and cold,
    last, reads the others')."""

    def __init__(self, text: str, facts: Facts, phrases: Phrases) -> None:
        super().__init__(text, phrases)
        self.facts = facts
        self.sums: dict[str, float] = {}
