"""The classifier's evidence: one module per category, phrase lists as data.

Each category module holds everything about its category: a dict mapping signal names to
lists of regular-expression alternatives, matched against the lower-cased entry text (see
``patterns.classifier.text``), and ``rule(entry)``, which weighs the signals and the entry
facts into a list of ``Evidence`` (``patterns.classifier.rules.weigh``). ``shared`` holds the
vocabulary several categories use. Conventions for the phrases:

- ``'`` inside a phrase is optional, so ``didn't`` also matches ``didnt``; write ``\\'``
  for a quote mark that must be there;
- phrases that start or end with a word get word boundaries, so ``busy`` does not match
  inside ``busybody``;
- signals in a module's ``NEGATABLE`` are ignored when a negation ("didn't", "never",
  "no") comes shortly before them in the same clause ("she didn't leave me on read");
- signals in ``THEIR_WORDS`` are not looked for inside quotes the writer says were their
  own words ("'maybe sometime?' I asked");
- a module's optional ``SCOPES`` names signals looked for in another version of the text:
  ``"quoted"`` (only their quoted words), ``"narrative"`` (outside any quotes),
  ``"unminimal"`` (without their one-word replies).

Here every module's signals are indexed once (``PHRASES``, what the text engine looks
them up in) and the rules listed in taxonomy order (``RULES``); each rule reads an
``Entry`` (``patterns.classifier.types``). ``patterns.classifier.classify`` sums each
rule's evidence in one scoring step.
"""

from collections.abc import Callable

from patterns.classifier.categories import SLUGS
from patterns.classifier.rules import (
    avoided,
    busy,
    hot_cold,
    joked,
    late_night,
    left_on_read,
    one_word,
    shared,
)
from patterns.classifier.rules.weigh import Evidence
from patterns.classifier.text import Phrases
from patterns.classifier.types import Entry

# One rule per category, in taxonomy order.
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

_MODULES = (shared, one_word, busy, avoided, left_on_read, late_night, joked, hot_cold)
_THEIR_WORDS: frozenset[str] = frozenset().union(*(m.THEIR_WORDS for m in _MODULES))
_SCOPES: dict[str, str] = {k: v for m in _MODULES for k, v in getattr(m, "SCOPES", {}).items()}

_SIGNALS: tuple[dict[str, list[str]], ...] = (
    shared.SHARED,
    one_word.ONE_WORD,
    busy.BUSY,
    avoided.AVOIDED,
    left_on_read.LEFT_ON_READ,
    late_night.LATE_NIGHT,
    joked.JOKED,
    hot_cold.HOT_COLD,
)

# Every module's phrase signals, indexed once for the text engine.
PHRASES = Phrases(
    (signal for section in _SIGNALS for signal in section.items()),
    negatable=frozenset().union(*(m.NEGATABLE for m in _MODULES)),
    scopes=dict.fromkeys(_THEIR_WORDS, "theirs") | _SCOPES,
    minimal_words=one_word.MINIMAL_WORDS,
    minimal_pairs=one_word.MINIMAL_PAIRS,
    filler_words=one_word.FILLER_WORDS,
)
