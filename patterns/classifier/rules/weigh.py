"""What the category rules hand back, and the weighing the plan categories share.

Each category module (``one_word`` ... ``hot_cold``) holds its phrase data and a
``rule(entry)`` that returns a list of weighted ``Evidence``: positive for signs of the
category, negative for negation, resolution and the clean cases the taxonomy lists.
``patterns.classifier.classify`` sums each list in one scoring step.

Each rule first collects the signs of its category. Only when there are some does it look
for what cancels them: with nothing to cancel, the score is 0 anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from patterns.classifier.types import Entry


@dataclass(frozen=True, slots=True)
class Evidence:
    weight: float
    reason: str = ""  # shown to the person when the label is given


def quoted(phrase: str) -> str:
    """A found phrase, quoted for a reason; stray quote marks from the text dropped."""
    return "“" + _STRAY_QUOTES.sub("", phrase).strip() + "”"


_STRAY_QUOTES = re.compile(r"(?<![a-z])'|'(?![a-z])|\"")


def concrete_plan_evidence(e: Entry) -> list[Evidence]:
    """A concrete new time that held clears plan-related categories; a plan that went
    ahead at all weighs against them too."""
    concrete = offered_time(e)
    kept = e.hit("kept") or e.facts.plan_outcome == "kept"
    if concrete and kept:
        return [Evidence(-1.6)]
    if concrete or kept:
        return [Evidence(-0.6)]
    return []


def offered_time(e: Entry) -> str | None:
    """A concrete day or time, unless it is only the writer's own suggestion ("Suggested
    dinner Friday to Lior", "I asked if Saturday works")."""
    for at, phrase in e.matches("concrete_time"):
        writers = phrase.startswith(_PROPOSING) and _WRITER_LEADS.search(e.low, 0, at)
        if not writers:
            return phrase
    return None


_PROPOSING = ("suggested", "offered", "asked", "invited", "proposed", "booked", "how about")


_WRITER_LEADS = re.compile(r"(?:^|[.!?]\s*|\bi (?:\w+ )?)$")
