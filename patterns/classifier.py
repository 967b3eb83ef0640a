"""Sort one journal entry into the seven micro-rejection categories.

Pure Python, no Django. How it works:

1. ``patterns.evidence.text.Text`` prepares the text once: Unicode and quote marks
   normalised, lower-cased, quoted speech found (and split into the writer's own words and
   theirs), late-night clock times read.
2. One rule per category (``_one_word_replies`` ... ``_hot_and_cold``) looks up named
   phrase signals (data in ``patterns/evidence/``) and the entry facts, and returns
   weighted ``Evidence``: positive for signs of the category, negative for negation,
   resolution and the clean cases the taxonomy lists.
3. ``classify`` sums each rule's evidence and squashes the sum into a 0..1 score. A sum
   of 1.0 sits exactly on the threshold, so "1.0" reads as "enough on its own".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from patterns.categories import SLUGS
from patterns.evidence.text import Text, is_late

THRESHOLD = 0.5

CHANNELS = ("text", "dating_app", "social_dm", "call", "video", "in_person", "email", "other")
INITIATORS = ("me", "them")
REPLIES = ("none_yet", "seen_no_reply", "one_word", "short", "engaged")
PLAN_OUTCOMES = ("kept", "rescheduled", "cancelled", "vague", "declined")
_CHOICES = {
    "channel": CHANNELS,
    "initiated_by": INITIATORS,
    "reply": REPLIES,
    "plan_outcome": PLAN_OUTCOMES,
}


# --------------------------------------------------------------------------------------
# Public types
# --------------------------------------------------------------------------------------
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
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"reply_delay_hours must be a number of hours, got {value!r}")
    if value < 0:
        raise ValueError(f"reply_delay_hours cannot be negative, got {value!r}")
    return float(value)


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
class _Entry(Text):
    def __init__(self, text: str, facts: Facts) -> None:
        super().__init__(text)
        self.facts = facts
        self.raw: dict[str, float] = {}


# --------------------------------------------------------------------------------------
# Evidence and rules, one per category
#
# Each rule first collects the signs of its category. Only when there are some does it
# look for what cancels them (negation, resolution, the taxonomy's clean cases): with
# nothing to cancel, the score is 0 anyway.
# --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Evidence:
    weight: float
    reason: str = ""


def _q(phrase: str) -> str:
    """A found phrase, quoted for a reason; stray quote marks from the text dropped."""
    return "“" + _STRAY_QUOTES.sub("", phrase).strip() + "”"


_STRAY_QUOTES = re.compile(r"(?<![a-z])'|'(?![a-z])|\"")


def _one_word_replies(e: _Entry) -> list[Evidence]:
    f = e.facts
    answer = _short_answer(e)
    if not answer:
        return []
    short, at = answer
    ev = []
    long_msg = e.hit("long_message") or (e.hit("serious") and e.hit("shared"))
    if long_msg and not e.hit("practical"):
        ev.append(Evidence(1.5, f"a long, personal message {short}"))
    elif f.reply == "one_word":
        ev.append(Evidence(0.6 if e.hit("nothing_more") else 0.3, short))
    if not ev:
        return ev
    if f.feeling is not None and f.feeling <= -2:
        ev.append(Evidence(0.1, "it felt bad"))
    if e.after("engaged_after", at):
        ev.append(Evidence(-1.2))  # the short answer went on to engage
    if e.hit("fine_by_me"):
        ev.append(Evidence(-1.0))
    if e.hit("deflect", scope="narrative"):
        ev.append(Evidence(-0.6))  # told as a joke: that is joked_off's to weigh
    if f.reply == "engaged":
        ev.append(Evidence(-1.0))
    return ev


def _short_answer(e: _Entry) -> tuple[str, int] | None:
    """How they answered, when it was only a word, an emoji or a reaction, and where the
    answer is in the text (-1 if unknown)."""
    if e.minimal_quote is not None:
        said = _q(e.minimal_quote) if e.minimal_quote else "an emoji"
        return f"answered with {said}", e.minimal_at
    reaction = e.where("reaction")
    if reaction:
        return "answered with a reaction and nothing else", reaction[0]
    if e.hit("one_word_named"):
        return "one-word answers", -1
    if e.facts.reply == "one_word":
        return "a one-word reply", -1
    if e.short_quote is not None and e.hit("nothing_more") and not e.hit("busy_word"):
        return f"answered with {_q(e.short_quote)} and nothing more", -1
    return None


def _busy_excuses(e: _Entry) -> list[Evidence]:
    f = e.facts
    busy = e.hit("busy_word", unless_before="busy_me")
    if not busy:
        return []
    ev = [Evidence(0.6, f"{_q(busy)} given as the reason")]
    context = (
        ("silence", 0.5, "used to explain silence"),
        ("cancel", 0.5, "used to cancel"),
        ("no_alternative", 0.4, "no concrete alternative"),
        ("repeated", 0.3, "the same excuse again"),
        ("plan", 0.3, "in answer to a plan"),
        ("vague_reply", 0.4, "with only a vague 'another time'"),
    )
    ev += [Evidence(weight, why) for name, weight, why in context if e.hit(name)]
    seen = e.any("seen_out", "active_elsewhere")
    if seen:
        ev.append(Evidence(0.6, f"yet visibly out and about ({_q(seen)})"))
    if f.plan_outcome == "cancelled":
        ev.append(Evidence(0.2, "the plan was cancelled"))
    ev += _concrete_plan_evidence(e)
    if e.hit("follow_through") or e.hit("resolved"):
        ev.append(Evidence(-1.0))
    if e.hit("specific_reason"):
        ev.append(Evidence(-0.4))
    if f.reply == "engaged":
        ev.append(Evidence(-0.4))
    return ev


def _concrete_plan_evidence(e: _Entry) -> list[Evidence]:
    """A concrete new time that held clears plan-related categories; a plan that went
    ahead at all weighs against them too."""
    concrete = e.hit("concrete_time")
    kept = e.hit("kept") or e.facts.plan_outcome == "kept"
    if concrete and kept:
        return [Evidence(-1.6)]
    if concrete or kept:
        return [Evidence(-0.6)]
    return []


def _avoided_plans(e: _Entry) -> list[Evidence]:
    cancel = e.hit("cancel")
    plan = e.any("plan", "proposal") or cancel
    ev = _deferral_evidence(e, plan) + _slipping_plan_evidence(e, plan, cancel)
    if e.hit("meet_proposal"):
        ev += _dodged_proposal_evidence(e, cancel)
    ev += _plan_outcome_evidence(e.facts.plan_outcome, plan)
    if not any(item.weight > 0 for item in ev):
        return ev
    ev += _concrete_plan_evidence(e)
    if e.hit("clarity"):
        ev.append(Evidence(-0.8))
    return ev


def _deferral_evidence(e: _Entry, plan: str | None) -> list[Evidence]:
    """ "Maybe sometime", "I'll let you know", and whether anything came of it."""
    vague = e.hit("vague_reply")
    promise = None if vague else e.hit("promise_to_confirm")
    ev = []
    if vague:
        ev.append(Evidence(1.0 if plan else 0.8, f"{_q(vague)} instead of a plan"))
    if promise:
        ev.append(Evidence(0.7 if plan else 0.5, f"{_q(promise)}, and then nothing"))
    if (vague or promise) and e.any("never_set", "fizzled", "no_show"):
        ev.append(Evidence(0.4, "and nothing came of it"))
    return ev


def _slipping_plan_evidence(e: _Entry, plan: str | None, cancel: str | None) -> list[Evidence]:
    """A plan moved again, cancelled, never pinned down, or simply not turned up to."""
    moved = e.hit("moved_again", unless_before="writer_before")
    never = e.hit("never_set")
    no_show = e.hit("no_show")
    faded = e.hit("fizzled")
    deferred = e.hit("vague_reply") or e.hit("promise_to_confirm")
    ev = []
    if moved and plan:
        ev.append(Evidence(1.0, f"the plan keeps moving ({_q(moved)})"))
    if cancel:
        ev += _cancel_evidence(e, cancel)
    if never and plan:
        ev.append(Evidence(0.9, f"never pinned down ({_q(never)})"))
    if no_show:
        ev.append(Evidence(1.0, f"a no-show ({_q(no_show)})"))
    if (faded or no_show) and plan and not deferred:
        ev.append(Evidence(0.4, f"the plan fizzled ({_q(faded or no_show)})"))
    return ev


def _cancel_evidence(e: _Entry, cancel: str) -> list[Evidence]:
    ev = [Evidence(0.6, f"cancelled ({_q(cancel)})")]
    late = e.hit("last_minute")
    if late:
        ev.append(Evidence(0.5, f"at the last minute ({_q(late)})"))
    if e.hit("busy_word", unless_before="busy_me"):
        ev.append(Evidence(0.4, "with only a vague excuse"))
    if e.hit("specific_reason"):
        ev.append(Evidence(-0.4))
    return ev


def _dodged_proposal_evidence(e: _Entry, cancel: str | None) -> list[Evidence]:
    """A suggestion to meet, answered with a change of subject or with "busy"."""
    if e.hit("subject_change"):
        return [Evidence(1.1, "a suggestion to meet met with a change of subject")]
    busy = e.hit("busy_word", unless_before="busy_me")
    if not busy or cancel:
        return []
    ev = [Evidence(0.8, f"a suggestion to meet met with {_q(busy)}")]
    if e.hit("repeated"):
        ev.append(Evidence(0.3, "every time"))
    if e.any("seen_out", "active_elsewhere"):
        ev.append(Evidence(0.3, "and then seen out"))
    return ev


def _plan_outcome_evidence(outcome: str | None, plan: str | None) -> list[Evidence]:
    """The plan_outcome fact; a vague or cancelled plan the text also talks about weighs
    a little more."""
    weights = {
        "vague": Evidence(0.9, "the plan was left vague"),
        "cancelled": Evidence(0.6, "the plan was cancelled"),
        "rescheduled": Evidence(0.2, "the plan was moved"),
        "kept": Evidence(-1.0),
        "declined": Evidence(-0.6),
    }
    if outcome not in weights:
        return []
    if outcome in ("vague", "cancelled") and plan:
        return [weights[outcome], Evidence(0.2)]
    return [weights[outcome]]


def _left_on_read(e: _Entry) -> list[Evidence]:
    f = e.facts
    ev = []
    named = e.hit("left_on_read_named", unless_before="by_me")
    read = e.hit("read_marker")
    active = e.hit("active_elsewhere")
    if named:
        ev.append(Evidence(1.3, _q(named)))
    elif read:
        ev.append(Evidence(0.6, f"shows as read ({_q(read)})"))
        if e.any("no_reply", "time_passed", "late_reply"):
            ev.append(Evidence(0.7, "with no answer for a long time"))
    if active and (read or named):
        ev.append(Evidence(0.6, f"while visibly active elsewhere ({_q(active)})"))
    elif active and e.any("no_reply", "late_reply"):
        ev.append(Evidence(1.0, f"ignored while visibly active elsewhere ({_q(active)})"))
    # A curt late answer skips over the gap too, unless it is an excuse for it ("swamped").
    curt = e.minimal_quote is not None or (e.short_quote and e.hit("nothing_more"))
    curt = curt and not e.hit("busy_word")
    if e.hit("late_reply") and (e.hit("no_acknowledgement") or curt):
        ev.append(Evidence(1.2, "a reply days later with no word about the gap"))
    ev += _reply_fact_evidence(f)
    if not ev:
        return ev
    if e.hit("away_announced"):
        ev.append(Evidence(-1.2))
    if e.hit("engaged_reply") and not e.hit("no_acknowledgement"):
        ev.append(Evidence(-1.0 if e.hit("apology") else -0.6))
    if e.hit("quick_reply"):
        ev.append(Evidence(-1.0))
    if e.hit("resolved"):
        ev.append(Evidence(-1.0))
    if f.reply == "engaged" and not e.hit("no_acknowledgement"):
        ev.append(Evidence(-0.5))
    return ev


def _reply_fact_evidence(f: Facts) -> list[Evidence]:
    delay = f.reply_delay_hours
    if f.reply == "seen_no_reply":
        if delay is not None and delay >= 6:
            return [Evidence(1.2, f"seen, no reply for {delay:g} h")]
        return [Evidence(0.9, "seen, no reply")]
    if f.reply == "none_yet" and delay is not None and delay >= 24:
        return [Evidence(0.3, f"no reply for {delay:g} h")]
    if f.reply in ("one_word", "short") and delay is not None and delay >= 6:
        return [Evidence(0.3, f"a short answer after {delay:g} h")]
    return []


def _late_night_only(e: _Entry) -> list[Evidence]:
    f = e.facts
    at = f.occurred_at
    late = f"at {at:%H:%M}" if at and is_late(at.hour) else e.late_clock or e.hit("late_words")
    pattern = e.hit("night_pattern")
    cue = e.hit("booty_cue")
    day_silence = e.hit("day_silence")
    ev = []
    if pattern:
        ev.append(Evidence(1.2, f"contact only at night or when bored ({_q(pattern)})"))
    if day_silence:
        weight = 1.0 if late or cue else 0.4
        ev.append(Evidence(weight, f"silence during the day ({_q(day_silence)})"))
    if cue and late:
        ev.append(Evidence(1.3, f"{_q(cue)} {late}"))
    elif cue:
        ev.append(Evidence(0.5, _q(cue)))
    elif late and e.late_clock and e.hit("late_repeat"):
        ev.append(Evidence(1.0, f"late contact ({late}), again and again"))
    elif late and f.initiated_by == "them":
        ev.append(Evidence(0.3, f"they wrote {late}"))  # a late hour alone is not enough
    if not ev:
        return ev
    if e.hit("arranged"):
        ev.append(Evidence(-1.5))
    if e.hit("steady"):
        ev.append(Evidence(-1.2))
    if f.initiated_by == "me":
        ev.append(Evidence(-0.4))
    return ev


def _joked_off(e: _Entry) -> list[Evidence]:
    joke = e.any("deflect", "deflect_quoted")
    dodge = e.hit("dodge")
    if not (joke or dodge):
        return []
    serious = _raised_first(e)
    ev = []
    if serious and joke:
        ev.append(Evidence(1.4, f"something serious ({_q(serious)}) met with {_q(joke)}"))
    elif serious:
        # After a one-word answer, going back to what they were doing is that category.
        weight = 0.5 if e.minimal_quote is not None else 1.3
        ev.append(Evidence(weight, f"something serious ({_q(serious)}), then {_q(dodge)}"))
    elif dodge:
        ev.append(Evidence(0.4, "changed the subject"))
    else:
        return []
    if e.hit("together"):
        ev.append(Evidence(-0.4 if serious else -0.8))
    if e.hit("then_engaged"):
        ev.append(Evidence(-1.2))
    if e.hit("clarity"):
        ev.append(Evidence(-0.5))
    return ev


def _raised_first(e: _Entry) -> str | None:
    """The serious thing the writer raised before the joke or dodge came back, or told as
    "when I said ..." around it."""
    reaction = e.where("deflect") or e.where("dodge") or (len(e.low), "")
    for at, phrase in e.matches("serious"):
        if at < reaction[0] or _RAISED.search(e.low, max(0, at - 40), at):
            return phrase
    return None


_RAISED = re.compile(r"\b(?:when|after|as|once|because) i\b[^.]*$")


def _hot_and_cold(e: _Entry) -> list[Evidence]:
    ev = []
    named = e.hit("swing_named")
    if named:
        ev.append(Evidence(1.3, _q(named)))
    warm = e.where("warm", unless_before="writer_words")
    if warm:
        ev += _swing_evidence(e, *warm)
    if ev and e.hit("clarity"):
        ev.append(Evidence(-0.5))
    return ev


def _swing_evidence(e: _Entry, at: int, warm: str) -> list[Evidence]:
    """Warm, then cold: in words, or as another category's cold turn after warmth.

    The warmth has to come first in the telling; cold then warm is a recovery.
    """
    shift = len(set(e.all("time_marker"))) >= 2
    cold = e.after("cold", at) or (shift and e.minimal_quote)
    if cold:
        ev = [Evidence(1.0, f"warm ({_q(warm)}), then distant ({_q(cold)})")]
        return ev + [Evidence(0.3, "within a short time")] if shift else ev
    cooled = (
        "joked_off",
        "one_word_replies",
        "left_on_read",
        "avoided_plans",
        "busy_excuses",
        "late_night_only",
    )
    if shift and any(e.raw.get(slug, 0) >= 1 for slug in cooled):
        return [Evidence(1.2, f"warm ({_q(warm)}), then a cold turn")]
    return []


RULES: dict[str, Callable[[_Entry], list[Evidence]]] = {
    "one_word_replies": _one_word_replies,
    "busy_excuses": _busy_excuses,
    "avoided_plans": _avoided_plans,
    "left_on_read": _left_on_read,
    "late_night_only": _late_night_only,
    "joked_off": _joked_off,
    "hot_and_cold": _hot_and_cold,  # last: it reads the others' sums
}
assert tuple(RULES) == SLUGS


# --------------------------------------------------------------------------------------
# The one scoring step
# --------------------------------------------------------------------------------------
def _score(raw: float) -> float:
    """0 without evidence; 0.5 at a sum of 1.0; towards 1 above."""
    if raw <= 0:
        return 0.0
    return round(1 / (1 + math.exp(-4 * (raw - 1))), 2)


def classify(text: str, facts: Facts = Facts()) -> dict[str, Verdict]:  # noqa: B008
    """One verdict per category, always all seven, in taxonomy order."""
    entry = _Entry(text or "", facts)
    verdicts = {}
    for slug, rule in RULES.items():
        evidence = rule(entry)
        raw = sum(item.weight for item in evidence)
        entry.raw[slug] = raw
        score = _score(raw)
        reasons = tuple(item.reason for item in evidence if item.weight > 0 and item.reason)
        verdicts[slug] = Verdict(slug, score, score >= THRESHOLD, reasons)
    return verdicts
