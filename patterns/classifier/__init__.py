"""Sort one journal entry into the seven micro-rejection categories.

Pure Python, no Django. How it works:

1. ``patterns.classifier.text.Text`` prepares the text once: Unicode and quote marks
   normalised, lower-cased, quoted speech found (and split into the writer's own words and
   theirs); ``read_entry`` adds the facts (``patterns.classifier.types.Entry``).
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

import numpy as np

from patterns.classifier import learned
from patterns.classifier.answers import clear_answer, pulling_away
from patterns.classifier.categories import SLUGS
from patterns.classifier.choices import CHANNELS, INITIATORS, PLAN_OUTCOMES, REPLIES
from patterns.classifier.rules import PHRASES, RULES
from patterns.classifier.rules.weigh import Evidence
from patterns.classifier.types import Entry, Facts, Verdict, parse_occurred_at

__all__ = [
    "CHANNELS",
    "INITIATORS",
    "PLAN_OUTCOMES",
    "REPLIES",
    "RULES",
    "SURE",
    "THRESHOLD",
    "Entry",
    "Facts",
    "Verdict",
    "by_rules",
    "classify",
    "clear_answer",
    "explain",
    "learn",
    "parse_occurred_at",
    "pulling_away",
    "read_entry",
]

THRESHOLD = 0.5
SURE = 0.9  # a rule this sure (a sum of about 1.55) stands whatever the model says


# --------------------------------------------------------------------------------------
# The one scoring step
# --------------------------------------------------------------------------------------
def _score(total: float) -> float:
    """0 without evidence; 0.5 at a sum of 1.0; towards 1 above."""
    if total <= 0:
        return 0.0
    return round(1 / (1 + math.exp(-4 * (total - 1))), 2)


def read_entry(text: str, facts: Facts = Facts()) -> Entry:  # noqa: B008
    """The entry as the rules read it: its text prepared with their phrases, its facts."""
    return Entry(text or "", facts, PHRASES)


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
    entry = read_entry(text, facts)
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
    entry = read_entry(text, facts)
    rule = by_rules(entry, None)[slug].score
    chance = float(model.probabilities(*learned.features(entry, facts))[SLUGS.index(slug)])
    tuning.learn(model, *learned.own_words(entry), slug, given, (rule + chance) / 2)
    return True


def explain(text: str, facts: Facts, top: int = 5) -> dict[str, list[tuple[str, float]]]:
    """Per sign, the words of the text the learned model weighs most, with their weights."""
    model = learned.shared()
    if model is None:
        return {}
    low = read_entry(text, facts).low
    return {slug: learned.weighed(model, low, slug, top=top) for slug in SLUGS}


def by_rules(entry: Entry, only) -> dict[str, Verdict]:
    verdicts = {}
    for slug, rule in RULES.items():
        if only is not None and slug not in only:
            continue
        evidence = rule(entry)
        if evidence and entry.hit("others_story"):
            evidence.append(Evidence(-1.2))  # a friend's story about their partner, retold
        total = sum(item.weight for item in evidence)
        entry.sums[slug] = total
        score = _score(total)
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
