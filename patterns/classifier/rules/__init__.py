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

``patterns.classifier.classify`` sums each rule's evidence in one scoring step.
"""

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

_MODULES = (shared, one_word, busy, avoided, left_on_read, late_night, joked, hot_cold)

SECTIONS: tuple[dict[str, list[str]], ...] = (
    shared.SHARED,
    one_word.ONE_WORD,
    busy.BUSY,
    avoided.AVOIDED,
    left_on_read.LEFT_ON_READ,
    late_night.LATE_NIGHT,
    joked.JOKED,
    hot_cold.HOT_COLD,
)
NEGATABLE: frozenset[str] = frozenset().union(*(m.NEGATABLE for m in _MODULES))
THEIR_WORDS: frozenset[str] = frozenset().union(*(m.THEIR_WORDS for m in _MODULES))
SCOPES: dict[str, str] = {k: v for m in _MODULES for k, v in getattr(m, "SCOPES", {}).items()}
MINIMAL_WORDS = one_word.MINIMAL_WORDS
MINIMAL_PAIRS = one_word.MINIMAL_PAIRS
FILLER_WORDS = one_word.FILLER_WORDS
