"""late_night_only: contact late at night or when bored, and little otherwise."""

# Compact phrase lists read best as written; the formatter leaves them be.
# fmt: off
LATE_NIGHT: dict[str, list[str]] = {
    "late_words": [
        "midnight", "middle of the night", "late at night", "late-night", "late night",
        "small hours", "wee hours", r"after (?:11|10|midnight)", r"(?:1[01]|12) ?pm and \d ?am",
        "at night", r"\d ?am (?:texts?|messages?|calls?)", "bedtime", "after the pub",
        "after the bar", "closing time",
    ],
    # Words that make a bare clock time ("2:15") read as night-time.
    "night_context": ["tonight", "night", "midnight", "late"],
    # Their message itself: "u up?", "wyd", "bored".
    "booty_cue": [
        r"(?:u|you|ya|r u|are you|are u) (?:still )?(?:up|awake|around|home|out)", "wyd",
        r"what(?:'s| are| r)? (?:u|you|ya) (?:up to|doing|doin)",
        "bored", "entertain me", "fancy a drink", "come over", "hey stranger",
        r"miss (?:u|you|ya)", "heyy+", r"drunk(?:en)? (?:texts?|dials?|calls?|messages?)",
        "booty call", r"hm+u", "can i come over", "send (?:a )?pic", "you alone",
        r"\'hey(?: you| stranger| u)?[!. x]*\'",
        r"what'?s up\?", "sup\\?", "can't sleep", "thinking of you",
    ],
    # The writer describes the pattern.
    "night_pattern": [
        r"only (?:ever )?(?:hear from|texts?|messages?|calls?|rings?|hits? me up|reaches out|"
        r"contacts?|wants? to talk|gets in touch|dms?|snaps?)[^.]{0,60}(?:night|late|after \d|"
        r"midnight|bored|drunk|drinking|\d ?am|pm|plans fall|fell through|bar|pub|club|party|"
        r"away|when|lonely|out)",
        r"never before \d", "never sober",
        r"the only time \w+ (?:calls|texts|messages|rings|writes)",
        r"never (?:once )?(?:texts?|written|writes|messages?|calls?)[^.]{0,30}"
        r"(?:before|during the day|in the day|daytime|until)",
        "daytime texts? get nothing", "daylight hours", "never during the day",
        "never any other time", "only at night", "only after dark",
        r"(?:plans?|mates|guys|friends|date) (?:bailed|fell through|cancell?ed)",
        r"whenever \w+(?:'s)? (?:mates|friends|plans) (?:cancel|bail)",
        r"when (?:his|her|their) (?:plans|mates|friends|boyfriend|girlfriend|partner)",
        r"only (?:ever )?(?:late|at night)", "after midnight",
        r"always (?:after|past) (?:\d|midnight)", r"always (?:at|around) \d ?am",
        r"every (?:message|text|call|dm|snap)[^.]{0,40}(?:after \d|at night|late|midnight)",
        "when (?:she's|he's|they're) (?:bored|drunk|lonely)",
        "nothing better to do", "back from the (?:pub|bar|club)",
        "on (?:his|her|their) way home from",
    ],
    # The late contact keeps happening.
    "late_repeat": [
        r"every (?:weekend|night|friday|saturday|time)", "always", "again", "each time",
        "as usual", "like clockwork",
    ],
    # Nothing from them in the daytime.
    "day_silence": [
        r"(?:silent|silence|nothing|quiet|ghost|not a word|no reply|text back|ignored|get nothing|"
        r"ignores)[^.]{0,30}(?:all day|during the day|daytime|daylight|in the day|at lunch|"
        r"afternoon|\d ?pm|all week)",
        r"(?:all day|during the day|daytime|daylight|afternoon|at lunch|in the day)[^.]{0,15}"
        r"(?:nothing|silence|silent|not a word|no reply|ghost|quiet|mia)",
        r"(?:after|following) (?:a|two|three|\d+) (?:days?|weeks?|months?) of (?:nothing|silence)",
        "first (?:message|text|contact) in",
    ],
    # Late, but for a reason or inside steady contact.
    "arranged": [
        r"time ?zones?", "time difference", r"jet ?lag", r"night shifts?", "on nights",
        r"shifts?", "rota", r"(?:booked|scheduled|planned|arranged|agreed|set up)[^.]{0,40}"
        r"(?:call|chat|it|them)", "only time (?:both|we)", "lunch break",
        r"we plan(?:ned)? (?:it|them)", "asked me to (?:wait up|text|message|let)",
        "landed", "got home safe", "home safe", "on (?:her|his|their) break", "works nights",
        "(?:his|her|their) (?:morning|evening|lunch)", "ahead of me", "behind me",
        "hours ahead", "hours behind", "abroad", "overseas",
    ],
    "steady": [
        r"(?:text|talk|chat|message)(?:ed)? (?:all day|every day|daily|since breakfast|since "
        r"(?:this )?morning)", "all day (?:anyway|too|as well)", "steady", "during the day too",
        "been texting since", "like every night", "since breakfast", "we talk all day",
        "every morning too", "all day long", "throughout the day",
    ],
}
# fmt: on

NEGATABLE = frozenset({"booty_cue"})
THEIR_WORDS = frozenset({"booty_cue"})
