"""left_on_read: seen and not answered, or ignored while visibly active elsewhere."""

from __future__ import annotations

from patterns.classifier.rules.shared import CLOCK, DAY, NUM, PERIOD, THEM
from patterns.classifier.rules.weigh import Evidence, quoted
from patterns.classifier.types import Entry, Facts

# Compact phrase lists read best as written; the formatter leaves them be.
# fmt: off
LEFT_ON_READ: dict[str, list[str]] = {
    "left_on_read_named": [
        r"left (?:me |it |my \w+ |\w+ )?on (?:read|seen|delivered)", "leaves? (?:me )?on read",
        "on '(?:read|seen|delivered)", r"seen-?zoned?", "left me hanging", "read and ignored",
        "read, ignored", r"(?:seen|read|opened) (?:and|but) (?:not|never|un)(?: ?answered| ?replied)",
    ],
    "read_marker": [
        r"read receipts?", r"blue ticks?", r"double (?:blue )?ticks?", "two ticks",
        r"(?:ticked|marked|showing|shows|showed|says|said|still says|sitting on|sitting there "
        r"on|sits on|it's on)(?: as)? \'?(?:read|seen|opened)",
        r"(?:read|seen|opened|viewed)(?: at)? \d{1,2}(?:[:.]\d\d)?\s?(?:am|pm)?",
        r"(?:read|seen|opened|viewed) at (?:noon|midday|midnight|lunch(?:time)?|breakfast|dinner)",
        r"(?:all|both|every one|each one|each) (?:of them )?(?:read|seen|opened)\b",
        rf"{THEM} (?:did|has|had|definitely|clearly) (?:read|see|seen|open|opened)\b",
        rf"(?:read|seen|opened) (?:on |since )?{DAY}",
        r"(?:read|seen) \d+\s?(?:d|h|hr|hrs|days?|hours?)", "seen[,.]", "^read[.,]",
        r"read[,.] (?:nothing|no|never)", r"(?:^|[.!?]\s+)seen\b", r"opened (?:it|my (?:snap|message|text|dm|email)|"
        r"the (?:snap|message))", r"saw (?:it|my (?:message|text|dm|snap)) (?:and|but)",
        rf"{THEM} (?:saw|read|viewed|opened) (?:it|my|the)", "read it", "viewed (?:it|them)",
        r"(?:has|had) read", "showed read", rf"(?:read|seen) {NUM} {PERIOD} ago",
        "(?:watched|viewed|saw) my (?:story|stories|post)", "delivered and read",
        r"reads (?:my|it|them|every)", r": (?:read|seen)\b", r"\'(?:seen|read|delivered)\'",
        r"(?:read|seen|opened) my (?:\w+ )?(?:message|text|request|email|dm|question|snap|"
        r"voice ?note|reply|invite|msg)",
    ],
    # The writer's message still waiting for an answer, in so many words.
    "pending": [
        r"my (?:\w+ ){0,4}?(?:message|question|text|dm|email|voice ?note|snap|invite|msg|reply|"
        r"request)[^.]{0,50}?(?:untouched|unanswered|still waiting|is waiting|waits|just sits|"
        r"sitting there|still sits|still there|sat there|still nothing|no reply|not a word|"
        r"ignored|unread|unopened|hangs there|hanging)",
        r"(?:still|just) (?:sits|sitting|sat) there", "untouched", "unanswered",
        r"(?:hours?|days?) since i (?:asked|texted|messaged|sent|wrote|emailed|called)",
        r"not (?:to )?my (?:\w+ )?(?:message|text|question|dm|email|msg)",
    ],
    # The writer is the one who left a message unread ("I left Hana on read").
    "by_me": [
        r"\bi (?:just |accidentally |totally |must have )?(?:(?:left|leave|keep leaving)\b[^.]*)?$",
        r"\bi(?:'m| am| was) the one (?:who|that) $",
        r"\bused to (?:get |be )?(?:left )?$",  # "when I used to get left on read": over
    ],
    "no_reply": [
        "no (?:reply|answer|response|word)", "nothing", "crickets", "silence", "unanswered",
        r"(?:hasn't|hadn't) (?:replied|answered|responded|said|written)", "haven't heard",
        r"didn't (?:reply|answer|respond|text back|write back)",
        r"never (?:replied|answered|responded|wrote back|texted back|replies|answers|responds)",
        "still (?:waiting|nothing|no)", "not a (?:word|peep)", "went quiet", "no answer yet",
        r"ignor(?:ed|ing|es)", "hasn't said", "radio silence", "not a single", ": none",
        r"too \w+ to reply", r"(?:not|isn't|wasn't) (?:answering|replying|responding)",
        "untouched", r"nothing (?:back|to me)", r"\d{1,2}(?::\d\d)?\s?(?:am|pm) now\b",
        r"(?:it's|its) (?:now )?(?:midnight|\d{1,2}(?::\d\d)?\s?(?:am|pm))[.!]",
    ],
    # An answer days later that skips over the gap.
    "late_reply": [
        rf"(?:{NUM} (?:days?|weeks?) later|after {NUM} (?:days?|weeks?)|{NUM} days of nothing)",
        r"(?:days?|weeks?) after i (?:asked|sent|texted|messaged|wrote|emailed)",
        r"answered (?:after|on|the next)", r"repl(?:y|ied) on \w+day",
        r"\b(?:1[2-9]|[2-9]\d) (?:hours?|hrs?) later",
        "finally (?:replied|answered)",
        r"(?:replies|replied|answers|answered) (?:\w+ )?days later",
        r"(?:answered|replied to) my (?:\w+ )?from (?:last )?(?:\w+day|week)",
        r"then (?:today|finally|eventually)(?:,)? a reply", r"a reply about something else",
    ],
    "no_acknowledgement": [
        r"(?:no|zero|without|not a|never|didn't)\b[^.]{0,25}(?:mention|acknowledg|sorry|apolog|"
        r"explanation|reference)", "like nothing happened", "as if nothing",
        "nothing about (?:what i|my question|the gap|the wait)", "no 'sorry", "acted normal",
        "pretended", r"(?:as if|like|as though) (?:i hadn't|nothing|it was nothing|no time)",
        "not a word about", "something else entirely", "about something else",
        "as if (?:no time|it was normal)", "like it was normal",
    ],
    # They had said they'd be away, or there's a plain reason.
    "away_announced": [
        r"(?:said|told me|warned|mentioned|let me know|(?:he|she|they)'d told me|had told me)"
        r"[^.]{0,40}"
        r"(?:away|offline|off (?:the )?grid|off (?:his|her|their) phone|no signal|no reception|"
        r"camping|hike|hiking|retreat|travelling|flight|surger(?:y|ies)|hospital|wedding|"
        r"back-to-back|festival|cabin|holiday|on shift|in meetings)",
        "no signal", "no reception", r"phone (?:died|was dead|broke|was broken|was off)",
        r"out[- ]of[- ]office", "on leave", "back-to-back", "off (?:his|her|their) phone",
        r"(?:his|her|their|had|having|from|for|in) surger(?:y|ies)", "dead battery", "battery died", "lost (?:his|her|their) phone",
        "no wifi", "on a plane", "in the air", "bad signal",
        r"phone (?:was )?in the (?:sea|water|toilet|bath|river)",
        r"(?:broke|smashed) (?:his|her|their) phone",
        r"phone (?:broke|was broken|was smashed|got stolen|was stolen)",
    ],
    "apology": [r"sorry", r"apologi[sz]ed", "apologies", "my bad", "only just seen"],
    "engaged_reply": [
        r"long (?:reply|answer)", r"(?:replied|answered|back) with a long",
        r"(?:long|proper|warm|lovely|thoughtful|kind|sweet),? (?:\w+ )?(?:reply|answer)",
        r"(?:replied|answered|wrote back)[^.]{0,20} with a (?:long|proper|lovely|warm|kind|thoughtful)",
        r"proper (?:answer|reply)",
        r"sent (?:me )?(?:back )?a long",
        r"sent (?:me )?(?:back )?(?:three|two|a few|loads of) (?:long )?(?:messages|paragraphs)",
        r"(?:he|she|they|(?:replied|answered|wrote back|texted back|rang back|called back) and) asked "
        r"(?:about|how|me|all about|loads|lots|after)", "questions",
        "tell me everything",
        "called me", "rang me", "called as soon", r"we (?:talked|spoke)",
        r"(?:he|she|they) (?:rang|called|facetimed)",
        r"sent (?:loads|lots) of", r"(?:he|she|they) (?:was |were )?asking (?:how|about|after)",
    ],
    "quick_reply": [
        r"(?:replied|answered|responded|wrote back|texted back)[^.]{0,20}(?:within|in "
        r"(?:a few|ten|five|two|\d+) min|straight away|right away|immediately|minutes later)",
        "answered within", rf"replied at {CLOCK}", r"replied at \d{1,2}[:.]\d\d",
        "straight back",
        r"(?:rang|called|replied|answered|texted|wrote)(?: me)?(?: back)? as soon as",
    ],
}
# fmt: on

NEGATABLE = frozenset({"left_on_read_named", "read_marker"})
THEIR_WORDS = frozenset()


def rule(e: Entry) -> list[Evidence]:
    """Read and unanswered, ignored while visibly active elsewhere, or answered days
    later as if nothing happened; not when they had said they would be away."""
    f = e.facts
    ev = []
    named = e.hit("left_on_read_named", unless_before="by_me")
    read = e.hit("read_marker")
    active = e.hit("active_elsewhere")
    if named:
        ev.append(Evidence(1.3, quoted(named)))
    elif read:
        # not "shows as read (“shows as read”)"
        told = read.startswith(("shows", "showed", "showing"))
        ev.append(Evidence(0.6, "shows as read" if told else f"shows as read ({quoted(read)})"))
        if e.any_of("no_reply", "time_passed", "late_reply"):
            ev.append(Evidence(0.7, "with no answer for a long time"))
    if active and (read or named):
        ev.append(Evidence(0.6, f"while visibly active elsewhere ({quoted(active)})"))
    elif active and e.any_of("pending", "no_reply", "late_reply"):
        ev.append(Evidence(1.0, f"ignored while visibly active elsewhere ({quoted(active)})"))
        if e.hit("time_passed"):
            ev.append(Evidence(0.2, "for a long time"))
    # A curt late answer skips over the gap too, unless it is an excuse for it ("swamped").
    curt = e.minimal_quote is not None or (e.short_quote and e.hit("nothing_more"))
    curt = curt and not e.hit("busy_word")
    if e.hit("late_reply") and (e.hit("no_acknowledgement") or curt):
        ev.append(Evidence(1.2, "a reply days later with no word about the gap"))
    ev += _reply_fact_evidence(f)
    if not ev:
        return ev
    if e.hit("away_announced"):
        ev.append(Evidence(-1.2))
    if e.hit("engaged_reply") and not e.hit("no_acknowledgement"):
        ev.append(Evidence(-1.0 if e.hit("apology") else -0.6))
    if e.hit("quick_reply"):
        ev.append(Evidence(-1.0))
    if e.hit("resolved") or e.hit("writer_slow"):
        ev.append(Evidence(-1.0))
    if f.reply == "engaged" and not e.hit("no_acknowledgement"):
        ev.append(Evidence(-0.5))
    return ev


def _reply_fact_evidence(f: Facts) -> list[Evidence]:
    delay = f.reply_delay_hours
    if f.reply == "seen_no_reply":
        if delay is not None and delay >= 6:
            return [Evidence(1.2, f"seen, no reply for {delay:g} h")]
        # their own message, waiting, or it hurt: the fact says it all
        mine = delay is None and (f.initiated_by == "me" or f.hurt)
        return [Evidence(1.0 if mine else 0.9, "seen, no reply")]
    if f.reply == "none_yet" and delay is not None and delay >= 24:
        return [Evidence(0.3, f"no reply for {delay:g} h")]
    if f.reply in ("one_word", "short") and delay is not None and delay >= 6:
        return [Evidence(0.3, f"a short answer after {delay:g} h")]
    return []
