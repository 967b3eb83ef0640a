"""late_night_only: contact late at night or when bored, and little otherwise."""

from __future__ import annotations

import re

from patterns.classifier.hours import LATE_IF_NIGHT_IS_SAID, LATE_ON_ANY_CLOCK, is_late
from patterns.classifier.rules.weigh import Evidence, quoted
from patterns.classifier.types import Entry

# Compact phrase lists read best as written; the formatter leaves them be.
# fmt: off
LATE_NIGHT: dict[str, list[str]] = {
    "late_words": [
        "midnight", "middle of the night", "late at night", "late-night", "late night",
        "small hours", "wee hours", r"after (?:11|10|midnight)", r"(?:1[01]|12) ?pm and \d ?am",
        "at night", r"\d ?am (?:texts?|messages?|calls?)", "bedtime", "after the pub",
        "after the bar", "closing time", r"(?:club|pub|bar)s? (?:shuts?|closes?|shut|closed)",
        "kicking[- ]out time", "last orders",
    ],
    # Words that make a bare clock time ("2:15") read as night-time.
    "night_context": ["tonight", "night", "midnight", "late"],
    # Their message itself: "u up?", "wyd", "bored".
    "booty_cue": [
        r"(?:u|you|ya|r u|are you|are u) (?:still )?(?:up|awake|around|home|out)", "wyd",
        r"(?:what|wat|wot|wht)(?:'s| are| r)? (?:u|you|ya) (?:up to|doing|doin|doin')",
        "bored", "entertain me", "fancy a drink", "come over", "hey stranger",
        r"miss (?:u|you|ya)", "heyy+", r"drunk(?:en)? (?:texts?|dials?|calls?|messages?)",
        "booty call", r"hm+u", "can i come over", "send (?:a )?pic", "you alone",
        r"\'(?:hey|hi|hiya|heya|yo)(?: you| stranger| u| trouble| gorgeous| sexy| beautiful| babe| "
        r"cutie)?[!. x😘😏😉🥺]*\'",
        # narrated: "called me at 1am drunk", "drunk-dialled me", "saying he misses me"
        r"(?:called|rang|texted|messaged|dm'?d|snapped|facetimed|phoned|voice ?noted)(?: me)?[^.!?]{0,25}\bdrunk\b",
        r"drunk[- ]?(?:call|text|dial|messag|snap|facetim)\w*",
        r"(?:saying|said|says|to say|telling me) (?:that )?(?:he|she|they)(?: really| still)? miss(?:es|ed)? me",
        r"what'?s up\?", "sup\\?", r"(?:(?:u|you|are you|r u) free|free)(?: tonight| now| rn)?\?", "can't sleep", r"thinking (?:of|about) (?:u|you|ya)",
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
        # their plans, not the writer's ("our plan fell through" is avoided_plans' to weigh)
        r"(?:mates|guys|friends|(?:his|her|their|other) (?:\w+ )?(?:plans?|date|mates|guys|friends)) "
        r"(?:bailed|fell through|cancell?ed)",
        r"whenever \w+(?:'s)? (?:mates|friends|plans) (?:cancel|bail)",
        r"when (?:his|her|their) (?:plans|mates|friends|boyfriend|girlfriend|partner)(?:'s)? "
        r"(?:fall|fell|bail|cancel|flake|are busy|is busy|are away|is away|go home|leave|let|went home|"
        r"left|bailed|cancell?ed|went to bed|were busy|had plans)",
        r"(?:midnight|late[- ]night|night(?:time)?|\d ?am) (?:\w+ )?only\b",
        r"only (?:ever )?(?:late|at night)", "after midnight",
        r"(?:\d ?(?:am|pm)|night|midnight|late) only", r"only (?:ever )?(?:at|after|past) (?:\d|midnight|night)",
        r"always (?:after|past) (?:\d|midnight)", r"always (?:at|around) \d ?am",
        r"every (?:message|text|call|dm|snap)[^.]{0,40}(?:after \d|at night|late|midnight)",
        "when (?:she's|he's|they're) (?:bored|drunk|lonely)",
        "nothing better to do", "back from the (?:pub|bar|club)",
        r"(?:(?:he|she|they)(?:'s|'re| is| are)|apparently|suddenly) (?:\w+ )?(?:free|available|around|awake|keen) "
        r"(?:at|after|past|around) (?:1[01] ?pm|midnight|[1-4] ?am|1[01]:\d\d ?pm)",
        "on (?:his|her|their) way home from",
    ],
    # The late contact keeps happening.
    "late_repeat": [
        r"every (?:weekend|night|friday|saturday|time)", "always", "again", "each time", r"another\b",
        "as usual", "like clockwork",
    ],
    # Nothing from them in the daytime.
    "day_silence": [
        r"(?:silent|silence|nothing|quiet|ghost|not a word|no reply|text back|ignored|get nothing|"
        r"ignores|never hear|peep|hear nothing|crickets|can't reply|won't reply|doesn't reply|never replies|"
        r"never picks up|doesn't pick up|won't pick up|never answers|"
        r"said a word|(?:haven't|hasn't|hadn't|don't|doesn't|didn't|not|never|rarely|barely) "
        r"(?:heard|hear|had|get|got|gotten|seen|see)(?: (?:a word|a thing|a peep|a text|a message|"
        r"anything|a single \w+))?)[^.]{0,30}(?:all day|during the day|daytime|daylight|in the day|"
        r"at lunch|afternoon|\d ?pm|all week|in daylight|when (?:he's|she's|they're) sober)",
        r"(?:all day|during the day|day ?time|daylight|afternoon|at lunch|in the day)[^.]{0,15}"
        r"(?:nothing|silence|silent|not a word|no reply|ghost|quiet|mia|ignored|unanswered)",
        r"(?:after|following) (?:a|two|three|\d+) (?:days?|weeks?|months?) of (?:nothing|silence)",
        "first (?:message|text|contact) in",
        r"(?:days?|weeks?|months?) of (?:nothing|silence|radio silence|no contact),? (?:then|and "
        r"then|until)",
        "dead air", r"(?:daytime|daylight|during the day)[^.]{0,15}dead",
        r"never hear (?:from (?:him|her|them) )?(?:otherwise|any other time|in the day|during the day)",
        "any other time",
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
        r"(?:set|book|schedul|plann|arrang|lin)\w* (?:them|it|these|those|one|this) (?:up|in)",
        r"(?:my|her|his|their|your) time\b", r"our (?:\w+ )?(?:calls|chats|catch-?ups) (?:are|is|happen)",
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


# "1:47am", "11pm", "1130pm", "23:40"
_CLOCK = re.compile(r"\b(\d{1,2})(?:[:.]?(\d\d))?\s?(am|pm)\b|\b(\d{1,2}):(\d\d)\b")
# "2:30 this morning", "half one last night", "11 at night": a clock time told as night
_SMALL_HOURS = re.compile(
    r"\b(?:at|till|until|around|about|gone) (?:"
    r"(?:(?:12|[1-4])(?:[:.][0-5]\d)?|half (?:twelve|one|two|three))(?: ?o'?clock)? "
    r"(?:this morning|in the morning|that morning|last night|at night)"
    r"|(?:1[01](?:[:.][0-5]\d)?|half (?:ten|eleven))(?: ?o'?clock)? (?:last night|at night)"
    r")\b"
)


def late_clock(e: Entry) -> str | None:
    """A clock time in the text that falls late at night ("1:47am", "tonight at 2:15")."""
    night = e.hit("night_context")
    for m in _CLOCK.finditer(e.low):
        if m.group(3):
            hour = int(m.group(1)) % 12 + (12 if m.group(3) == "pm" else 0)
            if is_late(hour):
                return m.group(0)
        elif m.group(4) and int(m.group(5)) < 60:
            # a 24-hour time: "23:40" is late; "2:15" only when the text says night
            hour = int(m.group(4))
            if hour in LATE_ON_ANY_CLOCK or (night and hour in LATE_IF_NIGHT_IS_SAID):
                return m.group(0)
    small_hours = _SMALL_HOURS.search(e.low)
    return small_hours[0] if small_hours else None


def rule(e: Entry) -> list[Evidence]:
    """Contact late at night or when bored, with silence in the day; not a late
    call arranged for a reason or inside steady daytime contact."""
    f = e.facts
    at = f.occurred_at
    # The hour from the facts, or the entry's own words for it, quoted (the stored reasons
    # keep nothing of the entry's text: journal.signs.without_quotes)
    clock = late_clock(e)
    told = clock or e.hit("late_words")
    late = (
        f"at {at:%H:%M}" if at and is_late(at.hour) else told and f"late at night ({quoted(told)})"
    )
    pattern = e.hit("night_pattern")
    cue = e.hit("booty_cue")
    day_silence = e.hit("day_silence")
    ev = []
    if pattern:
        ev.append(Evidence(1.2, f"contact only at night or when bored ({quoted(pattern)})"))
    if day_silence:
        weight = 1.0 if late or cue else 0.4
        ev.append(Evidence(weight, f"silence during the day ({quoted(day_silence)})"))
    if cue and late:
        # "called me at 1am drunk" already says when
        when = ", late at night" if clock and clock in cue else f" {late}"
        ev.append(Evidence(1.3, f"{quoted(cue)}{when}"))
    elif cue:
        ev.append(Evidence(0.5, quoted(cue)))
    elif late and clock and e.hit("late_repeat"):
        ev.append(Evidence(1.0, f"{late}, again and again"))
    elif late and f.initiated_by == "them":
        ev.append(Evidence(0.3, f"they wrote {late}"))  # a late hour alone is not enough
    if not ev:
        return ev
    if e.hit("arranged"):
        ev.append(Evidence(-1.5))
    if e.hit("steady"):
        ev.append(Evidence(-1.2))
    if f.initiated_by == "me":
        ev.append(Evidence(-0.4))
    if e.hit("writer_slow"):
        ev.append(Evidence(-1.0))  # "I was the one texting at 1am"
    return ev
