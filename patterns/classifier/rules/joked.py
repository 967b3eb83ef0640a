"""joked_off: a serious topic met with a joke, sarcasm or a quick change of subject."""

from __future__ import annotations

import re

from patterns.classifier.rules.weigh import Evidence, quoted
from patterns.classifier.types import Entry

# Compact phrase lists read best as written; the formatter leaves them be.
# fmt: off
JOKED: dict[str, list[str]] = {
    # Something serious or vulnerable the writer raised.
    "serious": [
        "feelings?", r"where (?:this|we're|we are|it's|things are|we're) (?:is )?(?:going|heading)",
        r"what we (?:actually |really |even )?are\b(?! (?:doing|having|eating|watching|getting))", "exclusive", "(?:the|our) relationship", "the future",
        r"(?:wants?|having|want) kids", "marriage", "married", r"mov(?:e|ing) in",
        r"(?:my|the) (?:anxiety|depression|therapy|mental health|health|diagnosis|biopsy|scan|"
        r"grief|eating|weight|debt|career|workload|test results|results)",
        r"panic attacks?", r"depress(?:ed|ion)", "anxiety", "anxious", "on edge", "uneasy",
        r"i(?:'m| am| was|'ve been| have been) (?:so |really |very |feeling |a bit )?sad\b",
        r"(?:sad|gutted|heartsick) (?:about|because|since|after|over)\b",
        r"(?:feeling|felt|been) (?:so |really |very )?down\b", r"down (?:since|lately|recently)\b",
        r"(?:nervous|unsure|insecure|confused|paranoid|unsettled|weird|doubts?) about (?:us|this|"
        r"where|what we|the relationship|things between|how things)", r"burn(?:ing|ed|t)? ?out",
        "struggling", "scared", "terrified", "frightened", "worried", "lonely", "loneliness",
        "invisible", "really hurt", "hurt me", "how hurt", "upset with", r"suicid\w*",
        "self-harm", "miscarriage", "divorce", r"leaving my (?:husband|wife|partner)",
        "lost my job", "laid off", "funeral", "dementia", "cancer", "chemo",
        "physically sick", r"(?:the|his|her|their|my) drinking", "i'm gay", "coming out",
        "came out", "falling for", "in love", "love you", r"miss (?:you|her|him|us)", r"\bi(?: really| still| so)? missed (?:you|her|him|them|us)\b",
        "how i feel", r"how (?:she|he|they|you) (?:feels?|felt) about (?:us|me|things|where|what we)\b",
        "seriously", "serious", "important", "matters to me", "needed to talk",
        r"need (?:us )?to talk", "talk about us", r"(?:you|he|she)'?s? happy",
        "owes me", "stressed", r"talk about (?:the|how|why|what)", "comments? about my",
        "never see each other", "what this is", "where we stand", "more than friends",
        r"speaks? to me", "disrespect", "hurtful", "boundar(?:y|ies)", "therapy",
        "pregnan(?:t|cy)", "abortion", "bullied", "harass", "grieving", "passed away",
        r"died", "the way (?:he|she|they) (?:talks?|treats?|speaks?)", "commitment",
        "meet (?:his|her|their) (?:parents|family)", "break up", "breaking up",
        "insecure", "jealous", "trust", "vulnerable", "been crying", "(?:a|our|the) future",
        "guilty", "ashamed", "heartbroken", "devastated", "hopeless", "overwhelmed", "grief",
        r"diagnos\w+", "adhd", "autism", "illness", "losing interest", "lost interest",
        r"still (?:interested|into me)", "straight out", "raised", "issue", "problem",
        "concern", "my (?:dad|mum|mom|father|mother|brother|sister)'s (?:health|illness)",
        r"where (?:do you|does he|does she|she|he|they|you) sees? (?:us|this|me)", "sees us",
        "unhappy", "miserable", "not happy", r"(?:not|don't want to) (?:being |be )?here anymore",
        r"thoughts (?:about|of) (?:not|ending|dying|hurting)", r"happy (?:with|in) (?:us|me|this|the relationship|our)", "dark thoughts", "dark place", r"not (?:ok|okay)\b",
        "stroke", "heart attack", "surgery", r"operation\b", "hospital", r"tumou?r", "ivf",
        "infertility", "lump", "a&e", "ambulance", "therapist", "rehab", "relapse", "addiction",
        "sobriety", "eating disorder", "torn", r"offered (?:a|the|my dream) job", "moving abroad",
        "my news", "left out", r"(?:if|whether) (?:she|he|they) (?:really )?meant it", r"(?:a|my) crush on", r"(?:the|our|that|last night's) (?:argument|row)\b", r"(?:our|that|last night's) fight\b",
        r"avoid(?:ing|ed)? me\b",
        r"(?:felt|feel|feeling) (?:really |so |a bit )?(?:hurt|sad|low|alone|lonely|"
        r"left out|ignored|unappreciated|disrespected|insecure|unwanted|small|taken for granted)",
        r"break-?up", "not good enough", r"loves? me\b", "proud of me", "love me",
        r"upsets? me", "upsetting", "more commitment", r"stress\b", "signed off", "sick leave",
        r"quit(?:ting)? my job", "my own business", r"thinking (?:of|about) (?:leaving|quitting|"
        r"moving|ending)", "big decision", "my dream", r"tried to (?:bring up|talk|raise|explain|"
        r"tell)", "brought up", "bring up", "forgot my", "the fact that",
        r"cr(?:y|ied|ying) (?:all|every|myself|on|in|at)",
        r"i (?:feel|felt) (?:like|that|as if)", r"i(?:'ve| have) been feeling", r"it hurts?\b",
        r"always the one (?:who|that)", "angry", r"upset\b", r"(?:cross|mad|annoyed) (?:with|at) me",
        r"i love (?:him|her|them|you)",
        r"(?:done|did|do) something wrong", r"(?:mad|angry|upset) at me",
        r"(?:be|us|it|make it|making it|being|go) official", r"seeing (?:other people|anyone else|someone else|other girls|other guys)",
        r"sleeping with (?:other|someone|anyone)", r"not coping", r"can't cope", r"last on (?:his|her|their) list",
        r"(?:asked|confronted|called out|pulled up) (?:him|her|them) (?:about|on) (?:it|this|that)",
        r"the (?:kids?|marriage|money|moving in|future|exclusivity|"
        r"relationship|commitment|babies|living together) (?:conversation|chat|talk|question)",
        # where this is going, and whether it is only them
        r"long[- ]term", r"more than (?:just )?(?:a |mates?\b|friends?\b|hooking up|a fling|casual|a hook-?up|sex\b)",
        r"(?:is|was) going anywhere", r"what (?:are|r) we(?: even| exactly)?(?=\s*[?.!'\"]|$)",
        r"where (?:do |does )?(?:we|i|this) stand", r"define (?:the relationship|this|us|what)", r"\bdtr\b",
        r"are we (?:a thing|together|dating|official|exclusive|serious)", r"long[- ]distance",
        r"still (?:talking to|seeing|texting|on (?:the )?(?:apps?|hinge|tinder|bumble))",
        r"i (?:really )?(?:like|fancy|have feelings for) (?:him|her|them|you)\b",
        r"asked (?:\w+ )?why (?:she|he|they|you) (?:keeps?|always|never|didn't|doesn't|won't|hasn't|"
        r"don't|can't|stopped)(?: \w+)?",
        # money and health: named, not just "a rough week" or "my appointment"
        r"how (?:things|we)(?:'ve| have) been",
        r"redundan\w+", r"(?:got |been )(?:fired|sacked)", r"money (?:he|she|they) owes?",
        r"(?:endometri|scoli|sclero|psoria|tubercul|thromb|fibr)osis", r"(?:arthr|col|mening|hepat)itis",
        "pcos", "crohn's", "diabetes", "epilepsy", "lupus",
    ],
    # The telling marks it as a big step for the writer, whatever the topic.
    "opening": [
        r"(?:finally|actually) (?:told|asked|said|admitted|brought|raised|opened|mentioned)",
        "opened up", r"(?:got|plucked|worked) up (?:the )?(?:courage|nerve)", r"(?:got|found) the (?:courage|nerve)",
        r"(?:a|the|that|have a) (?:proper|serious|real|deep|honest|big) (?:talk|chat|conversation)", "heart to heart",
        r"tried to (?:have|start|open)",
    ],
    # Their answer was a joke or sarcasm.
    "deflect": [
        # laughs however they are typed: "lolol", "lmaooo", "hahah", "ahaha", "hehehe", "xD"
        r"lo+l(?:ol)*z?", r"lmf?ao+", r"ha(?:h[ae])+h?", r"he(?:h[ae])+h?", r"ah[ae](?:h[ae])+h?", "rofl", "xd", "😂", "🤣", "😅", "🙃",
        r"jok(?:e|ed|es|ing)", r"sarcas\w*", "memes?", "gif", "tiktok", "laughed", "laughing",
        "snorted", "chuckled", "giggled", "smirked", "brushed (?:it )?off", "kept it light",
        "relax", "calm down", "lighten up", "dramatic", "drama queen", "sensitive",
        "overthinking", "welcome to", "aren't we all", "join the club", "slow down",
        r"ok(?:ay)? (?:therapist|boomer|mom|mum|dad|grandma)", r"(?:silly|funny|sing-?song|baby|posh) voice",
        "put on a", r"turned (?:the|up the) (?:tv|music|telly|radio|volume)",
        r"turned the (?:tv|telly|music|radio|volume) up",
        "end of conversation", "wouldn't say more", "and that was that", r"\bha\b", "duh",
        r"wouldn't go (?:further|into it|any further)", r"jk\b", "just kidding", "next question",
        r"fake (?:cough|yawn|snore)", "pretended not to hear",
        "cheer up", "not that deep", "so deep", "deep stuff", "too deep", "heavy", "chill",
        "touchy", "who hurt you", "pun", "teased", "mocked", "rolled (?:his|her|their) eyes",
        "made fun", "quipped", "banter", "bit dark", "you'll live", "first world problem",
        "classic you", "there (?:she|he) goes", "here we go",
        "😜", "😏", "😛", "🤪", "🙄", "bold move", "you problem", "as if", "cool story",
        "said no one", "not this again", "ok drama", "ooh drama", r"deep\b",
        "made a face", "winked", r"you're just (?:tired|hungry|hangry|stressed|being|overthinking|"
        r"hormonal|dramatic|bored)", r"it's called (?:monday|life|adulting|being)", r"(?:sent|replied with|reacted with|with) (?:a |the )?(?:💀|skull)", "skull emoji", r"(?:a|some) (?:clip|reel)\b", "flat voice",
        "deadpan", r"(?:did|does) a (?:little )?(?:bow|curtsy|dance|salute)", r"salut(?:e|ed|ing)\b",
        "🤡", "🤠", "🤢", "🤭", "🙈", "😆", r"pull(?:ed|ing|s)? (?:silly |funny |stupid |a )?faces?",
        # the joke told by its delivery, without a laugh: a grin, a voice, a sleepy emoji
        r"grinn?(?:ed|ing)", "in that voice", r"(?:sarcastic|mocking|jokey|joke|cartoon|fake|dramatic) voice",
        r"(?:snoring|sleeping|yawn(?:ing)?|eye-?roll|clown|upside[- ]down|zipped[- ]mouth) (?:emoji|face|gif)",
    ],
    # Speech-only cues, looked for in their quoted words.
    "deflect_quoted": [
        "anyway", "obviously", "same", "whatever", "moving on", "yikes", "right after",
        "yeah right", "sure, jan", "in your dreams", "nice try", r"^and i'm (?:a|the)\b",
        r"\| and i'm (?:a|the)\b", "last i checked", r"at least (?:you're|you|u|ur|i'm|it's)\b",
        "in my dreams", r"when's the funeral", r"(?:yeah|yes|sure),? and i'm (?:a|the)\b",
    ],
    # Speech-only cues of a change of subject ("to the shops, want anything?").
    "dodge_quoted": [
        "want anything", r"(?:did|have|did) (?:you|u) (?:see|seen|watch|hear about)", "speaking of",
        r"can we not", r"not (?:now|tonight|today|this again)",
        "btw", "by the way", "random but", "on another note", r"what's for (?:dinner|tea|lunch)",
        r"what are we (?:eating|watching|having|doing)", "more importantly", "shall we order",
    ],
    # Their quoted answer takes it seriously after all (an echo then is not a quip).
    "quote_engaged": [
        "yes", "yeah", "of course", "sorry", "i love", "i want", "i do", "i feel", "i think",
        "talk", r"(?:are )?(?:you|u) (?:ok|okay|alright)", "what happened", "here for you",
        r"i(?:'m| am) (?:not|so|really)", "honestly", "properly", r"tell (?:you|u)\b",
    ],
    # A quick change of subject.
    "dodge": [
        r"chang(?:es|ed|ing) the (?:subject|topic|channel|conversation)", "change of subject", "moved on",
        r"went (?:straight )?(?:back )?to (?:his|her|their|the)",
        r"started (?:talking|telling|going on)", r"started asking (?:me )?about", r"asked (?:if|whether) i'?d seen",
        r"asked what's (?:for|on)", "talked about something else", "changed tack",
        r"(?:wouldn't|refused to) answer", r"(?:didn't|won't) answer the question",
        r"dodged (?:the|my) question",
        r"switched to (?:talking|the|his|her)", "brought up (?:his|her|their|the) (?:new|game)",
        r"showed me (?:a|his|her|their) (?:video|meme|photo|tiktok)",
        r"(?:straight|right|quickly|immediately|then) (?:on|back|over) to (?:the|his|her|their|which|what|"
        r"whether|how|talking)",
        r"went back to (?:her|his|their) (?:phone|game|food|book|show|laptop|work)",
        r"put (?:the|a) (?:tv|telly|film|show|music|game) on", r"put on (?:a|the|some)",
        r"(?:flick|scroll)\w* (?:through )?(?:the |his |her |their )?(?:channels|phone|tiktok|"
        r"instagram|feed|insta)", "without looking up", r"didn't (?:even )?look up",
        r"(?:started|went|goes|going) (?:straight |right )?on about (?:his|her|their|the|some)",
        r"put (?:his|her|their) (?:headphones|earphones|airpods|earbuds) (?:back )?(?:on|in)",
        r"then (?:a |some )?(?:voice ?note|video|meme|photo|pic|link|clip|reel|tiktok|story) (?:about|of) "
        r"(?:his|her|their) \w+",
        r"(?:and|then) asked (?:me )?(?:if|whether) i(?:'d| had)? (?:seen|watched|was coming to|fancied)",
        r"(?:walked|wandered|swanned) off", "left the room", r"started (?:on )?about (?:his|her|their)",
        r"carried on (?:about|with|talking about|telling me about) (?:his|her|their|the)",
        r"then (?:talked|went on|moved on|chatted|asked) (?:about|to) (?:his|her|their)",
    ],
    "together": [
        "we (?:both|laughed|joked)", "both", r"(?:laugh|jok|gigg|sill|play)\w* together",
        r"(?:teas|jok|laugh|roast|wind)\w* (?:at |with )?each other", "joined in",
        "running bit", "a whole bit", "trading", "trash talk", "roasting", "cried laughing",
        "wheezing", "inside joke", "rivalry",
    ],
    # Joked, then took it seriously after all.
    "then_engaged": [
        r"then (?:\w+ )?(?:asked (?:how (?:i|you)|what would|me how|me what|if i was ok)|listened|"
        r"got serious|actually|hugged|came round|said (?:she'd|he'd|they'd))",
        "just listened", "listened to all", "came round with", "thanks for saying",
        "clear the air", "we're fine", "took it seriously", "then asked properly",
        "but then (?:asked|listened|held|sat|talked|got serious)", "sorry, (?:that|i)",
        "on a serious note", r"talked (?:properly|for an hour|for ages|it through)",
        r"(?:coming|came) (?:over|round)", r"brought (?:me )?(?:food|soup|flowers|dinner)",
        r"asked what i need(?:ed)?", "how i was (?:really )?doing", "what can i do",
        "how can i help", r"(?:seriously|honestly) though", r"(?:picking me up|driving me|drive me) (?:to|home|there|in)\b",
        "sat down (?:properly|with me)",
        "but seriously,? (?:are|how)",
        r"then (?:she |he |they )?(?:held|hugged|listened|sat with|stayed|let me|offered to|"
        r"asked (?:loads|lots|so many|a lot|questions|how i|how it|(?:if|whether) i was (?:ok|okay|alright|all right)))",
        "break the tension", "lighten the mood", r"let me (?:cry|talk|vent)",
        r"offered to (?:come|help|drive|go|be there|take|sit|call)",
        r"then (?:we )?(?:sat down|sorted|worked (?:it )?out|went through|talked (?:about )?it)",
    ],
    # They said something, but not an answer ("'only Candy Crush, officer.' Didn't answer.").
    "nonanswer": [
        r"(?:didn't|did not|never|doesn't|won't) (?:actually |really |even )?answer(?: (?:the|my) "
        r"question| me| a single thing| anything)?\b",
    ],
}
# fmt: on

NEGATABLE = frozenset({"deflect", "dodge"})
THEIR_WORDS = frozenset({"deflect", "deflect_quoted", "dodge", "dodge_quoted"})
# A laugh on its own ("'lol'") is a one-word reply, not a joke: looked for without those.
SCOPES = {
    "deflect": "unminimal",
    "dodge": "unminimal",
    "deflect_quoted": "quoted",
    "dodge_quoted": "quoted",
}


def rule(e: Entry) -> list[Evidence]:
    """Something serious the writer raised, met with a joke, sarcasm or a change of
    subject; not joking together, nor a joke followed by real listening."""
    joke_at = e.where("deflect", unless_before="writer_doing")  # "I made a joke" is mine
    joke = joke_at[1] if joke_at else e.hit("deflect_quoted")
    dodge = e.any_of("dodge", "dodge_quoted") or _non_answer(e)
    quip = any("?" in quote or " like " in quote for quote in e.their_quotes)
    if not (joke or dodge or quip):
        return []
    serious = _raised_first(e, joke_at or e.where("dodge"))
    if serious and not joke:
        joke = _thrown_back(e, serious)
    if not (joke or dodge):
        return []
    ev = []
    if serious and joke:
        ev.append(Evidence(1.4, f"{_what(e, serious)} ({quoted(serious)}) met with {quoted(joke)}"))
    elif serious:
        # After a one-word answer, going back to what they were doing is that category;
        # talking about something else is still a change of subject.
        quiet = e.minimal_quote is not None and not _TALKING.search(dodge)
        weight = 0.5 if quiet else 1.3
        ev.append(
            Evidence(weight, f"{_what(e, serious)} ({quoted(serious)}), then {quoted(dodge)}")
        )
    elif dodge:
        ev.append(Evidence(0.4, "changed the subject"))
    else:
        return []
    if e.hit("together"):
        ev.append(Evidence(-0.4 if serious else -0.8))
    if e.hit("then_engaged") or e.hit("writer_slow") or _answered_after(e, joke_at):
        ev.append(Evidence(-1.2))
    if e.hit("clarity"):
        ev.append(Evidence(-0.5))
    return ev


def _what(e: Entry, raised: str) -> str:
    """How a reason names what the writer raised: a topic, or a step they took."""
    return "something hard to say" if e.said("opening", raised) else "something serious"


def _non_answer(e: Entry) -> str | None:
    """They said something back, then never answered ("'only on Candy Crush', and didn't
    answer")."""
    if not e.their_spans:
        return None
    said_at = e.their_spans[0][1]
    return next((p for at, p in e.matches("nonanswer") if at > said_at), None)


def _answered_after(e: Entry, joke_at: tuple[int, str] | None) -> bool:
    """After the laugh, their own words take it seriously ("laughed, then said 'honestly?
    I want us to be exclusive'")."""
    if joke_at is None:
        return False
    return any(
        at > joke_at[0]
        and len(quote.split()) >= 4
        and e.said("quote_engaged", quote)
        and not e.said("deflect", quote)
        and not e.said("deflect_quoted", quote)
        for quote, (at, _) in zip(e.their_quotes, e.their_spans, strict=True)
    )


def _raised_first(e: Entry, reaction: tuple[int, str] | None) -> str | None:
    """The serious thing the writer raised before the joke or dodge came back, or told as
    "when I said ..." around it."""
    before = reaction[0] if reaction else len(e.low)
    for at, phrase in e.matches("serious"):
        if at < before or _RAISED.search(e.low, max(0, at - 40), at):
            return phrase
    # No topic we know, but told as a step: "finally told him", "got the courage to ask"
    return next((phrase for at, phrase in e.matches("opening") if at < before), None)


_TALKING = re.compile(r"talk|subject|topic|on about|telling|carried on")
_RAISED = re.compile(r"\b(?:when|after|as|once|because) i\b[^.]*$")


def _thrown_back(e: Entry, serious: str) -> str | None:
    """Sarcasm without a laugh: their answer throws the writer's own words back as a quip
    ("Angry? Me? Never.", "exclusive like a nightclub?", "drifting? like a car?")."""
    start = e.low.find(serious)
    for quote, (at, _) in zip(e.their_quotes, e.their_spans, strict=True):
        if at <= start or e.said("quote_engaged", quote):
            continue
        for word in set(_CONTENT_WORD.findall(e.low, start, at)) - _COMMON_WORDS:
            if re.search(rf"\b{word}\b[^.!?]{{0,25}}\?|\b{word} (?:like|as) (?:a|an|the)\b", quote):
                return quote
    return None


_CONTENT_WORD = re.compile(r"\b[a-z]{4,}\b")


# fmt: off
_COMMON_WORDS = frozenset({
    "that", "this", "with", "have", "been", "what", "about", "just", "like", "they", "them",
    "their", "there", "when", "where", "from", "your", "were", "will", "would", "could",
    "should", "really", "said", "told", "asked", "going", "because", "than", "then", "some",
    "very", "much", "know", "into", "more", "over", "also", "even", "only", "want", "think",
})
# fmt: on
