"""Two things an entry can say that are not a micro-rejection: a clear answer from them
("not feeling a connection"), and the writer stepping back ("I want to end things")."""

from __future__ import annotations

import re

from patterns.classifier.rules import PHRASES
from patterns.classifier.text import Text, prepared

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
    said = Text(text, PHRASES)
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
    said = Text(text, PHRASES)
    found = (
        m
        for m in _PULLING_AWAY.finditer(said.low)
        if not said.in_their_quote(m.start()) and _said_as_so(said.low, m.start(), m.end())
    )
    return next((m[0] for m in found), None)
