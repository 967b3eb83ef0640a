# Placeholder until the real classifier lands (being written in parallel).
from dataclasses import dataclass
from datetime import datetime

from patterns.categories import SLUGS


@dataclass(frozen=True)
class Facts:
    occurred_at: datetime | None = None
    channel: str | None = None
    initiated_by: str | None = None
    reply: str | None = None
    reply_delay_hours: float | None = None
    plan_outcome: str | None = None
    feeling: int | None = None


@dataclass(frozen=True)
class Verdict:
    slug: str
    score: float
    label: bool
    reasons: tuple[str, ...]


def classify(text: str, facts: Facts = Facts()) -> dict[str, Verdict]:
    hit = "left on read" in text.lower()
    return {
        s: Verdict(
            s,
            1.0 if hit and s == "left_on_read" else 0.0,
            hit and s == "left_on_read",
            ("placeholder",),
        )
        for s in SLUGS
    }
