"""Sort one journal entry into the seven micro-rejection categories.

Pure Python, no Django. How it works:

1. ``patterns.classifier.text.Text`` prepares the text once: Unicode and quote marks
   normalised, lower-cased, quoted speech found (and split into the writer's own words and
   theirs), late-night clock times read.
2. One rule per category, each in its own module beside its phrase data
   (``patterns/classifier/rules/one_word.py`` ... ``hot_cold.py``), looks up named phrase signals
   and the entry facts, and returns weighted ``Evidence``: positive for signs of the
   category, negative for negation, resolution and the clean cases the taxonomy lists.
3. ``classify`` sums each rule's evidence and squashes the sum into a 0..1 score. A sum
   of 1.0 sits exactly on the threshold, so "1.0" reads as "enough on its own". A friend's
   story about their own partner, retold ("my sister says her boyfriend only texts at
   2am"), weighs against every category: the signs in it are not the writer's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

import numpy as np

from patterns.classifier import learned
from patterns.classifier.categories import SLUGS
from patterns.classifier.choices import CHANNELS, INITIATORS, PLAN_OUTCOMES, REPLIES
from patterns.classifier.rules import (
    avoided,
    busy,
    hot_cold,
    joked,
    late_night,
    left_on_read,
    one_word,
)
from patterns.classifier.rules.weigh import Evidence
from patterns.classifier.text import Text, prepared

THRESHOLD = 0.5
SURE = 0.9  # a rule this sure (a sum of about 1.55) stands whatever the model says

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
    """What a rule reads: the prepared text, the facts, and the sums of the rules before."""

    def __init__(self, text: str, facts: Facts) -> None:
        super().__init__(text)
        self.facts = facts
        self.raw: dict[str, float] = {}


# --------------------------------------------------------------------------------------
# One rule per category, each beside its phrase data in patterns/classifier/rules/
# --------------------------------------------------------------------------------------
RULES: dict[str, Callable[[Entry], list[Evidence]]] = {
    "one_word_replies": one_word.rule,
    "busy_excuses": busy.rule,
    "avoided_plans": avoided.rule,
    "left_on_read": left_on_read.rule,
    "late_night_only": late_night.rule,
    "joked_off": joked.rule,
    "hot_and_cold": hot_cold.rule,  # last: it reads the others' sums
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


def classify(
    text: str,
    facts: Facts = Facts(),  # noqa: B008
    only=None,
    tuning: learned.Tuning | None = None,
) -> dict[str, Verdict]:
    """One verdict per category, all seven in taxonomy order, or only those in `only`.

    The rules speak first; the learned model (``patterns.classifier.learned``), when its weights
    file is there, weighs their scores with its own (``_weighed``), and says which words
    weighed most where the rules had no reason. With `only` (a page working out the
    reasons of stored signs), the rules' own verdicts stand when they give every sign
    asked for; otherwise every rule runs and the model with them.
    `tuning` is the account's own adjustment, learned from its corrections.
    Hot and cold reads the other categories' sums, so asking for it runs every rule.
    """
    entry = Entry(text or "", facts)
    model = learned.shared()
    if only is not None and "hot_and_cold" in only:
        only = None
    verdicts = by_rules(entry, only)
    if model is None or (only is not None and all(verdicts[s].label for s in only)):
        return verdicts
    if not entry.low.strip() and facts == Facts():
        return verdicts  # nothing written and nothing filled in: nothing to weigh
    if only is not None:
        verdicts = by_rules(entry, None)
    return _weighed(entry, verdicts, model, tuning)


def learn(tuning: learned.Tuning, text: str, facts: Facts, slug: str, given: bool) -> bool:
    """Teach an account's `tuning` one correction: the person gave or took away `slug`.

    False when there is no learned model to adjust (its weights file is missing).
    """
    model = learned.shared()
    if model is None:
        return False
    entry = Entry(text or "", facts)
    rule = by_rules(entry, None)[slug].score
    chance = float(model.probabilities(*learned.features(entry, facts))[SLUGS.index(slug)])
    tuning.learn(model, *learned.own_words(entry), slug, given, (rule + chance) / 2)
    return True


def explain(text: str, facts: Facts, top: int = 5) -> dict[str, list[tuple[str, float]]]:
    """Per sign, the words of the text the learned model weighs most, with their weights."""
    model = learned.shared()
    if model is None:
        return {}
    low = Entry(text or "", facts).low
    return {slug: learned.weighed(model, low, slug, top=top) for slug in SLUGS}


def by_rules(entry: Entry, only) -> dict[str, Verdict]:
    verdicts = {}
    for slug, rule in RULES.items():
        if only is not None and slug not in only:
            continue
        evidence = rule(entry)
        if evidence and entry.hit("others_story"):
            evidence.append(Evidence(-1.2))  # a friend's story about their partner, retold
        raw = sum(item.weight for item in evidence)
        entry.raw[slug] = raw
        score = _score(raw)
        reasons = tuple(item.reason for item in evidence if item.weight > 0 and item.reason)
        verdicts[slug] = Verdict(slug, score, score >= THRESHOLD, reasons)
    return verdicts


def _weighed(
    entry: Entry, verdicts: dict[str, Verdict], model: learned.Model, tuning
) -> dict[str, Verdict]:
    """The rules' verdicts weighed with the model's: each sign's score is the mean of the
    rule's score and the model's chance (moved by the account's `tuning`), rescaled so
    that the sign's threshold (chosen on the dev split) sits at THRESHOLD. The model can
    add a sign the rules missed, and take away one the rules gave on thin evidence; a
    rule at SURE or above stands, unless the account's own corrections say otherwise."""
    at, val = learned.features(entry, entry.facts)
    rules = np.array([verdicts[slug].score for slug in SLUGS])
    blends = (rules + model.probabilities(at, val)) / 2
    sure = rules >= SURE
    if tuning is not None:
        words = learned.own_words(entry)
        sure &= tuning.logits(*words) >= 0  # unless the person taught it otherwise
        blends = tuning.adjust(blends, *words)
    out = {}
    for slug, both, cut, certain in zip(
        SLUGS, blends.tolist(), model.thresholds.tolist(), sure.tolist(), strict=True
    ):
        ruled = verdicts[slug]
        if both < cut:
            score = round(THRESHOLD * both / cut, 2)
        else:
            score = round(THRESHOLD + (1 - THRESHOLD) * (both - cut) / (1 - cut), 2)
        given = score >= THRESHOLD or certain
        score = max(score, ruled.score) if given else min(score, THRESHOLD - 0.01)
        reasons = ruled.reasons
        if given and not reasons:
            words = [word for word, _ in learned.weighed(model, entry.low, slug, tuning)]
            if words:
                reasons = ("its wording weighed most (" + ", ".join(f"“{w}”" for w in words) + ")",)
            else:
                reasons = ("what you filled in weighed most",)
        out[slug] = Verdict(slug, score, given, reasons if given else ())
    return out


# --------------------------------------------------------------------------------------
# A clear answer: not one of the seven, the opposite of them
# --------------------------------------------------------------------------------------
_CLEAR_ANSWER = re.compile(
    r"not feeling (?:a|the|any|much of a)(?: romantic| real)? (?:connection|spark|click)"
    r"|(?:doesn't|does not|don't|do not|didn't|did not) feel the same"
    r"|(?:doesn't|does not|don't|do not|didn't|did not) (?:see|think of) (?:us|me|this|you)"
    r" (?:as (?:more|anything|a couple|romantic|that)|that way|going anywhere|long[- ]term)"
    r"|(?:see|sees|saw) (?:me|us|you) (?:only |just )?as (?:a )?friends?\b"
    r"|(?:rather|prefer|prefers|wants? to|would like to) (?:just )?(?:stay|be|keep it|remain) (?:just )?friends"
    r"|not looking for (?:anything|a relationship|something) (?:serious|more|romantic|right now)"
    r"|(?:isn't|is not|wasn't|was not|not) ready (?:for|to be in) (?:a relationship|anything serious|dating)"
    r"|\b(?!i\b|we\b)\w+(?:'s|'ve| has| have| had)? met someone (?:else|new)\b"
    r"|(?:wants?|wanted|decided|decides) to (?:end|stop|call off) (?:things|it|this|us|seeing me|what we)"
    r"|(?:said|told me|gave me|it was|a) (?:a )?(?:clear|kind|honest|straight) (?:no|answer)\b"
    r"|doesn't want (?:a relationship|to date|anything more|more than)"
    r"|\b(?:he|she|they|i)(?:'s|'re|'m| is| are| am| was| were)?(?: just| really| honestly)? "
    r"(?:not|isn't|wasn't|aren't) feeling (?:it|this|us)(?=,? (?:anymore|any more|with me|between us)\b|[.!,;'\"]|$)"
    r"|(?:not|isn't|wasn't) into me (?:like that|that way|in that way)"
)

# The writer stepping back: the other side of a clear answer, with its own guide.
_CLAUSE_END = r"(?=[.!?,;'\"]|$| (?:and|but|so)\b)"
_PULLING_AWAY = re.compile(
    r"\bi(?:'m| am| was|'ve been| have been)(?: the one)?(?: slowly| kind of| sort of)? "
    r"(?:pulling away|(?:drawing|stepping|backing|drifting) (?:away|back|off)"
    rf"(?: from (?:him|her|them|us|this|things)\b|{_CLAUSE_END}))"
    r"|\bi(?: want| need| have|'ve decided| decided|'m going| am going| plan|'m ready| am ready|"
    r" should| know i should| think i (?:need|should|want)) to "
    r"(?:end (?:it|things|this|us|what we)|(?:call|break) (?:it|things) off|"
    r"(?:call|break) off (?:it|things|this|us|what we)|stop seeing (?:him|her|them)|"
    r"walk away from (?:him|her|them|this|us))"
    r"|\bi(?:'m| am| have been|'ve been) (?:avoiding|ghosting|dodging) (?:him|her|them)"
    r"|\bi(?:'m| am)(?: just| really)? not (?:feeling (?:it|this)|into (?:him|her|them)|interested)"
    rf"(?: (?:anymore|any more|in (?:him|her|them|this|us))\b|{_CLAUSE_END})"
    rf"|\bi(?:'ve| have) lost interest(?: in (?:him|her|them|this|us)\b|{_CLAUSE_END})"
    r"|\bi (?:don't|do not) (?:want this anymore|feel the same"
    rf"(?: (?:about (?:him|her|them|you|us)|anymore)\b|{_CLAUSE_END}))"
)
# "I" in the clause before a match: the writer's words, unless inside their quoted reply.
_WRITER_BEFORE = re.compile(r"\b(?:i|i'm|i am|i've|i'd|we|we're)\s+(?:[\w']+,?\s+){0,2}$")
# Not said as so: wondered, asked, doubted or reported ("he thinks I'm pulling away"),
# or over ("... and we're back together now").
_UNSURE = re.compile(
    r"\b(?:don't think|do not think|not sure|if|whether|thinks?|asks?|asked|wonder\w*|worr\w*|"
    r"afraid|scared|what if|maybe|might)\b[^.!?,;:]*$"
)
_OVER_NOW = re.compile(r"back together|(?:fine|good|okay|ok) now|but i'm not|but i am not")


def _said_as_so(low: str, start: int, end: int) -> bool:
    """Whether the words at low[start:end] are said as so: not asked, doubted or
    reported in the sentence around them, nor undone later in the entry."""
    sentence_end = re.search(r"[.!?\n]|$", low[end:])
    asked = sentence_end and sentence_end[0] == "?"
    clause = re.split(r"[.!?,;:\n]", low[:start])[-1]
    return not (asked or _UNSURE.search(clause) or _OVER_NOW.search(low, end))


def clear_answer(text: str) -> str | None:
    """The words that make an entry a clear answer ("not feeling a connection"), or None.

    A clear, kind "no" is clarity, not a micro-rejection (TAXONOMY.md): the entry card
    says so when an entry carries no sign. Theirs only: "I want to end things" and
    "I'm not feeling it" outside their quoted words are the writer stepping back
    (pulling_away), and a wondered "what if he's not into me like that?" is no answer.
    """
    low = prepared(text or "")
    if not _CLEAR_ANSWER.search(low):
        return None
    said = Text(text)
    for found in _CLEAR_ANSWER.finditer(said.low):
        theirs = said.in_their_quote(found.start())
        before = said.low[max(0, found.start() - 30) : found.start()]
        mine = not theirs and (_WRITER_BEFORE.search(before) or re.match(r"(?:i|we)\b", found[0]))
        if not mine and (theirs or _said_as_so(said.low, found.start(), found.end())):
            return found[0]
    return None


def pulling_away(text: str) -> str | None:
    """The words that say the writer is the one stepping back ("I want to end things",
    "I've been avoiding her"), outside anything quoted from them and said as so, or None."""
    low = prepared(text or "")
    if not _PULLING_AWAY.search(low):
        return None
    said = Text(text)
    found = (
        m
        for m in _PULLING_AWAY.finditer(said.low)
        if not said.in_their_quote(m.start()) and _said_as_so(said.low, m.start(), m.end())
    )
    return next((m[0] for m in found), None)
