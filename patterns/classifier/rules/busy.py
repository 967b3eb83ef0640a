"""busy_excuses: vague busyness covering silence, flaking or a cancelled plan."""

from __future__ import annotations

from patterns.classifier.rules.shared import MONTH, NO_NEW_PLAN, NUM, PERIOD
from patterns.classifier.rules.weigh import Evidence, concrete_plan_evidence, quoted
from patterns.classifier.types import Entry

# Compact phrase lists read best as written; the formatter leaves them be.
# fmt: off
BUSY: dict[str, list[str]] = {
    "busy_word": [
        r"busy(?: busy)?", "swamped", "slammed", "snowed under", "rammed", "flat out",
        "run off (?:my|her|his|their) feet", "hectic", "manic", "chaos", "chaotic",
        r"(?:crazy|mad|insane|nuts|mental|wild|ridiculous|intense|full[- ]on|rough|packed|"
        r"hectic|busy|heavy) (?:week|month|day|few (?:days|weeks)|time|period|stretch|year|"
        r"schedule)", r"(?:so|too) much (?:going on|on)", r"a lot (?:going on|on)",
        "lots going on", "tons going on",
        r"(?:week|month|day|work|life|everything|things)(?:'s| is| has been| been| are)(?: so| just| a bit)? "
        r"(?:crazy|mad|insane|nuts|mental|manic|chaos|chaotic|hectic|full[- ]on|rammed)\b",
        r"(?:been|is|are|was|s|has been|so|just) '(?:crazy|mad|insane|nuts|mental|manic|chaos|"
        r"a lot|full on)", r"buried (?:in|under) work", "drowning in work",
        "up to (?:my|her|his) (?:eyes|eyeballs|neck)", "stretched thin", "work stuff",
        "a lot right now", "life's been", r"no time(?! (?:had|has|have|at all|passed|went|was|since))",
        # the same excuse in other words: "tied up", "loads on", "life got in the way"
        "tied up", r"(?:loads|lots|tons|heaps|a lot|so much) on\b(?! (?:the|my|a|an|his|her|their|it)\b)",
        r"life (?:got|gets|has got|'s got|keeps getting) (?:in the way|busy|crazy|hectic|on top)",
        r"(?:on|in) a madness", "madness at work", r"(?:been|it's|it is) madness",
        r"(?:things|work|life)(?:'s| is| are| have been| has been)(?: just)? (?:nuts|mad|insane|crazy|mental|manic|hectic|wild|chaos|chaotic|a lot)",
        r"work(?:'s| is| has| was)(?: been)? (?:so |really |just )?(?:brutal|insane|crazy|mad|nuts|mental|"
        r"a lot|full on|hectic|manic|chaos|relentless|intense|killing me)", "under the pump", "overloaded", "run ragged",
        "overwhelmed with work", "in the weeds", "long day", "so tired", "knackered",
        "exhausted", "shattered", "wiped out", "work is killing me", r"\'(?:so )?tired\'",
    ],
    # The busy word describes the writer, not them.
    "busy_me": [
        r"(?:i'm|i am|i was|i've been|i'd been|i have been|we were|we're|my (?:week|day|month)|"
        r"the (?:chat|group chat|place|shop|road|pub|bar|restaurant) was)[^.,;!?]{0,12}$",
        r"\b(?:my|our) (?:own )?$",  # "told him about my rough day": the writer's
    ],
    "silence": [
        "silence", "silent", "nothing (?:for|else|back|since)", "no (?:reply|answer|response|word)",
        "haven't heard", "hadn't heard", "not heard",
        r"(?:haven't|hasn't|not) had (?:a |any )?(?:proper |real )?(?:reply|answer|conversation)", r"used to (?:talk|text|speak|chat|call)", r"nothing from \w+ (?:for|in)", rf"{NUM} {PERIOD} of (?:nothing|silence)",
        "went quiet", "gone quiet", "voicemail", "can't call", "checking in on",
        r"(?:today|yesterday|all day|all week|this week)[,:;]? nothing",
        r"(?:see|check|ask(?:ed)?) if (?:he|she|they)(?:'s|'re| is| are| was| were) (?:ok|okay|alright|alive|still alive)",
        r"too '?\w+'? to (?:call|phone|text|talk|reply|answer|chat|see me|meet)",
        r"never (?:answers|replies|texts back|calls back|picks up|rings)",
        r"why (?:she|he|they)(?:'s|'re| is| are| has| have)? (?:never|not|stopped|gone|been so)",
        rf"{NUM} {PERIOD} (?:later|of|now|ago)", rf"after {NUM} {PERIOD}",
        "then nothing", "nothing for the rest", r"reply on \w+day", "talk soon", "talk later",
        rf"for {NUM} (?:days?|weeks?)", "missed call", "not picking up", "doesn't pick up",
        "ignored", "no call", "hasn't called", "hasn't texted", "disappeared",
        rf"waiting {NUM} {PERIOD}", "been waiting", rf"{NUM} {PERIOD} (?:for|without|after)",
        "never did", "didn't call", "never called", "zero messages", "no messages",
        r"barely (?:talks|texts|speaks|replies|calls)", rf"since {MONTH}",
        r"only thing (?:\w+ )?(?:has )?said",
        r"(?:not|haven't|hasn't|n't) (?:\w+ )?(?:spoken|talked|seen each other|heard from)",
        # a promise to get in touch, not kept: "said she'd call after work. she didn't."
        r"(?:said|promised|swore|told me) (?:she|he|they)(?:'d| would| will| was going to| were going to) "
        r"(?:\w+ )?(?:call|ring|text|message|phone|facetime|reply|get back|get in touch)[^.!?]{0,40}"
        r"[.,;!]\s*(?:but |and )?(?:she|he|they) (?:didn't|did not|never)",
    ],
    # The same excuse, again and again.
    "repeated": [
        "keeps? saying", "every time", "whenever", "always", "again", "in a row",
        r"every (?:message|text|call)", "only ever", "always says",
        r"(?:second|third|fourth|fifth) time", rf"{NUM} weeks? now", "as usual", "same excuse",
        r"same as (?:last time|always|ever|usual|before)", r"all (?:\w+ )?ever says",
        r"(?:is|it's) always",
        r"(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)) (?:week|month|weekend|day)s?(?: running| in a row| now|,| that)",
        r"(?:the|her|his|their) answer to everything", "go-to excuse", "every single time",
    ],
    "no_alternative": [
        "no (?:new |other )?(?:day|date|time|night|plan|plans|alternative|details|question)",
        "no other (?:night|day|time) offered", "didn't offer", "no offer",
        r"never (?:asks|asked|offers|offered|suggests) (?:anything|another|a|me)",
        "nothing else", "that's (?:it|all)", "another time", "some other time",
        "(?:will|i'll) let (?:u|you) know", "you know how it is", "no 'how are you",
        "no question about me", "didn't suggest", "no mention of (?:another|a new|when)",
        "never asks", "no questions", "that was the whole (?:message|reply|answer)",
        "no new plan", "no plan", "didn't say what", "no details", "no 'how are you",
        r"didn't ask (?:about|after|how) me", r"not (?:a|one) (?:single )?question", r"(?:didn't|never) ask(?:ed|s)? about me",
        *NO_NEW_PLAN,
    ],
    # They turned something down ("'Can't, mental week.'"), in their own words.
    "refusal": [r"can't\b", "cannot", "won't be able", r"not this (?:time|week|weekend)", "no can do"],
    # The writer doubts the excuse ("busy, apparently"; "found time for golf, though").
    "doubted": [
        "apparently", "supposedly", "allegedly", "so-called", "funny how", r"though[.!]",
        r"\'(?:crazy |so |mad |too )?busy\'",
    ],
    # Busy, but still there: calls back, told ahead, keeps in touch.
    "follow_through": [
        r"but (?:she|he|they) still", "still (?:rings|calls|texts|checks in|made time)",
        "rang me back", "called (?:me )?back", "told me in advance", "told me ahead",
        "warned me", "as planned", "proper catch-up", "made time", "checked in",
        r"(?:hasn't|has not|never) (?:once )?missed (?:one|a single|it|once)",
    ],
}
# fmt: on

NEGATABLE = frozenset({"busy_word"})
THEIR_WORDS = frozenset({"busy_word"})
SCOPES = {"refusal": "quoted"}


def rule(e: Entry) -> list[Evidence]:
    """Vague busyness given for silence, a cancel or a no, weighed up by what surrounds it:
    no alternative, the same excuse again, or visibly out and about meanwhile."""
    f = e.facts
    busy = e.hit("busy_word", unless_before="busy_me")
    if not busy:
        return []
    ev = [Evidence(0.6, f"{quoted(busy)} given as the reason")]
    context = (
        ("silence", 0.5, "used to explain silence"),
        ("cancel", 0.5, "used to cancel"),
        ("no_alternative", 0.4, "no concrete alternative"),
        ("repeated", 0.3, "the same excuse again"),
        ("plan", 0.3, "around a plan"),
        ("vague_reply", 0.4, "with only a vague promise of another time"),
        ("refusal", 0.4, "to say no, with nothing else offered"),
    )
    ev += [Evidence(weight, why) for name, weight, why in context if e.hit(name)]
    seen = e.any_of("seen_out", "active_elsewhere")
    if seen:
        ev.append(Evidence(0.6, f"yet visibly out and about ({quoted(seen)})"))
    bored = e.hit("booty_cue") or e.hit("night_pattern")
    if bored:
        ev.append(Evidence(0.6, f"yet free enough for {quoted(bored)}"))
    doubted = e.hit("doubted")
    if doubted:
        ev.append(Evidence(0.3, f"the excuse doesn't ring true ({quoted(doubted)})"))
    if f.plan_outcome == "cancelled":
        ev.append(Evidence(0.2, "the plan was cancelled"))
    ev += concrete_plan_evidence(e)
    if e.hit("follow_through") or e.hit("resolved") or e.hit("writer_slow"):
        ev.append(Evidence(-1.0))
    if e.hit("specific_reason"):
        ev.append(Evidence(-0.4))
    if f.reply == "engaged":
        ev.append(Evidence(-0.4))
    return ev
