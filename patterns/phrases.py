"""Phrase lists for the classifier, as data.

Each name maps to a list of regular-expression alternatives that are matched against the
lower-cased entry text. Conventions, applied when the classifier compiles them:

- ``'`` inside a phrase is optional, so ``didn't`` also matches ``didnt``;
- a ``\\b`` word boundary is added at either end of a phrase that starts or ends with a
  letter or digit, so ``busy`` does not match inside ``busybody``;
- names listed in ``NEGATABLE`` are ignored when a negation ("didn't", "never", "not")
  comes shortly before them in the same clause ("she didn't leave me on read");
- names listed in ``THEIR_WORDS`` are not looked for inside quotes the writer says they
  said themselves ("'maybe sometime?' I asked").

The classifier (``patterns/classifier.py``) decides how the signals combine and weigh.
"""

DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several|couple of)"
CLOCK = r"\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm)"
PERIOD = r"(?:mins?|minutes?|hours?|hrs?|days?|weeks?|months?)"
THEM = r"(?:he|she|they|him|her|them)"
THEIR = r"(?:his|her|their)"

# --------------------------------------------------------------------------------------
# Shared vocabulary
# --------------------------------------------------------------------------------------
SHARED: dict[str, list[str]] = {
    "negator": [
        "not", "never", "no longer", "didn't", "did not", "doesn't", "does not", "don't",
        "wasn't", "was not", "isn't", "hasn't", "haven't", "won't", "wouldn't", "without",
        "nor", "no one", "nobody",
    ],
    # Something social that can be planned, dodged or cancelled.
    "plan": [
        "meet", "meeting up", "meet up", "hang out", "hang", "hanging out", "dinner", "lunch",
        "brunch", "breakfast", "drinks?", "coffee", "date", "plans?", "trip", "weekend away",
        "holiday", "visit", "come (?:over|round|down|to)", "catch[- ]?up", "film", "movie",
        "cinema", "gig", "concert", "show", "party", "roast", "walk", "hike", "booking",
        "table", "tickets?", "see (?:each other|her|him|them|the baby|the new)", "graduation",
        "birthday", "footy", "climbing", "picnic", "the pub", "get together", "call",
        "in person", "weekend",
    ],
    "cancel": [
        r"cancell?(?:ed|ing|s)?", "called (?:it )?off", r"bail(?:ed|s|ing)?", r"flak(?:e|ed|es|ing)",
        "pulled out", "rain ?check", "can't make it", "couldn't make it", "can't tonight",
        "stood me up", "no-?show", "something came up",
    ],
    # A new day or time, offered as an alternative.
    "concrete_time": [
        rf"(?:instead|how about|what about|can we do|could we do|does|would|works?|offered|"
        rf"suggested|rebook\w*|re-?booked|booked|moved (?:it |us |our \w+ )?to|swapped \w+ to|"
        rf"new date (?:was|is)|set a new date|rang \w+ to rebook|to rebook for)"
        rf"[^.?!]{{0,40}}?(?:{DAY}|tomorrow|tonight|next week|the \d{{1,2}}(?:st|nd|rd|th)|"
        rf"{CLOCK}|at \d{{1,2}})",
        rf"{DAY} at \d{{1,2}}", rf"{DAY} {CLOCK}", rf"{DAY} (?:lunch|brunch|dinner|morning)",
    ],
    # The rescheduled or promised thing took place.
    "kept": [
        "which happened", "which we did", "it happened", "we did", "it did", "on the dot",
        rf"there {THEM} (?:was|were)", rf"{THEM} (?:was|were) there", "showed up", "turned up",
        "everyone (?:came|showed)", "went ahead", "actually happened", "we went", "we met",
        "we had (?:brunch|lunch|dinner|drinks|coffee|sushi|our|a great|a lovely|the)",
        "had our", "was (?:great|lovely|brilliant|fun|a great)", "were great", "played",
        "booked", "we're booked", "'s booked", "there with", "it went ahead", "we made it",
    ],
    # A clear, kind answer: the opposite of a micro-rejection.
    "clarity": [
        "kindly", "gently", "nicely", "straight with me", "honest(?:ly)? with me",
        "not feeling (?:a|the|any) (?:romantic )?(?:connection|spark)",
        "doesn't feel that way", "doesn't see us as", "not looking for anything",
        "not ready to", "wasn't ready to", "isn't ready to", "know where i stand",
        "at least i know", "respect it", "thank you for asking", "string me along",
        "met someone else", "clarity", "but clear", "it's clear", "grateful (?:she|he|they) "
        "(?:just )?said", "appreciate(?:d)? the honesty", "wanted to be honest",
        "refreshing", "clear 'no", "said no", "explained why", "explained the",
    ],
    # Visibly active elsewhere while you wait.
    "active_elsewhere": [
        r"post(?:ed|ing|s)?", r"stor(?:y|ies)", r"reels?", r"tiktoks?", r"tweet(?:ed|ing|s)?",
        "snap ?score", "online", "active (?:on|now|all|every)", "(?:was|is|been|showing as) active",
        "green dot", "group chat", r"(?:liking|liked|commenting) (?:on )?(?:other|someone|people|posts)",
        rf"changed {THEIR} profile", "profile pic(?:ture)?", r"in #\w+",
        "on (?:insta(?:gram)?|twitter|whatsapp|the app|tiktok|snapchat)", "tagged",
    ],
    # Seen or found time for other things, contradicting "busy".
    "seen_out": [
        rf"saw {THEM} (?:at|in|out)", "at the pub", "at a (?:party|pub|bar|festival|gig)",
        "festival", "spa weekend", "bingo", "football match(?:es)?", "found (?:the )?time",
        "had time", "made it to", "rooftop", "brunch on", "pub quiz", "redo the",
    ],
    # Time went by ("two days", "since Tuesday", "it's now 9pm").
    "time_passed": [
        rf"{NUM} {PERIOD}", rf"since (?:yesterday|this morning|last night|lunch(?:time)?|{DAY}|then)",
        rf"it's (?:now )?(?:\d|{DAY}|midnight|the next day|july|june|august)", "overnight",
        "next (?:day|morning)", "all (?:day|evening|night|weekend|afternoon)", rf"at {CLOCK}",
        "still", "hours", "days", "weeks", "came and went", "was last night",
    ],
}

# --------------------------------------------------------------------------------------
# one_word_replies: a long or personal message answered with a word, emoji or reaction
# --------------------------------------------------------------------------------------
ONE_WORD: dict[str, list[str]] = {
    "long_message": [
        r"(?:long|longest|lengthy|whole|entire|huge|massive|big|detailed|honest|heartfelt|"
        r"emotional|proper)[\w ,'-]{0,20}?(?:message|msg|text|email|e-mail|letter|voice ?note|"
        r"voice ?memo|voice message|paragraph|essay|update|rant|explanation|reflection|thread|"
        r"note|dm)s?",
        "paragraphs?", "essay", "wall of text", r"(?:two|three|four|\d+) pages",
        r"poured (?:my|out my) (?:heart|soul)", "poured (?:it all|everything) out",
        "opened up", "spilled my guts", "bared my soul", "confided", "confessed",
        r"told \w+ everything", r"told \w+ (?:all about|in detail|the whole)",
        "the whole (?:thing|story|saga|lot|awful)", "the lot", "whole thing",
        "this (?:long|whole|huge) (?:thing|message|text)", "day-by-day",
        r"(?:two|three|four|five|six|seven|several|multiple|\d+) (?:long )?"
        r"(?:messages|texts|paragraphs|voice notes|emails)",
        "took me (?:an hour|ages|forever) to (?:write|send)", "spent ages writing",
        "actually told (?:her|him|them)",
    ],
    # A minimal answer named outside quotes ("he liked the message", "a thumbs up").
    "reaction": [
        "hearted", r"liked (?:it|that|the (?:last )?(?:one|message|msg|text|photo|email)|my)",
        "loved (?:it|the message|my message)", r"thumbs[ -]?up(?:ped)?", "reacted with",
        r"(?:heart|emoji|like) reaction", "reacted to it", "put a (?:heart|like|❤|👍)",
        "with a (?:heart|like|❤|👍)", "(?:just|only) an emoji", "a single emoji",
        "👍", "❤", "♥", "😘", "👌", "🫶",
    ],
    "one_word_named": [
        r"one[- ]word (?:answers?|replies|reply|responses?)", "monosyllabic",
        r"(?:replied|answered|responded|texted back|wrote back|said)(?: back)?:? (?:with )?"
        r"(?:a |just |only )?(?:k|ok|okay|cool|nice|lol|haha|kk|sure|fine)[.!]?$",
    ],
    "nothing_more": [
        "that's it", "that's all", "thats it", "nothing else", "nothing more", "in full",
        "just that", "was all (?:she|he|they) said", "all i got", "that was it",
        "a single", "a lone", "not another word", "hasn't said anything since",
    ],
    # The short reply went on to engage.
    "engaged_after": [
        "call me", "tell me (?:more|everything|all)", r"then (?:called|rang|asked|came|sent)",
        "asked (?:loads|lots|a hundred|so many|good) (?:of )?questions",
        "we (?:talked|spoke|chatted|ended up)", "called me", "rang me",
        "(?:long|proper|lovely|big) (?:reply|answer|chat|call)",
        "sent (?:three|two|a few|loads of) (?:long )?(?:paragraphs|messages)",
        "followed up", "came (?:round|over)", "for an hour", "for ages",
        "on saturday he actually asked", "actually asked",
    ],
    # The message was itself short or practical.
    "practical": [
        "where (?:are|r) (?:you|u)", "on (?:the|my) way", "omw", "leaving now", "home safe",
        "grab (?:oat )?milk", "the last slice", "bins", "still on for", "uploaded",
    ],
}

# --------------------------------------------------------------------------------------
# busy_excuses: vague busyness covering silence, flaking or cancelling
# --------------------------------------------------------------------------------------
BUSY: dict[str, list[str]] = {
    "busy_word": [
        r"busy(?: busy)?", "swamped", "slammed", "snowed under", "rammed", "flat out",
        "run off (?:my|her|his|their) feet", "hectic", "manic", "chaos", "chaotic",
        r"(?:crazy|mad|insane|nuts|mental|wild|ridiculous|intense|full[- ]on) "
        r"(?:week|month|day|few (?:days|weeks)|time|period|stretch|year)",
        r"(?:so|too) much (?:going on|on)", "a lot (?:going on|on)", "lots going on",
        r"(?:been|is|are|was|'s|has been) (?:crazy|mad|insane|nuts|mental|manic|chaos|a lot|"
        r"MAD)", "buried (?:in|under) work", "drowning in work",
        "up to (?:my|her|his) (?:eyes|eyeballs|neck)", "stretched thin", "work stuff",
        "a lot right now", "life's been",
    ],
    # The busy word describes the writer, not them.
    "busy_me": [
        r"(?:i'm|i am|i was|i've been|i'd been|i have been|we were|we're|my (?:week|day|month)|"
        r"the group chat was|was busy with birthday)[^.,;!?]{0,12}$",
    ],
    "silence": [
        "silence", "silent", "nothing (?:for|else|back|since)", "no (?:reply|answer|response|word)",
        "haven't heard", "hadn't heard", "not heard", rf"{NUM} {PERIOD} of (?:nothing|silence)",
        "went quiet", "gone quiet", "voicemail", "can't call", r"too '?\w+'? to (?:call|phone|text)",
        rf"{NUM} {PERIOD} (?:later|of|now|ago)", rf"after {NUM} {PERIOD}",
        "then nothing", "and then nothing", "nothing for the rest", "(?:two|three) texts",
        r"reply on \w+day", "talk soon", "talk later",
    ],
    "no_alternative": [
        "no (?:new |other )?(?:day|date|time|night|plan|plans|alternative|details|question)",
        "no other (?:night|day|time) offered", "didn't offer", "no offer",
        r"never (?:asks|asked|offers|offered|suggests) (?:anything|another|a)",
        "nothing else", "that's (?:it|all)", "another time", "some other time",
        "(?:will|i'll) let (?:u|you) know", "you know how it is", "no 'how are you",
        "no question about me",
    ],
    # Busy, but still there: calls back, told ahead, keeps in touch.
    "follow_through": [
        r"but (?:she|he|they) still", "still (?:rings|calls|texts)", "rang me back",
        "called (?:me )?back", "told me in advance", "told me ahead", "warned me",
        "as planned", "asked if", "asked how i was", "proper catch-up",
    ],
}

# --------------------------------------------------------------------------------------
# avoided_plans: plans that slide, get dodged or die in "maybe sometime"
# --------------------------------------------------------------------------------------
AVOIDED: dict[str, list[str]] = {
    "vague_reply": [
        "maybe (?:some ?time|another time|later|next (?:week|month|time|year)|after|one day|"
        "at some point|soon|the)", r"some ?time (?:next|soon|after|in|maybe)",
        "some other time", "another time", "we'll see", "let's see", "let's just see",
        r"see how (?:the|it|things|i|she|he|they|next|my|she feels)", "play it by ear",
        r"i'?ll let (?:you|u|ya) know", "let (?:you|u) know", "let me check", "i'll check",
        "keep (?:you|u) posted", "get back to (?:you|u)", "rain ?check", "one of these days",
        "at some point", "we should (?:totally |definitely |really )?(?:hang|meet|get|grab|do)",
        "we must (?:catch up|meet|hang|get)", "next week for sure", "not sure yet",
        "down the line", "when things (?:calm|settle|quiet)",
        "after the (?:summer|holidays|new year|christmas)", "nearer the time",
        "could be fun", "ooh maybe", "maybe!", "let's aim for", "let's not get ahead",
        r"some ?time next", "going to get coffee", "really wanted to meet", "hang out soon",
        "how (?:she|he|they) feels?", "see how next",
    ],
    "moved_again": [
        r"(?:moved|pushed|postponed|rescheduled|cancell?ed|bailed|flaked|shifted|put off|"
        r"called off|sliding|slid|got moved)[^.]{0,30}again", r"again[.!]",
        r"(?:second|third|fourth|fifth|sixth|umpteenth|\d+(?:st|nd|rd|th)) time",
        r"(?:twice|three times|four times|\d+ times)(?! a)",
        r"keeps? (?:cancell?ing|pushing|moving|rescheduling|postponing|sliding|bailing|"
        r"flaking|putting (?:it|us|me) off)", r"became '?\w+", "keeps sliding",
        "every (?:time i (?:name|suggest|ask|propose)|weekend is)", "then 'maybe",
        r"every (?:month|week) since", r"since (?:january|february|march|april|may|june|july|"
        r"august|september|october|november|december|\d{4})",
    ],
    "last_minute": [
        "last[- ]minute",
        r"(?:an|\d+|one|two|twenty|thirty|ten|fifteen|forty) (?:mins?|minutes?|hours?) before",
        "the (?:morning|day) of", "day before", r"at \d{1,2}[:.]\d\d for (?:a|the|our) \d",
        "this morning", "on the day",
    ],
    "never_set": [
        r"never (?:confirmed|set|picked|named|gave|offered|committed|followed up|did|came|"
        r"checks|checked|happened|got back|mentioned)", r"won't (?:pick|set|commit|name)",
        "no (?:new )?(?:date|day|time)", "still no (?:date|plan|day)", "came and went",
        "stopped mentioning", "never heard (?:another|back)", "didn't come", "didn't show",
        "stood me up", "was silent", "went quiet", "never replies when", r"was last night",
        rf"it's (?:now )?(?:{DAY}|july|june|august|september)", "suddenly booked",
        "next week became", "(?:she|he|they) never did", "never did",
    ],
    # A suggestion to meet ...
    "proposal": [
        "asked (?:\\w+ )?(?:if|whether|when|about|to)", "suggested", "suggest", "floated",
        "invited", "proposed", "planned", "promised", "agreed to meet", "asked \\w+ out",
        "asked (?:him|her|them|\\w+) to", "name a day",
    ],
    # ... answered with a change of subject.
    "subject_change": [
        r"started (?:talking|telling|going on) about", "changed the (?:subject|topic)",
        "went quiet", r"asked (?:if|whether) i'?d seen", "who needs real life",
    ],
}

# --------------------------------------------------------------------------------------
# left_on_read: seen and not answered, or ignored while active elsewhere
# --------------------------------------------------------------------------------------
LEFT_ON_READ: dict[str, list[str]] = {
    "left_on_read_named": [
        "left (?:me )?on (?:read|seen|delivered)", "leaves? (?:me )?on read", "on read",
        r"seen-?zoned?", "left me hanging",
    ],
    "read_marker": [
        "read receipts?", "blue ticks?", "double (?:blue )?ticks?",
        r"(?:ticked|marked|showing|shows|showed|says|said|still says|sitting on|sitting there on)"
        r" (?:as )?'?(?:read|seen)", r"(?:read|seen|opened|viewed)(?: at)? \d{1,2}(?:[:.]\d\d)?"
        r"\s?(?:am|pm)?", rf"(?:read|seen|opened) (?:on |since )?{DAY}",
        r"(?:read|seen) \d+\s?(?:d|h|hr|hrs|days?|hours?)", "seen[,.]", "^read[.,]",
        r"read[,.] (?:nothing|no)", "^seen", r"opened (?:it|my (?:snap|message|text|dm|email)|the "
        r"(?:snap|message))", r"saw (?:it|my (?:message|text|dm|snap)) (?:and|but)",
        rf"{THEM} (?:saw|read|viewed|opened) (?:it|my|the)", "read it", "viewed them",
        r"(?:has|had) read", "showed read", rf"(?:read|seen) {NUM} {PERIOD} ago",
        "watched my story", "viewed my story",
    ],
    "no_reply": [
        "no (?:reply|answer|response|word)", "nothing", "crickets", "silence", "unanswered",
        r"hasn't (?:replied|answered|responded|said|written)", "haven't heard",
        r"didn't (?:reply|answer|respond|text back|write back)",
        r"never (?:replied|answered|responded|wrote back|texted back)",
        "still (?:waiting|nothing|no)", "not a (?:word|peep)", "went quiet", "no answer yet",
        r"ignor(?:ed|ing|es)", "still says read", "still nothing", "hasn't said",
    ],
    # An answer days later that skips over the gap.
    "late_reply": [
        rf"(?:{NUM} (?:days?|weeks?) later|after {NUM} (?:days?|weeks?)|{NUM} days of nothing)",
        r"answered (?:after|on|the next)", r"reply on \w+day",
    ],
    "no_acknowledgement": [
        r"(?:no|zero|without|not a|never)\b[^.]{0,25}(?:mention|acknowledg|sorry|apolog|"
        r"explanation|reference)", "like nothing happened", "as if nothing",
        "nothing about what i'd asked", "no 'sorry",
    ],
    # They had said they'd be away, or had a plain reason.
    "away_announced": [
        r"(?:said|told me|warned|mentioned|let me know|he'd told me|she'd told me)[^.]{0,40}"
        r"(?:away|offline|off (?:the )?grid|off (?:his|her|their) phone|no signal|no reception|"
        r"camping|hike|hiking|retreat|travelling|flight|surger(?:y|ies)|hospital|wedding|"
        r"back-to-back|festival|cabin|holiday)",
        "no signal", "no reception", r"phone (?:died|was dead|was in for repair|broke)",
        "out-of-office", "out of office", "on leave", "signal is rubbish", "back-to-back",
        "in for repair", "off (?:his|her|their) phone", "surgery",
    ],
    "apology": ["sorry", r"apologi[sz]ed", "apologies", "my bad", "only just seen"],
    "engaged_reply": [
        r"long (?:reply|message|answer|voice note)", r"proper (?:answer|reply)",
        r"(?:three|two|a few|loads of) (?:long )?(?:messages|paragraphs)",
        r"asked (?:about|how|me|all about)", "questions", "tell me everything", "called me",
        "rang me", "called as soon", r"we (?:talked|spoke)", r"sent (?:loads|lots) of",
        "voice note asking", "what about your",
    ],
    "quick_reply": [
        r"(?:replied|answered|responded|wrote back|texted back)[^.]{0,20}(?:within|in "
        r"(?:a few|ten|five|two|\d+) min|straight away|right away|immediately|minutes later)",
        "answered within", r"replied at \d{1,2}[:.]\d\d",
    ],
}

# --------------------------------------------------------------------------------------
# late_night_only: contact late at night or when bored, and little otherwise
# --------------------------------------------------------------------------------------
LATE_NIGHT: dict[str, list[str]] = {
    "late_words": [
        "midnight", "middle of the night", "late at night", "late-night", "late night",
        "small hours", "wee hours", r"after (?:11|10|midnight)", "around 1am",
        r"(?:1[01]|12) ?pm and \d ?am", "at night", "12:\\d\\d tonight",
    ],
    "night_context": ["tonight", "night", "pm", "midnight", "late"],
    # Their message itself: "u up?", "wyd", "bored".
    "booty_cue": [
        r"(?:u|you|ya|r u|are you|are u) (?:still )?(?:up|awake)", "still up", "wyd",
        r"what (?:are|r) (?:you|u) (?:doing|doin|up to)", "what u doin", "what you up to",
        "what r u doing", "bored", "entertain me", "fancy a drink", "come over", "u around",
        "you around", "hey stranger", r"miss (?:u|you)", "heyy+", r"drunk (?:texts?|dials?|calls?)",
        "booty call",
    ],
    # Strong cues on their own: the writer describes the pattern.
    "night_pattern": [
        r"only (?:ever )?(?:hear from|texts?|messages?|calls?|rings?|hits? me up|reaches out|"
        r"contacts?|wants? to talk|gets in touch|dms?)[^.]{0,60}(?:night|late|after \d|midnight|"
        r"bored|drunk|\d ?am|pm|plans fall|fell through|bar|away|when)",
        r"the only time \w+ (?:calls|texts|messages|rings)",
        r"never (?:once )?(?:texts?|written|writes|messages?|calls?)[^.]{0,30}"
        r"(?:before|during the day|in the day|daytime|until)",
        r"(?:silent|silence|nothing|quiet|ghost|not a word)[^.]{0,25}(?:all day|during the day|"
        r"in daylight|daylight|daytime|at lunch|in the day)",
        "daytime texts? get nothing", "daylight hours", r"couldn't text back at \d",
        "never during the day", "never any other time", "only at night", "busy ends at",
        r"(?:plans?|mates|guys|friends) (?:bailed|fell through|cancel)",
        r"whenever \w+(?:'s)? (?:mates|friends|plans) (?:cancel|bail)",
        "when (?:his|her|their) (?:plans|mates|friends|boyfriend|girlfriend)",
        r"only (?:ever )?(?:late|at night)", "drunk or bored", "after midnight",
        r"(?:hasn't|never) answered a single daytime", "silent all day",
        r"every message from \w+ [^.]{0,30}after \d",
    ],
    # Late, but for a reason or inside steady contact.
    "arranged": [
        r"time ?zones?", "time difference", r"jet ?lag", r"night shifts?", "on nights",
        r"shifts?", "rota", "night desk", r"(?:booked|scheduled|planned|arranged|agreed|set up)"
        r"[^.]{0,40}(?:call|chat|it|slot|them)", "our slot", "only time (?:both|we)",
        "lunch break", r"we plan(?:ned)? (?:it|them)", "asked me to wait up", "was the deal",
        "just landed", "my time", "on (?:her|his|their) break",
    ],
    "steady": [
        r"(?:text|talk|chat|message)(?:ed)? (?:all day|every day|daily|since breakfast|since "
        r"(?:this )?morning)", "all day (?:anyway|too)", "steady", "during the day too",
        "been texting since", "like every night", "since breakfast", "we talk all day",
    ],
}

# --------------------------------------------------------------------------------------
# joked_off: a serious topic met with a joke, sarcasm or a change of subject
# --------------------------------------------------------------------------------------
JOKED: dict[str, list[str]] = {
    # Something serious or vulnerable the writer raised.
    "serious": [
        "feelings?", r"where (?:this|we're|we are|it's|things are|we're) (?:is )?(?:going|heading)",
        "what we are", "exclusive", "(?:the|our) relationship", "the future", "kids",
        "marriage", "married", r"mov(?:e|ing) in", r"(?:my|the) (?:anxiety|depression|therapy|"
        r"mental health|health|diagnosis|biopsy|scan|grief|eating|weight|debt|career|workload)",
        r"panic attacks?", r"depress(?:ed|ion)", "anxiety", r"burn(?:ing|ed|t)? ?out",
        "struggling", "scared", "terrified", "frightened", "worried", "lonely", "loneliness",
        "invisible", "really hurt", "hurt me", "how hurt", "upset with", "suicid\\w*",
        "self-harm", "miscarriage", "divorce", r"leaving my (?:husband|wife|partner)",
        "lost my job", "laid off", "funeral", "dementia", "cancer", "chemo",
        r"physically sick", r"(?:the|his|her|their) drinking", "i'm gay", "coming out",
        "falling for", "in love", "love you", r"miss (?:you|her|him|us)", "how i feel",
        "seriously", "serious", "important", "matters to me", "needed to talk",
        "need (?:us )?to talk", "talk about us", r"(?:you|he|she)'?s? happy",
        "owes me", "stressed", "talk about (?:the|how|why|what)", "hurt me",
        "comments? about my", "never see each other", "what this is", "where we stand",
        "more than friends", "speaks to me",
    ],
    # Their answer: a joke, sarcasm, a meme or a quick change of subject.
    "deflect": [
        "lol", "lmao", "lmfao", r"haha+", "hehe", "😂", "🤣", "😅", "💀", r"jok(?:e|ed|es|ing)",
        r"sarcas\w*", "memes?", "gif", "tiktok", "laughed", "laughing", "snorted", "chuckled",
        "brushed (?:it )?off", "kept it light", "changed the (?:subject|topic)",
        "change of subject", "moved on to", r"went (?:straight )?(?:back )?to (?:his|her|their|the)",
        r"started (?:talking|telling|going on)", r"asked (?:if|whether) i'?d seen",
        "asked what's for", "relax", "calm down", "lighten up", "dramatic", "sensitive much",
        "overthinking", "welcome to", "aren't we all", "join the club", "slow down",
        "in my day", r"ok(?:ay)? (?:therapist|boomer|mom|mum|dad|sheryl)",
        "silly voice", "jazz hands", "put on a", r"turned (?:the|up the) (?:tv|music)",
        "turned the tv up", "end of conversation", "wouldn't say more", "and that was that",
        r", ha!", "yes, officer", "the pope", "have a biscuit", "you're just hungry",
        "you literally", "duh", r"\bha\b", "skull emoji", "menace",
    ],
    # Speech-only cues, looked for in their quoted words.
    "deflect_quoted": ["anyway", "obviously", "chill", "same", "hungry", "pizza"],
    "together": [
        "we (?:both|laughed|joked)", "both", "together", "each other", "joined in",
        "running bit", "a whole bit", "banter", "trading", "trash talk", "roasting",
        "cried laughing", "wheezing", "inside joke", "rivalry",
    ],
    # Joked, then took it seriously after all.
    "then_engaged": [
        r"then (?:\w+ )?(?:asked (?:how|what|me)|listened|got serious|actually|ordered|held|"
        r"hugged|came round|said (?:she'd|he'd|they'd))", "just listened", "listened to all",
        "came round with", "thanks for saying", "clear the air", "we're fine",
    ],
}

# --------------------------------------------------------------------------------------
# hot_and_cold: warm and eager one moment, distant the next
# --------------------------------------------------------------------------------------
HOT_COLD: dict[str, list[str]] = {
    "swing_named": [
        r"hot (?:and|&|n) cold", "hot-and-cold", "whiplash", r"mixed (?:signals|messages)",
        "blows hot", "jekyll", "rollercoaster", r"push[- ](?:and[- ])?pull",
        "two different people", "like a different person", "impossible to read",
        "where i stand", r"one (?:minute|day|week|weekend|moment)\b[^.]{0,80}the next",
        "went from '", "used to reply in seconds",
    ],
    "warm": [
        r"couldn't stop (?:kissing|texting|talking|touching)",
        r"never felt (?:like this|this way|this easy|so)",
        r"(?:said|told me|saying|texting me)[^.]{0,40}(?:love|miss(?:ed)?|favourite|favorite|"
        r"the one|never|best thing|can't stop|all the time|clicked|all my life|something serious)",
        "all over me", "kept saying", "planning (?:a|our|the)", "we should go",
        "have to go to", "introduced me", "introducing me", r"meet (?:his|her|their) (?:parents|"
        r"family|friends)", "held my hand", "holds my hand", "hugged", "kissing", "songs",
        "texting (?:me )?nonstop", "hearts everywhere", "love hearts", "good morning texts",
        "every night", "begged", "electric", "best date", "honeymoon", "all weekend together",
        "deleting the apps", "so sweet", "sweet and attentive", "where have you been",
        "can't wait to see", "can't stop thinking", "think about you", "her favourite",
        "his favourite", r"(?:two|three|four)-hour", "best thing", "send voice notes",
        "sending (?:me )?(?:paragraphs|voice notes|songs)", "calls me every night",
        "missed me so much", "the one i told you about", "asking for my number",
        "hadn't laughed like that", "sweet", "lovely",
    ],
    "cold": [
        "dry", "no questions", "didn't ask", "distant", "far away", "polite", "formal", "cold",
        "short and", "barely", r"walked (?:straight )?past", "without a word", "didn't speak",
        "won't text", "not answering", "stopped replying", r"nothing (?:for|in|like)",
        "one line", r"one-liners?", "one-word", "can't manage more", r"needs? space",
        "needed space", "who's this", r"ignor\w*", "left (?:me )?on read", "heart reaction",
        "not even a reply", "not sure what (?:she|he|they) wants", "won't answer", "cooled",
        "pulled away", "stranger", "just met", r"checking (?:her|his|their) phone",
        "get ahead of", "colleague", "dismissive", "nothing,", "other end of the table",
        "talking to a wall", "only 'ya", "a wall",
    ],
    # Two moments in time set against each other.
    "then_marker": [
        "yesterday", "last (?:night|week|weekend)", DAY, "friday night", "at the (?:party|wedding|bar)",
        "on our first", "after the", "used to", "one (?:minute|day|weekend)", "the first date",
        r"\d ?am", "a week ago",
    ],
    "now_marker": [
        "today", "this morning", "tonight", "now", "this week", "since", r"next (?:day|morning)",
        rf"by {DAY}", "monday morning", "the follow-up", "the next", "then", "last night",
    ],
}

# Phrases a negation in front of them cancels.
NEGATABLE = frozenset({
    "cancel", "busy_word", "vague_reply", "left_on_read_named", "read_marker", "booty_cue",
    "deflect", "swing_named", "warm", "reaction", "one_word_named", "moved_again",
    "last_minute", "clarity",
})

# Phrases not looked for inside the writer's own quoted words.
THEIR_WORDS = frozenset({
    "busy_word", "vague_reply", "booty_cue", "deflect", "deflect_quoted", "cancel",
})

SECTIONS: tuple[dict[str, list[str]], ...] = (
    SHARED, ONE_WORD, BUSY, AVOIDED, LEFT_ON_READ, LATE_NIGHT, JOKED, HOT_COLD,
)

# A reply that is nothing but one of these (or emoji and punctuation) is minimal.
MINIMAL_WORDS = frozenset(
    ["k", "kk", "ok", "okay", "okk", "okie", "cool", "nice", "lol", "haha", "hah", "ha", "hehe", "lmao", "wow", "sure", "fine", "yeah", "yep", "yup", "ya", "ye", "yes", "mm", "hmm", "oof", "aw", "aww", "damn", "noted", "great", "good", "congrats", "same", "true", "bet", "sweet", "ah", "oh", "ty", "thx", "thanks", "x", "xx", "xo", "cute", "nice!", "wild", "crazy", "mood", "fair", "word", "ok.", "oh", "well", "one", "neat", "lovely", "sick", "omg", "rip"]
)
MINIMAL_PAIRS = frozenset({
    "oh well", "nice one", "sounds good", "fair enough", "ok cool", "haha ok", "ok lol",
    "haha nice", "all good", "good luck", "well done", "so cute", "oh no", "oh nice",
})
