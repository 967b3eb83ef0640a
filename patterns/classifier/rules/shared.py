"""Vocabulary more than one category uses."""

DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b"
)
NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several|couple of)"
CLOCK = r"\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm)"
PERIOD = r"(?:mins?|minutes?|hours?|hrs?|days?|weeks?|months?)"
THEM = r"(?:he|she|they|him|her|them)"
THEIR = r"(?:his|her|their)"
# The plan died without a new one: "nothing about rescheduling", "didn't rebook".
NO_NEW_PLAN = [
    r"(?:nothing|no mention|not a word|no word|no talk|no offer|no attempt|no effort|"
    r"not a peep|zero mention) (?:about|of|to) (?:re-?schedul\w*|re-?arrang\w*|re-?book\w*|"
    r"another (?:day|date|time|night)|a new (?:day|date|time|night)|trying again|"
    r"making (?:it|that) up)",
    r"(?:didn't|did not|never|hasn't|has not|won't|doesn't) (?:even )?(?:offer(?:ed)? to |try to |"
    r"bother(?:ed)? to |ask(?:ed)? to )?(?:re-?schedul|re-?arrang|re-?book)\w*",
    r"no (?:attempt|effort|offer) (?:at|to) (?:re-?schedul|re-?arrang|re-?book)\w*",
]
# Things people arrange to do together.
PLAN_WORDS = (
    r"\b(?:meet|hang|dinner|lunch|brunch|breakfast|drinks?|coffee|date|trip|weekend|holiday|visit|"
    r"come (?:over|round|down|to)|catch[- ]?up|film|movie|cinema|gig|concert|party|roast|walk|"
    r"hike|call|see (?:each other|her|him|them|the|you)|in person|get together|go (?:out|to|for)"
    r"|pub|cook|game|match|show|class|course|workshop|facetime|video call|zoom)"
)

# Compact phrase lists read best as written; the formatter leaves them be.
# fmt: off
SHARED: dict[str, list[str]] = {
    "negator": [
        "not", "never", "no longer", "didn't", "did not", "doesn't", "does not", "don't",
        "wasn't", "was not", "isn't", "hasn't", "haven't", "won't", "wouldn't", "without",
        "nor", "no one", "nobody", "no",
    ],
    # Something social that can be planned, dodged or cancelled.
    "plan": [
        "meet", "meeting", "meeting up", "meet up", "hang out", "hang", "hanging out", "dinner",
        "lunch",
        "brunch", "breakfast", "drinks?", "coffee", "date", "plans?", "trip", "weekend away",
        r"(?:get|grab|go for) (?:food|a bite|something to eat)",
        "holiday", r"visit(?:ing)?", "come (?:over|round|down|to)", "catch[- ]?up", "film", "movie",
        "cinema", "gig", "concert", "show", "party", "roast", "walk", "hike", "booking",
        "table", "tickets?", "see (?:each other|her|him|them|you|the)", "graduation",
        "birthday", "picnic", "the pub", "get together", "call", r"(?:meet|see|meeting|seeing) (?:\w+ )?in person", "weekend",
        r"facetime", "video call", "zoom", r"go (?:and )?see", "course", "workshop",
        "reservation", "match", "game", "class", "session", "sleepover", "playdate",
        rf"confirm\w* {DAY}", rf"(?:know|back to me|confirm) about (?:{DAY}|tonight|tomorrow)", "pint", r"(?:supposed|meant) to (?:go|meet|see|have|do|be)",
    ],
    "cancel": [
        r"cancell?(?:ed|ing|s)?", "called (?:it )?off", r"bail(?:ed|s|ing)?",
        r"flak(?:e|ed|es|ing)", "pulled out", r"rain ?check", "can't make", "couldn't make", r"skip(?:ping)? (?:it|this one|tonight|today)",
        r"(?:can't|couldn't) (?:do|manage) (?:it|tonight|drinks|dinner|lunch|coffee|brunch|the \w+|"
        r"our \w+|this \w+)",
        "can't tonight", "can't come", "couldn't come", "stood me up", r"no-?show",
        "something came up", "dropped out", "backed out", "can't (?:do )?that one", "skipped",
        r"postpone[sd]?", "postponing", r"not up (?:to|for) it",
        r"too '?\w+'? to (?:come|make it|meet|go|join)", r"skip(?:s|ping)? (?:the|our|my) ",
        r"dropped (?:each|every|all) (?:one|of them)", r"(?:didn't|doesn't|did not) (?:want|fancy|feel like) (?:to )?(?:go(?:ing)? out|com(?:e|ing)|go(?:ing)?|meet(?:ing)?)\b", r"dropped (?:it|them|the plan|our plans?) (?:on the day|last minute|at the last)",
    ],
    # A new day or time, offered as an alternative.
    "concrete_time": [
        rf"(?:instead|how about|what about|can we do|could we do|does|would|works?|offered|"
        rf"suggested|rebook\w*|re-?booked|book(?:ed)?|moved (?:it |us |our \w+ )?to|swapped \w+ to|"
        rf"new date (?:was|is)|set a new date|to rebook for|rescheduled (?:it |us )?for|"
        rf"pushed (?:it )?to)"
        # "next week" alone is no time: "can we do next week instead" leaves it open
        rf"[^.?!]{{0,40}}?(?:{DAY}|tomorrow|tonight|the \d{{1,2}}(?:st|nd|rd|th)|"
        rf"{CLOCK}|at \d{{1,2}})",
        rf"{DAY} at \d{{1,2}}", rf"{DAY} {CLOCK}", rf"{DAY} (?:lunch|brunch|dinner|morning)",
        rf"{DAY} instead", rf"free (?:on )?{DAY}", rf"{DAY} after \d",
    ],
    # The rescheduled or promised thing took place.
    "kept": [
        "which happened", "which we did", "it happened", "we did", "it did", "on the dot",
        r"lock(?:ed)? (?:it |us |the \w+ )?in", r"turned into a (?:yes|plan|date)", r"^booked[.!]",
        r"[.!] booked[.!]", r"had (?:a blast|a ball|the best time|so much fun|a great time)",
        "perfect day", "great day", r"then (?:\w+ )?(?:texted|called|rang|messaged) [^.]{0,20}to "
        r"(?:confirm|lock|book|say yes)",
        rf"there {THEM} (?:was|were)", rf"{THEM} (?:was|were) there", "showed up", "turned up",
        "everyone (?:came|showed)", "went ahead", r"(?<!time )(?<!since )we (?:walked|met up|hung out|caught up)\b", "actually happened", "we went", "we met",
        "we had (?:brunch|lunch|dinner|drinks|coffee|our|a great|a lovely|the|a good)",
        "had our", "was (?:great|lovely|brilliant|fun|a great|perfect)", "were great",
        "we're booked", "s booked", "it went ahead", "we made it", "we finally",
        rf"(?:{DAY}|it|the \w+) was (?:\w+ and )?(?:great|lovely|brilliant|fun|perfect|amazing|"
        rf"nice|good|sunny)",
        "and we did", r"(?:it|that|the (?:new )?(?:time|date|plan)) held", "kept it",
        "in the diary", "in the calendar", "it's booked", "booked in", "it's on",
        r"then (?:(?!never\b|not\b)\w+ ){0,2}(?:booked|book|bought|sorted|confirmed|arranged|organi[sz]ed)",
        r"bought (?:us )?(?:both )?tickets",
    ],
    # A clear, kind answer: the opposite of a micro-rejection.
    "clarity": [
        "kindly", "gently", "nicely", "straight with me", "honest(?:ly)? with me",
        "not feeling (?:a|the|any|it|this)(?: romantic)?(?: connection| spark)?",
        "doesn't feel (?:that way|the same)", "doesn't see (?:us|me|this) as", "as (?:a )?friends?",
        "not looking for anything", "not ready (?:for|to)", "wasn't ready (?:for|to)",
        "know where i stand", "at least i know", "respect (?:it|that)", "thank you for asking",
        "thanks for asking", "string me along", "met someone (?:else)?", "clarity",
        "but clear", "it's clear", "was clear", "honest answer", "appreciate(?:d)? the honesty",
        "to be honest with me", "wanted to be honest", "refreshing", "clear 'no", "said no",
        "explained why", "explained the", "closure",
    ],
    # Visibly active elsewhere while you wait.
    "active_elsewhere": [
        r"post(?:ed|ing|s)?",
        r"(?:instagram|insta|snapchat|snap|whatsapp|her|his|their) stor(?:y|ies)",
        r"stor(?:y|ies) (?:from|on|at|after)", r"reels?", r"tiktoks?", r"tweet(?:ed|ing|s)?",
        r"snap ?score", "online", "active (?:on|now|all|every)",
        "(?:was|is|been|showing as) active",
        r"(?:liked|liking|commented on|commenting on|reacting to|reacted to)[^.]{0,30}(?:photos?|"
        r"posts?|pics?|stories|reels?|tweets?)",
        "green dot", "group chat", r"(?:liking|liked|commenting|commented) (?:on )?(?:other|"
        r"someone|people|posts|photos)", rf"changed {THEIR} profile", r"profile pic(?:ture)?",
        r"in #\w+", "on (?:insta(?:gram)?|twitter|whatsapp|the app|tiktok|snapchat|facebook|x)",
        "tagged", "playing (?:games|xbox|fortnite|online)", "on discord", "last seen",
        r"(?:he's|she's|they're|he was|she was|they were) active", "gaming",
        "typing",
        r"\b(?!(?:a|the|our|long|good|quick|nice|fun|night|late|brief|proper|deep|little|short|big|great|lovely|phone|video|honest|real|sweet) )\w+ chat", "spotify", "strava", r"listening (?:on spotify|all (?:night|day|evening))", r"repl(?:ied|ying) to (?:everyone|others|other people|the group)",
        r"live on \w+", r"stream(?:ed|ing)", "everyone else",
        r"(?:answer|repl(?:y|ie)|respond)\w* to (?:everyone|everybody|others|other people|comments)",
        r"(?:replying|posting|chatting|talking|arguing|active|joking|been) in (?:the|a|our|his|her|"
        r"their) [\w -]{0,20}?(?:group|chat|channel|server|thread)",
        r"(?:watched|viewed|liked|saw|seen)[^.]{0,25}my (?:stor(?:y|ies)|posts?|photos?|reels?|tiktoks?|videos?)",
    ],
    # Seen out, or found time for other things: the "busy" does not hold.
    "seen_out": [
        rf"saw {THEM} (?:at|in|out)", r"at (?:the|a) (?:pub|party|bar|club|festival|gig|game)",
        "festival", "spa", "found (?:the )?time", "had time", "made it to", "rooftop",
        "pub quiz", r"out (?:with|drinking|partying)", "on holiday", "posting from",
        "checked in at", "football", "the match", "on a night out", "at the gym",
        r"insta(?:gram)?", "facebook", "stories", r"post(?:ed|ing)", "beach", "golf",
        "holiday photos", r"(?:'s|is|was|are|were|'re|go|goes|went|been) out every", "time for", "went to", "manages",
        r"somehow (?:has|finds|found|manages|managed)", r"with (?:her|his|their) (?:work )?friends",
        r"(?:just |then )?(?:booked|bought|went on|jetted off|off to) (?:a|her|his|their) "
        r"(?:weekend|holiday|trip|city break|festival|concert|night out)", "braai", "barbecue",
        "fantasy football", r"(?:a|the) (?:wedding|party|club|bar) (?:that|the same) (?:night|day)",
    ],
    # A specific, genuine reason (for a cancel, a delay or being busy).
    "specific_reason": [
        "sick", "ill", "migraine", "hospital", "funeral", "emergency", r"flight (?:was )?delayed",
        "strike", "physio", "dentist", r"surger(?:y|ies)", "wedding", "covid", "flu",
        r"exams?", "deadline (?:on|is|was)", "thesis", r"shifts? (?:got )?(?:moved|changed)",
        "night shift", "on call", "childcare", "babysitter", "the kids? (?:was|were|is) ill",
        "vet", "family thing", "broke down", "car trouble", "food poisoning", "explained",
        "moving house", "the move", r"busy with (?:his|her|their|the|a|an) \w+", "storm", "weather",
        "snow", "flood", r"(?:rail|train) strike",
    ],
    # Time went by ("two days", "since Tuesday", "it's now 9pm").
    "time_passed": [
        rf"{NUM} (?:days?|weeks?|months?)", r"(?:\d+|three|four|five|six|seven|eight|nine|ten|"
        r"several|many|for) (?:hours|hrs)",
        rf"since (?:yesterday|this morning|last night|lunch(?:time)?|{DAY}|then)",
        rf"it's (?:now )?(?:\d|{DAY}|midnight|the next day|{MONTH})", "overnight",
        "next (?:day|morning)", "all (?:day|evening|night|weekend|afternoon)", rf"at {CLOCK}",
        "the whole (?:weekend|day|evening|week|afternoon|morning|time)",
        "still", "hours later", "days", "weeks", "came and went", "was last night", "all week",
        "at midnight", "at noon",
    ],
    # It happened, but it has been put right since.
    "resolved": [
        r"(?:been|was) (?:great|fine|lovely|better|good|brilliant|amazing) since",
        r"since then (?:he's|she's|they've|it's) been", "all good now", "we're good now",
        "sorted it out", "made up", r"apologi[sz]ed and", r"once (?:last|a while|ages)",
        "hasn't happened since", "not since", r"talked (?:it|things) (?:out|through)",
        r"(?:calm|steady|consistent|settled) (?:and (?:calm|steady|consistent|kind) )?for (?:months|"
        r"weeks|ages)",
    ],
    # The writer was the slow or jokey one here ("I was the one who left her on read").
    "writer_slow": [
        r"\bi(?:'m| am| was) the one (?:who|that|texting|messaging|calling|cancelling)", r"my (?:fault|bad|part)\b", "that's on me",
        r"took me (?:a|\d+|two|three|four|five|several|a few) (?:days?|weeks?)",
        r"i (?:(?:forgot|forget) to (?:reply|answer|text|write|get back)|left (?:\w+ )?on read|"
        r"(?:need|have) to do better|(?:made|cracked|was making) (?:a |the )?jokes?)",
    ],
    # Someone else's story, retold ("my friend says her Tinder guy only texts at midnight"):
    # the signs are in it, but they are not the writer's.
    "others_story": [
        r"(?:my|a|our) (?:friend|mate|sister|brother|cousin|colleague|coworker|co-worker|flatmate|"
        r"roommate|housemate|bestie|best friend|bff|mum|mom|sis)(?:'s)?\b[^.!?]{0,30}?\b(?:says?|said|told me|"
        r"was (?:complaining|telling me|saying|venting|ranting)|complain(?:s|ed)|vented|ranted|keeps saying)"
        r"[^.!?]{0,20}?\b(?:her|his|their) (?:boyfriend|girlfriend|bf|gf|guy|girl|date|match|partner|"
        r"husband|wife|man|ex|crush|situationship|fwb|tinder|hinge|bumble|new)",
    ],
    # The writer, not them, right before the phrase ("I keep saying I'm busy").
    "writer_before": [r"\bi (?:just |always |really |still )?$"],
    # The writer doing it ("I made a joke"), not them.
    "writer_doing": [r"\bi (?:\w+ ){0,2}$"],
    # Them as the subject right before the phrase ("she sent me a long message").
    "their_subject": [r"\b(?:he|she|they)\b(?:(?!\bi\b)[^.;])*$", r"^(?:(?!\bi\b)[^.;])*\b(?:his|her|their) $"],
}
# fmt: on

NEGATABLE = frozenset({"cancel", "concrete_time", "clarity", "kept"})
THEIR_WORDS = frozenset({"cancel"})
SCOPES = {"writer_slow": "narrative"}  # "my bad" in their apology is not the writer's
