"""An entry's text, prepared once, and the lookup of named phrase signals in it.

Generic: it knows no category. ``Phrases`` indexes named phrase signals (the rules hand
theirs over in ``patterns.classifier.rules.PHRASES``), with the words a minimal reply
("ok", "lol") is made of. ``Text(raw, phrases)`` normalises the text (Unicode, quote marks,
dashes, case, "soooo"), finds their speech (quoted, or a bare one-word answer after a
colon: "Her answer: k.") and tells the writer's own quotes from theirs, and answers
``hit(signal)``: the first phrase of that signal found in the text and not negated, or
None.

Speed: every phrase is indexed by the word, or the first letters, it must start with; a
signal's phrases that share a start are joined into one regex (compiled on first use), and
a lookup only runs the regexes whose start occurs in the text. Where two matches start
together the longer wins, so reasons are the same on every run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

# --------------------------------------------------------------------------------------
# Compiling the phrase data
# --------------------------------------------------------------------------------------
_OPTIONAL = ("?", "*", "{")
_WORD_ENDS = ("", " ", ",", ".", "!", ":", ";", "-", "|", ")", "$", "/")


def _split_top(pattern: str) -> list[str]:
    """Split a regex at its top-level ``|``."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _group_end(pattern: str) -> int:
    """Index of the parenthesis closing the group that opens ``pattern``."""
    depth, i = 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError(f"unbalanced group in phrase {pattern!r}")


def anchors(phrase: str) -> set[str] | None:
    """Keys one of which any match of the phrase must start with; None if unknown.

    A key is a whole first word ("swamped") or, when the phrase's first word can go on
    ("cancell?(?:ed|ing)"), ``~`` and its first three letters ("~can"). Used only to skip
    phrases that cannot match.
    """
    branches = _split_top(phrase)
    if len(branches) > 1:
        found: set[str] = set()
        for branch in branches:
            sub = anchors(branch)
            if sub is None:
                return None
            found |= sub
        return found
    phrase = phrase.removeprefix(r"\b").removeprefix("^")
    if phrase.startswith("(?:"):
        end = _group_end(phrase)
        rest = phrase[end + 1 :]
        if rest[:1] in _OPTIONAL:
            return None
        found = set()
        for option in _split_top(phrase[3:end]):
            sub = anchors(option + rest)
            if sub is None:
                return None
            found |= sub
        return found
    if phrase.startswith(r"\d"):
        return {"~" + digit for digit in "0123456789"}
    lead = re.match(r"[a-z0-9]+", phrase)
    if lead:
        word = lead.group(0)
        after = phrase[len(word) : len(word) + 2]
        contraction = re.match(r"'([a-z]+)(?![a-z?*{])", phrase[len(word) :])
        if contraction:  # "i'll" is the words "i" + "ll", or "ill" when typed without
            return {word, word + contraction.group(1)}
        if after[:1] in _OPTIONAL:
            word = word[:-1]  # its last letter is optional
        elif (after[:1] in _WORD_ENDS and after[1:2] not in _OPTIONAL) or after == r"\b":
            return {word}
        return {"~" + word[:3]} if word else None
    if phrase and ord(phrase[0]) > 127:
        return {phrase[0]}  # an emoji, found by substring
    return None


def _regex(phrase: str) -> str:
    """A phrase as a regex: optional apostrophes, word boundaries at word ends."""
    keys = anchors(phrase)
    pattern = re.sub(r"(?<!\\)'", "'?", phrase)  # an escaped \' stays required
    if pattern[-1].isalnum():
        pattern += r"\b"
    if pattern.startswith(r"\b"):
        return _start_boundary(pattern[2:])
    if keys and all(k[0].isalnum() or k[0] == "~" for k in keys):
        return _start_boundary(pattern)
    return pattern


def _start_boundary(pattern: str) -> str:
    r"""Require a word start before ``pattern``.

    A plain ``\b`` in front would stop the regex engine from scanning quickly for the
    phrase's leading literal, so when there is one the check goes after it instead:
    "the whole" becomes ``the whole(?<!\wthe whole)``.
    """
    lead = re.match(r"[a-z0-9 ]+", pattern)
    literal = lead.group(0) if lead else ""
    if pattern[len(literal) : len(literal) + 1] in ("?", "*", "+", "{"):
        literal = literal[:-1]  # a quantifier follows: its letter is not fixed
    if not literal:
        return r"\b" + pattern
    return literal + rf"(?<!\w{re.escape(literal)})" + pattern[len(literal) :]


# Phrases are kept as regex source and compiled on first use, which keeps start-up fast.
_COMPILED: dict[str, re.Pattern[str]] = {}


def _compiled(source: str) -> re.Pattern[str]:
    rx = _COMPILED.get(source)
    if rx is None:
        rx = _COMPILED[source] = re.compile(source, re.MULTILINE)
    return rx


def _expand(phrase: str) -> list[str]:
    """Split a phrase that starts with alternatives into one phrase per alternative.

    "(?:he|she) saw it" becomes "he saw it" and "she saw it": each then starts with a
    plain word the index can key on and the regex engine can scan for quickly.
    """
    branches = _split_top(phrase)
    if len(branches) > 1:
        return [p for branch in branches for p in _expand(branch)]
    bare = phrase.removeprefix(r"\b")
    if not bare.startswith("(?:"):
        return [phrase]
    end = _group_end(bare)
    rest = bare[end + 1 :]
    if rest[:1] in (*_OPTIONAL, "+"):
        return [phrase]
    return [p for option in _split_top(bare[3:end]) for p in _expand(option + rest)]


def _one_regex(sources: list[str]) -> re.Pattern[str]:
    """Several phrases of one signal as a single regex: one scan of the text."""
    return _compiled("|".join(dict.fromkeys(sources)))


class Phrases:
    """Named phrase signals, indexed by the word or first letters each phrase must start
    with, and the words a minimal reply is made of.

    ``signals``: signal name -> regex alternatives (see ``patterns.classifier.rules`` for
    the conventions). ``negatable``: signals ignored after a negation in the same clause.
    ``scopes``: signal -> the version of the text it is looked for in (``"theirs"``,
    ``"quoted"``, ``"narrative"``, ``"unminimal"``; default all of it).
    ``minimal_words``, ``minimal_pairs``, ``filler_words``: what "ok", "nice one" and
    "glad ur ok x" are made of (``is_minimal``).
    """

    def __init__(
        self,
        signals: Iterable[tuple[str, list[str]]],
        *,
        negatable: frozenset[str],
        scopes: Mapping[str, str],
        minimal_words: frozenset[str],
        minimal_pairs: frozenset[str],
        filler_words: frozenset[str],
    ) -> None:
        self._whole: dict[str, str] = {}  # each signal as one regex
        self._always: dict[str, list[str]] = {}  # phrases with no known start: always tried
        # first word or letters -> signal -> phrases
        self._by_key: dict[str, dict[str, list[str]]] = {}
        self.by_symbol: list[tuple[str, str, str]] = []  # (emoji, signal, phrase)
        for name, phrases in signals:
            self._index(name, phrases)
        self.negatable = negatable
        self.scopes = dict(scopes)
        self.minimal_words = minimal_words
        self.minimal_pairs = minimal_pairs
        self.filler_words = filler_words
        self._keyed: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
        self._always_compiled: tuple[tuple[str, re.Pattern[str]], ...] | None = None
        # remembered per word across entries
        self.token_keys = lru_cache(maxsize=50_000)(self._token_keys)

    def _index(self, name: str, phrases: list[str]) -> None:
        if name in self._whole:
            raise ValueError(f"signal {name!r} is defined twice")
        self._whole[name] = "(?:" + "|".join(map(_regex, phrases)) + ")"
        for phrase in (p for listed in phrases for p in _expand(listed)):
            rx = _regex(phrase)
            keys = anchors(phrase)
            if keys is None:
                self._always.setdefault(name, []).append(rx)
            for key in keys or ():
                if key[0].isalnum() or key[0] == "~":
                    self._by_key.setdefault(key, {}).setdefault(name, []).append(rx)
                else:
                    self.by_symbol.append((key, name, rx))

    def whole(self, name: str) -> re.Pattern[str]:
        """Signal ``name`` as one regex."""
        return _compiled(self._whole[name])

    def _token_keys(self, token: str) -> tuple[str, ...]:
        """The index keys a word of the text can lead to: the word itself and its first
        one to three letters."""
        keys = (token, "~" + token[:1], "~" + token[:2], "~" + token[:3])
        return tuple(key for key in dict.fromkeys(keys) if key in self._by_key)

    def keyed(self, key: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """(signal, regex) for every signal with phrases that start with ``key``."""
        found = self._keyed.get(key)
        if found is None:
            found = self._keyed[key] = tuple(
                (name, _one_regex(sources)) for name, sources in self._by_key[key].items()
            )
        return found

    def always(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """(signal, regex) for the phrases with no known start."""
        if self._always_compiled is None:
            self._always_compiled = tuple(
                (name, _one_regex(sources)) for name, sources in self._always.items()
            )
        return self._always_compiled

    def is_minimal(self, quote: str) -> bool:
        """A reply that is only "ok", "cool", "lol", an emoji or the like: "nice speech"
        and "glad ur ok x" too. A question is never minimal: it engages."""
        words = _WORD.findall(quote)
        if len(words) > 4 or "?" in quote or any(e in quote for e in _LAUGHS):
            return False  # a question engages; a laughing emoji makes it a joke
        if not words or " ".join(words) in self.minimal_pairs:
            return True
        if words[0] in self.minimal_words and (
            len(words) <= 2 or " ".join(words[1:]) in self.minimal_pairs
        ):
            return True  # "thx mum", "nice, good luck"
        # only minimal and filler words ("that's rough", "glad ur ok x")
        return any(w in self.minimal_words for w in words) and all(
            w in self.minimal_words or w in self.filler_words for w in words
        )


# --------------------------------------------------------------------------------------
# Preparing the text
# --------------------------------------------------------------------------------------
# fmt: off
_TRANSLATE = str.maketrans({
    "‘": "'", "’": "'", "‛": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"',
    "–": " - ", "—": " - ", "…": "...", "\u00a0": " ",
})
# fmt: on
# 'single' or "double" quoted speech; apostrophes inside words do not end a quote.
_QUOTE = re.compile(r"""(?<![\w'])'(?=\S)((?:[^'\n]|(?<=\w)'(?=\w))*?\S)'(?!\w)|"([^"\n]+)\"""")
# A quote is the writer's own when "I said", "me:" or "my" introduces it.
_MINE_BEFORE = re.compile(
    r"(?:\bme:|\bi (?:just |only |then |simply )?(?:said|asked|wrote|texted|sent|replied|"
    r"messaged|typed|went|told \w+|managed|answered)|\bmy"
    # "Texted him 'hey'" is the writer's; "texted me 'u up'" is theirs
    r"|(?:^|[.!?]\s*)(?:(?:texted|asked|messaged|sent|emailed|wrote)(?! me\b)|said|told (?!me\b)\w+)"
    r"(?: \w+){0,2})"
    r"\s*$"
)
_MINE_AFTER = re.compile(r"^,?\s*i (?:said|asked|wrote|texted|replied)\b")  # not a new sentence
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_TOKEN = re.compile(r"[a-z0-9]+")
# A closing quote ends a clause too: "she texted 'not feeling it' an hour before".
_CLAUSE_END = re.compile(r"""[.!?;,:\n"()]|\bbut\b|\band then\b| - |(?<=[^\s'])'(?=\s)""")
# A laugh plus another word ("lol lucky") is a jibe, even when it is short.
_SNEER = re.compile(r"\b(?:lol|lmao|haha+|ha)\b.*\b(?!lol|haha|ok)\w{3,}|\w{3,}.*\b(?:lol|lmao)\b")
# A bare answer after "name:" or "her answer:", up to the end of its sentence (group 1).
_BARE_REPLY = re.compile(r"\b[a-z]+: +([^'\"\n.!?:;,]{1,24}?)\s*(?=[.!?,;\n]|$)")
_NOT_SPEAKERS = frozenset({"me", "i", "my", "we", "us", "update", "note", "edit", "ps", "context"})
_STRETCHED = re.compile(r"([a-z])\1{2,}")
# Texting shorthand that no phrase list spells out, written out so the lists read it
# ("asked him abt sat" -> "asked him about sat"). "u", "ur", "rn" and "idk" stay: the
# lists already know them.
_SHORTHAND = {
    "abt": "about", "bc": "because", "cuz": "because", "coz": "because", "tmrw": "tomorrow",
    "tmr": "tomorrow", "2moro": "tomorrow", "wknd": "weekend", "txt": "text", "txted": "texted",
    "pls": "please", "plz": "please", "smth": "something", "ppl": "people",
    "b4": "before", "2nite": "tonight", "tonite": "tonight", "nite": "night",
    "prolly": "probably", "wut": "what", "w/": "with", "srsly": "seriously",
}  # fmt: skip
_SHORT = re.compile(r"(?<![\w/])(?:" + "|".join(map(re.escape, _SHORTHAND)) + r")(?![\w/])")
_ARE = re.compile(r"\b(we|they|you|what|who|where|how) r\b(?! u\b)")


def prepared(raw: str) -> str:
    """Text as the phrase lists read it: one kind of apostrophe and quote, lower case,
    letters typed out long brought back ("soooo busy" -> "so busy") and texting shorthand
    written out ("what we r" -> "what we are")."""
    low = unicodedata.normalize("NFKC", raw).translate(_TRANSLATE).lower()
    low = _SHORT.sub(lambda m: _SHORTHAND[m[0]], _STRETCHED.sub(r"\1", low))
    return _ARE.sub(r"\1 are", low)


_LAUGHS = ("😂", "🤣", "😆", "😜", "🙄", "😏")


def _is_short(quote: str) -> bool:
    """Four words or fewer, no question, and not a laugh (a laugh makes it a joke)."""
    return (
        len(_WORD.findall(quote)) <= 4
        and "?" not in quote
        and not _SNEER.search(quote)
        and not any(e in quote for e in _LAUGHS)
    )


def _earliest_longest(m: re.Match[str]) -> tuple[int, int]:
    """Sort key for matches: in text order, the longest first where two start together."""
    return m.start(), -len(m.group(0))


def _blank(text: str, m: re.Match[str]) -> str:
    return text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]


def _clause_before(text: str, start: int) -> str:
    """Up to 40 characters before ``start``, cut at the last clause boundary."""
    return _CLAUSE_END.split(text[max(0, start - 40) : start])[-1]


class Text:
    """One entry's text in the shapes the rules need, with cached signal lookups.

    ``phrases`` are the signals it can look up. ``low`` is the whole normalised text;
    ``their_quotes`` what they were quoted saying;
    ``minimal_quote`` their first quoted reply that is just "ok", "lol", an emoji...
    (``""`` for an emoji-only reply, None if there is none).
    """

    def __init__(self, raw: str, phrases: Phrases) -> None:
        self.phrases = phrases
        self.low = prepared(raw)
        self.their_quotes: list[str] = []
        self.minimal_quote: str | None = None
        self.minimal_at = -1  # where it is in the text
        self.short_quote: str | None = None  # four words or fewer, no question
        self.short_quote_ends = False  # ... and three words or fewer that end the entry
        theirs = unminimal = narrative = self.low
        spoken: list[str] = []
        self.their_spans: list[tuple[int, int]] = []
        for m in self._speech():
            quote = m.group(1) or m.group(2)
            narrative = _blank(narrative, m)
            if self._is_mine(m):
                theirs, unminimal = _blank(theirs, m), _blank(unminimal, m)
                continue
            self.their_quotes.append(quote)
            self.their_spans.append(m.span())
            if phrases.is_minimal(quote):
                if self.minimal_quote is None or m.start() < self.minimal_at:
                    self.minimal_quote = quote.strip(" .!")
                    self.minimal_at = m.start()
                if not _SNEER.search(quote):
                    unminimal = _blank(unminimal, m)
            else:
                spoken.append(quote)
                if self.short_quote is None and _is_short(quote):
                    self.short_quote = quote.strip(" .!")
                    self.short_quote_ends = len(_WORD.findall(quote)) <= 3 and not (
                        self.low[m.end() :].strip(" .!'\")\n")
                    )
        self._texts = {
            "low": self.low,
            "theirs": theirs,  # without the writer's own quoted words
            "unminimal": unminimal,  # ... and without their one-word replies
            "quoted": " | ".join(spoken),  # only their quoted words
            "narrative": narrative,  # without any quoted words
        }
        self._cache: dict[tuple[str, str | None, str | None], tuple[int, str] | None] = {}
        self._candidates = self._candidate_phrases()
        self._every: dict[str, list[tuple[int, str]]] = {}

    def _speech(self) -> list[re.Match[str]]:
        """Quoted speech, then a bare one-word answer after a colon ("Her answer: k.",
        "jordan: lol") where it is not inside a quote."""
        quoted = list(_QUOTE.finditer(self.low))
        if ": " not in self.low:
            return quoted
        bare = [
            m
            for m in _BARE_REPLY.finditer(self.low)
            if m.group(0).split(":", 1)[0] not in _NOT_SPEAKERS
            and self.phrases.is_minimal(m.group(1))
            and not any(q.start() <= m.start() < q.end() for q in quoted)
        ]
        return quoted + bare

    def _is_mine(self, m: re.Match[str]) -> bool:
        before = self.low[max(0, m.start() - 24) : m.start()]
        after = self.low[m.end() : m.end() + 16]
        return bool(_MINE_BEFORE.search(before) or _MINE_AFTER.search(after))

    def _candidate_phrases(self) -> dict[str, list[re.Pattern[str]]]:
        """The phrases that could match, by signal: those whose start is in the text."""
        phrases = self.phrases
        keys = {key for token in set(_TOKEN.findall(self.low)) for key in phrases.token_keys(token)}
        found: dict[str, list[re.Pattern[str]]] = {}
        for key in keys:
            for name, rx in phrases.keyed(key):
                if name in found:
                    found[name].append(rx)
                else:
                    found[name] = [rx]
        for name, rx in phrases.always():
            found.setdefault(name, []).append(rx)
        for symbol, name, source in phrases.by_symbol:
            if symbol in self.low:
                found.setdefault(name, []).append(_compiled(source))
        return found

    def hit(
        self, name: str, unless_before: str | None = None, scope: str | None = None
    ) -> str | None:
        """The first phrase of signal ``name`` in the text that is not negated, or None.

        ``unless_before`` names another signal that disqualifies a match when it ends the
        clause just before it (e.g. "I was" before "swamped"). ``scope`` picks another
        version of the text than the signal's own (e.g. "narrative": outside quotes).
        """
        found = self.where(name, unless_before, scope)
        return found[1] if found else None

    def where(
        self, name: str, unless_before: str | None = None, scope: str | None = None
    ) -> tuple[int, str] | None:
        """Like ``hit``, with the position of the phrase in the text."""
        key = (name, unless_before, scope)
        if key not in self._cache:
            found = self._matches(name, unless_before, scope, first_only=True)
            self._cache[key] = found[0] if found else None
        return self._cache[key]

    def in_their_quote(self, position: int) -> bool:
        """Whether ``position`` in the text is inside words quoted from them."""
        return any(start < position < end for start, end in self.their_spans)

    def said(self, name: str, words: str) -> bool:
        """Whether signal ``name`` occurs in ``words`` (one quote, say)."""
        return bool(self.phrases.whole(name).search(words))

    def matches(self, name: str) -> list[tuple[int, str]]:
        """Every phrase of signal ``name`` found, with its position, in text order."""
        found = self._every.get(name)
        if found is None:
            found = self._every[name] = self._matches(name)
        return found

    def outside_their_quotes(self, name: str) -> str | None:
        """The first phrase of signal ``name`` that is not inside their quoted words."""
        return next((p for at, p in self.matches(name) if not self.in_their_quote(at)), None)

    def after(self, name: str, position: int, unless_before: str | None = None) -> str | None:
        """The first phrase of signal ``name`` found after ``position`` (``unless_before``
        as in ``hit``)."""
        found = self._matches(name, unless_before)
        return next((p for start, p in found if start > position), None)

    def all_of(self, name: str) -> list[str]:
        """Every phrase of signal ``name`` in the text that is not negated, in text order."""
        return [phrase for _, phrase in self._matches(name)]

    def _matches(
        self,
        name: str,
        unless_before: str | None = None,
        scope: str | None = None,
        first_only: bool = False,
    ) -> list[tuple[int, str]]:
        phrases = self._candidates.get(name)
        if not phrases:
            return []
        text = self._texts[scope or self.phrases.scopes.get(name, "low")]
        check_negation = name in self.phrases.negatable
        if first_only and not (check_negation or unless_before):
            firsts = [m for m in (rx.search(text) for rx in phrases) if m]
            if not firsts:
                return []
            first = min(firsts, key=_earliest_longest)
            return [(first.start(), first.group(0).strip(" ,.'"))]
        matches = [m for rx in phrases for m in rx.finditer(text)]
        if len(matches) > 1:
            matches.sort(key=_earliest_longest)
        found: list[tuple[int, str]] = []
        for m in matches:
            if check_negation or unless_before:
                before = _clause_before(text, m.start())
                if check_negation and self.phrases.whole("negator").search(before):
                    continue
                if (
                    unless_before
                    and self.phrases.whole(unless_before).search(before)
                    and not self.in_their_quote(m.start())
                ):
                    continue
            found.append((m.start(), m.group(0).strip(" ,.'")))
            if first_only:
                break
        return found

    def any_of(self, *names: str) -> str | None:
        """The first of several signals that is found."""
        for name in names:
            found = self.hit(name)
            if found:
                return found
        return None
