"""avoided_plans: plans that slide, get dodged, or die in "maybe sometime"."""

from __future__ import annotations

from patterns.classifier.rules.shared import DAY, MONTH, NO_NEW_PLAN, NUM, PERIOD, PLAN_WORDS
from patterns.classifier.rules.weigh import Evidence, concrete_plan_evidence, quoted
from patterns.classifier.types import Entry

# Compact phrase lists read best as written; the formatter leaves them be.
# fmt: off
AVOIDED: dict[str, list[str]] = {
    # A vague answer in place of a plan.
    "vague_reply": [
        "maybe (?:some ?time|another time|later|next (?:week|month|time|year)|after|one day|"
        "at some point|soon|the|in)", r"some ?time (?:next|soon|after|in|maybe)",
        "some other time", "another time",
        r"(?:can|could|shall) we (?:do|try|push (?:it |this )?to|move (?:it |this )?to) next (?:week|month)\b", r"another (?:weekend|week|day|night)", r"we'll (?:have to |just )?see", "let's see", "let's just see",
        r"see how (?:the|it|things|i|she|he|they|next|my|we)", "play it by ear",
        "one of these days", "at some point", "one day maybe",
        "we should (?:totally |definitely |really |def )?(?:hang|meet|get|grab|catch|"
        r"do (?!this\b|it\b))",
        "we must (?:catch up|meet|hang|get|do)", "for sure soon", "not sure yet",
        r"next (?:week|time|month|weekend) for sure", "for sure next",
        "down the line", "when things (?:calm|settle|quiet)", "when (?:i'm|i am) less busy",
        r"after (?:the )?(?:summer|holidays|new year|christmas|xmas|exams)", "nearer the time",
        r"after (?:this|the|my|her|his|their) (?:sprint|project|deadline|launch|crunch|busy (?:patch|spell|bit))",
        "maybe!", "let's aim for", r"\'soon\b[^']{0,12}\'", "soon hopefully", "hopefully soon",
        r"(?:some|one) (?:weekend|day|time|point|evening|week|night) soon",
        "we'll sort something", "we'll work something out", "we'll figure (?:it|something) out",
        "i'll see how i feel", "see how (?:she|he|they) feels?",
        "let's not get ahead of ourselves", "not get ahead of ourselves", "let's not rush",
        "one step at a time", "commit to anything", r"(?:can't|cannot) commit",
        r"we need to (?:catch up|hang|meet|get together|do (?!this|it again))", r"\'probably", "probably!",
        "can we (?:move|push) it", "goes vague", "gets vague", "went vague",
        r"\'(?:\w+ )?maybe[!. x]*\'", r"let's do something (?:in|after|soon|some)",
        r"(?:let's|we'll|we should|we can) (?:plan|do|sort|arrange) (?:it|that|something|one) some ?time\b",
        "in the new year", r"\'next (?:week|month)\b", r"\'might\b", "looks better",
        r"\'?if (?:i|she|he|they|we) can\b",
        r"(?:let's|we should|we must|we need to|we'll|we gotta)[^.'!?]{0,30}\bsoon",
        "take (?:it|things) slow", "not (?:right )?now, maybe",
        # deferrals in other words: "let's not force it", "inshallah", "depends how the week goes"
        r"let's not (?:force|push|plan|pin|rush) (?:it|things|anything)", r"(?:we'll|let's|we can) \w+ when we \w+",
        r"inshallah", "god willing", r"depends (?:on )?(?:how (?:the|my|this|work|things|busy|i feel)|work\b|the week|my (?:week|schedule|shifts?|mood)|things\b)", r"(?:down|up for it|keen) in theory",
        r"tentative(?:ly)?", r"some ?time this (?:week|month|weekend|year)", "when (?:the weather|it) (?:turns|warms|gets)",
        r"we should (?:totally|definitely|def|deffo|really)[!. x]*\'", r"(?:deffo|defo|def|definitely|for sure),? soon",
        r"when (?:things|life|work|it) (?:slows?|calms?|settles?|quietens?|eases?)(?: down)?",
    ],
    # A promise to confirm later: avoidance once it never comes.
    "promise_to_confirm": [
        "i'll let (?:you|u|ya) know", "let (?:you|u) know", "let me check", "i'll check",
        "(?:she|he|they)(?:'d|'ll| will| would) let me know", "keep (?:you|u) posted",
        "get back to (?:you|u)", "(?:she|he|they)(?:'d|'ll| will| would) get back to me", "will confirm", "confirm later", "i'll see",
        "check (?:my|her|his|the) (?:diary|calendar|schedule)", "let me see", "not sure",
        r"\'(?:definitely|def|deffo|for sure|totally|absolutely|100%|yes+)[!. x]*\'",
        "i'll try(?: to (?:make it|come|be there))?", "we'll try", "i might",
    ],
    "moved_again": [
        r"(?:moved|pushed|postponed|rescheduled|cancell?ed|bailed|flaked|shifted|put off|"
        r"called off|sliding|slid|got moved|delayed)[^.]{0,30}again", r"again[.!]",
        r"(?:second|third|fourth|fifth|sixth|umpteenth|\d+(?:st|nd|rd|th)) (?:time|attempt|try|go)",
        r"(?:twice|three times|four times|\d+ times)(?! a)",
        r"keeps? (?:cancell?ing|pushing|moving|rescheduling|postponing|sliding|bailing|"
        r"flaking|putting (?:it|us|me) off|changing)", r"became '?\w+",
        r"every (?:time i (?:name|suggest|ask (?:about|if|when|\w+ to)|propose)|weekend is)", r"then '?maybe",
        r"whenever i (?:mention|suggest|ask (?:about|if|when|\w+ to)|bring up|propose)", rf"{MONTH}, {MONTH}",
        r"every (?:month|week) since",
        rf"(?:suggested|offered|proposed|named|tried) {NUM} (?:dates|days|times|options|weekends)",
        "the week after", "then the next", "another excuse", "always an excuse",
        "every single time", r"(?:months|weeks|years) of (?:maybes|almost|plans)",
        r"keeps? (?:suggesting|saying|promising|talking about)", r"every time[:,]",
        rf"then (?:it was|it became|it's|it got (?:moved|pushed) to) {DAY}", r"keeps? (?:getting|being) (?:pushed|moved|put off|postponed)",
        r"every plan (?:with \w+ )?(?:turns|ends|dies|fizzles|becomes)", r"keeps? (?:skipping|missing|dodging|ducking out of)",
    ],
    "last_minute": [
        "last[- ]minute",
        r"(?:an|\d+|one|two|twenty|thirty|ten|fifteen|forty|half an) (?:mins?|minutes?|hours?) "
        r"before", "the (?:morning|day|night) of", "day before", r"at \d{1,2}[:.]\d\d for",
        "on the day", "while i was (?:on my way|getting ready|already there|waiting)",
        "after i'd (?:sat down|arrived|got there|ordered)", "i was already (?:there|at|on)",
        "already (?:there|dressed|on (?:the|my) way)",
    ],
    # The plan was never pinned down.
    "never_set": [
        r"never (?:confirmed|set|picked|named|gave|offered|suggests|suggested|committed|followed up|"
        r"checks|checked|happened|got back|mentioned|materiali[sz]ed|bought|booked|sorted|"
        r"brought it up)",
        r"won't (?:pick|set|commit|name|confirm)", "no (?:new )?(?:date|day|time)",
        "still no (?:date|plan|day|time)", "came and went", "stopped mentioning",
        "never heard (?:another|back)", "never replies when", "no other (?:night|day|date|time)",
        "without a new date", r"no other (?:plan|alternative|option)",
        "never actually", "still hasn't (?:set|picked|confirmed|said)", "never got round",
        "won't commit", "never happens",
        r"(?:gave|sent|offered) (?:(?:her|him|them) )?(?:\w+ )?(?:dates|days|times|options)[^.]{0,10}[.,;] "
        r"(?:no (?:response|reply|answer)|nothing|silence|crickets)", r"no (?:new )?plan", r"keep asking (?:when|if|her|him)",
        r"never (?:once )?(?:has|did|does) (?:he|she|they) (?:name|set|pick|suggest|offer|confirm)",
        r"never once (?:named|set|picked|suggested|offered|confirmed)",
        r"didn't (?:suggest|offer|propose|name) (?:another|a new|an alternative|a day|a date)",
        *NO_NEW_PLAN,
    ],
    # They simply did not turn up.
    "no_show": [
        "didn't come", r"didn't (?:show|turn up)", "stood me up", r"no-?show",
        "dressed and waiting", r"i (?:was |sat )?(?:left |sitting )?(?:there )?waiting (?:at|alone|"
        r"for (?:him|her|them|an hour|ages))", r"waited (?:for|an hour|ages)",
        r"didn't (?:swing|pop|drop|come) (?:by|round|over)",
        r"never (?:show(?:ed)? up|turned up|came)", "went silent on the day",
        r"still hasn't happened", "hasn't happened yet", "been promised",
    ],
    # ... or it quietly fizzled out.
    "fizzled": [
        "was silent", "went quiet", r"was (?:last night|yesterday|last week)",
        r"no (?:response|reply|answer) to (?:any|either|all|one)",
        "(?:she|he|they) never did", "never did", "never heard",
        rf"it's (?:now )?(?:{DAY}|{MONTH})(?!,? (?:so )?(?:fine|no rush|still time|plenty of time))", rf"that was {NUM} {PERIOD} ago",
        rf"that was (?:in|back in|last) (?:{MONTH}|spring|summer|autumn|winter|year)",
        "nothing since", "still waiting",
        r"(?:said|says) (?:exactly )?(?:that|the same)(?: thing)?(?: (?:in|last|back|before|every)|[.!])",
        "went silent", "goes silent",
        "never came", "heard nothing", "didn't hear", "not a word since",
        rf"since (?:{MONTH}|\d{{4}}|last (?:year|summer))", rf"it's been {NUM} {PERIOD}",
        "sold out", "while i waited", "too late", "by the time", "didn't text", "tumbleweed",
        r"(?:she|he|they) didn't[.!]", r"since (?:last )?(?:christmas|easter|spring|summer|autumn|winter|new year)",
        r"(?:end|last) of (?:it|that)",
        r"(?:haven't|hasn't|not) heard (?:a thing|anything|back|a word|from (?:her|him|them))",
        "no word since", r"(?:closed|ended|finished) (?:yesterday|last \w+)", r"(?:then|and) nothing",
        r"(?:hasn't|hadn't|never) (?:booked|bought|confirmed|sorted|arranged)",
        "(?:she|he|they) (?:hasn't|still hasn't|never has)",
    ],
    # A suggestion to meet ...
    "meet_proposal": [
        rf"(?:^|[.!?] |\bi(?:'ve|'d| have| had)? (?:\w+ )?|\bwhen i |\band i )(?:asked|ask|"
        rf"suggested|suggest|floated|float|"
        rf"invited|invite|proposed|offered|mentioned|mention|say let's|said let's|sent (?:\w+ )?(?:a |the )?link)"
        rf"[^.?!]{{0,60}}?"
        rf"{PLAN_WORDS}",
    ],
    "proposal": [
        r"asked (?:\w+ )?(?:if|whether|when|about|to)", "suggested", "suggest", "floated",
        "invited", "proposed", "planned", "promised", "agreed to meet", r"asked \w+ out",
        r"asked (?:him|her|them|\w+) to", "name a day",
    ],
    # ... answered with a change of subject.
    "subject_change": [
        r"started (?:talking|telling|going on)(?: me)? about",
        r"chang(?:es|ed|ing) the (?:subject|topic)",
        "went quiet", r"asked (?:if|whether) i'?d seen", "ignored (?:that|the question|it)",
        "talked about something else", "moved on to", "skipped (?:over )?(?:that|it)",
    ],
}
# fmt: on

# Not the vague replies: hedges often carry their own "not" ("I don't know if I can").
NEGATABLE = frozenset({"moved_again", "last_minute"})
THEIR_WORDS = frozenset({"vague_reply", "promise_to_confirm"})


def rule(e: Entry) -> list[Evidence]:
    """A plan that keeps moving, is cancelled, never pinned down, dodged or deferred to
    "maybe sometime"; not one that got a concrete new time that held."""
    cancel = e.hit("cancel")
    plan = e.any_of("plan", "proposal") or cancel
    ev = _deferral_evidence(e, plan) + _slipping_plan_evidence(e, plan, cancel)
    if e.hit("meet_proposal"):
        ev += _dodged_proposal_evidence(e, cancel)
    ev += _plan_outcome_evidence(e.facts, plan)
    if not any(item.weight > 0 for item in ev):
        return ev
    ev += concrete_plan_evidence(e)
    if e.hit("clarity"):
        ev.append(Evidence(-0.8))
    if e.hit("writer_slow"):
        ev.append(Evidence(-1.0))  # the writer is the one who keeps cancelling
    return ev


def _deferral_evidence(e: Entry, plan: str | None) -> list[Evidence]:
    """ "Maybe sometime", "I'll let you know", and whether anything came of it."""
    vague = e.hit("vague_reply")
    promise = None if vague else e.hit("promise_to_confirm")
    ev = []
    if vague:
        # their "another time", or the writer's "didn't suggest another day"
        theirs = e.hit("vague_reply", unless_before="negator")
        why = f"{quoted(theirs)} instead of a plan" if theirs else "no new plan offered"
        ev.append(Evidence(1.0 if plan else 0.8, why))
    if promise:
        ev.append(Evidence(0.7 if plan else 0.5, f"{quoted(promise)}, and then nothing"))
    came = e.any_of("fizzled", "no_show")
    if (vague or promise) and came:
        ev.append(Evidence(0.4, f"nothing came of it ({quoted(came)})"))
    elif (vague or promise) and e.hit("never_set"):
        ev.append(Evidence(0.4))  # "never pinned down" says so, below
    if vague and e.hit("repeated"):
        ev.append(Evidence(0.3, "again and again"))
    return ev


def _slipping_plan_evidence(e: Entry, plan: str | None, cancel: str | None) -> list[Evidence]:
    """A plan moved again, cancelled, never pinned down, or simply not turned up to."""
    moved = e.hit("moved_again", unless_before="writer_before")
    never = e.hit("never_set")
    no_show = e.hit("no_show")
    faded = e.hit("fizzled")
    deferred = e.hit("vague_reply") or e.hit("promise_to_confirm")
    ev = []
    if moved and plan:
        ev.append(Evidence(1.0, f"the plan keeps moving ({quoted(moved)})"))
    if cancel:
        ev += _cancel_evidence(e, cancel)
    if never and plan:
        ev.append(Evidence(0.9, f"never pinned down ({quoted(never)})"))
    if no_show:
        ev.append(Evidence(1.0, f"a no-show ({quoted(no_show)})"))
    if (faded or no_show) and plan and not deferred:
        ev.append(Evidence(0.4, f"the plan fizzled ({quoted(faded or no_show)})"))
    return ev


def _cancel_evidence(e: Entry, cancel: str) -> list[Evidence]:
    ev = [Evidence(0.6, f"cancelled ({quoted(cancel)})")]
    late = e.hit("last_minute")
    if late:
        ev.append(Evidence(0.5, f"at the last minute ({quoted(late)})"))
    if e.hit("busy_word", unless_before="busy_me"):
        ev.append(Evidence(0.4, "with only a vague excuse"))
    if e.hit("specific_reason"):
        ev.append(Evidence(-0.4))
    return ev


def _dodged_proposal_evidence(e: Entry, cancel: str | None) -> list[Evidence]:
    """A suggestion to meet, answered with a change of subject or with "busy"."""
    if e.any_of("subject_change", "dodge"):
        return [Evidence(1.1, "a suggestion to meet met with a change of subject")]
    busy = e.hit("busy_word", unless_before="busy_me")
    if not busy or cancel:
        return []
    ev = [Evidence(0.8, f"a suggestion to meet met with {quoted(busy)}")]
    if e.hit("repeated"):
        ev.append(Evidence(0.3, "every time"))
    if e.any_of("seen_out", "active_elsewhere"):
        ev.append(Evidence(0.3, "and then seen out"))
    return ev


def _plan_outcome_evidence(facts, plan: str | None) -> list[Evidence]:
    """The plan_outcome fact; a vague or cancelled plan the text also talks about, or
    that hurt, weighs a little more."""
    outcome = facts.plan_outcome
    weights = {
        "vague": Evidence(0.9, "the plan was left vague"),
        "cancelled": Evidence(0.6, "the plan was cancelled"),
        "rescheduled": Evidence(0.2, "the plan was moved"),
        "kept": Evidence(-1.0),
        "declined": Evidence(-0.6),
    }
    if outcome not in weights:
        return []
    if outcome in ("vague", "cancelled") and (plan or facts.hurt):
        return [weights[outcome], Evidence(0.2 * (bool(plan) + facts.hurt))]
    return [weights[outcome]]
