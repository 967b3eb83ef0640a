"""busy_excuses: vague busyness covering silence, flaking or a cancelled plan."""

from patterns.evidence.shared import MONTH, NUM, PERIOD

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
        r"(?:been|is|are|was|s|has been|so|just) '(?:crazy|mad|insane|nuts|mental|manic|chaos|"
        r"a lot|full on)", r"buried (?:in|under) work", "drowning in work",
        "up to (?:my|her|his) (?:eyes|eyeballs|neck)", "stretched thin", "work stuff",
        "a lot right now", "life's been", "no time", "under the pump", "overloaded", "run ragged",
        "overwhelmed with work", "in the weeds", "long day", "so tired", "knackered",
        "exhausted", "shattered", "wiped out", "work is killing me", r"\'(?:so )?tired\'",
    ],
    # The busy word describes the writer, not them.
    "busy_me": [
        r"(?:i'm|i am|i was|i've been|i'd been|i have been|we were|we're|my (?:week|day|month)|"
        r"the (?:chat|group chat|place|shop|road|pub|bar|restaurant) was)[^.,;!?]{0,12}$",
    ],
    "silence": [
        "silence", "silent", "nothing (?:for|else|back|since)", "no (?:reply|answer|response|word)",
        "haven't heard", "hadn't heard", "not heard", rf"{NUM} {PERIOD} of (?:nothing|silence)",
        "went quiet", "gone quiet", "voicemail", "can't call",
        r"too '?\w+'? to (?:call|phone|text)",
        rf"{NUM} {PERIOD} (?:later|of|now|ago)", rf"after {NUM} {PERIOD}",
        "then nothing", "nothing for the rest", r"reply on \w+day", "talk soon", "talk later",
        rf"for {NUM} (?:days?|weeks?)", "missed call", "not picking up", "doesn't pick up",
        "ignored", "no call", "hasn't called", "hasn't texted", "disappeared",
        rf"waiting {NUM} {PERIOD}", "been waiting", rf"{NUM} {PERIOD} (?:for|without|after)",
        "never did", "didn't call", "never called", "zero messages", "no messages",
        r"barely (?:talks|texts|speaks|replies|calls)", rf"since {MONTH}",
        r"only thing (?:\w+ )?(?:has )?said",
        r"(?:not|haven't|hasn't|n't) (?:\w+ )?(?:spoken|talked|seen each other|heard from)",
    ],
    # The same excuse, again and again.
    "repeated": [
        "keeps? saying", "every time", "whenever", "always", "again", "in a row",
        r"every (?:message|text|call)", "only ever", "always says",
        r"(?:second|third|fourth|fifth) time", rf"{NUM} weeks? now", "as usual", "same excuse",
    ],
    "no_alternative": [
        "no (?:new |other )?(?:day|date|time|night|plan|plans|alternative|details|question)",
        "no other (?:night|day|time) offered", "didn't offer", "no offer",
        r"never (?:asks|asked|offers|offered|suggests) (?:anything|another|a|me)",
        "nothing else", "that's (?:it|all)", "another time", "some other time",
        "(?:will|i'll) let (?:u|you) know", "you know how it is", "no 'how are you",
        "no question about me", "didn't suggest", "no mention of (?:another|a new|when)",
        "never asks", "no questions", "that was the whole (?:message|reply|answer)",
        "no new plan", "no plan",
    ],
    # Busy, but still there: calls back, told ahead, keeps in touch.
    "follow_through": [
        r"but (?:she|he|they) still", "still (?:rings|calls|texts|checks in|made time)",
        "rang me back", "called (?:me )?back", "told me in advance", "told me ahead",
        "warned me", "as planned", "proper catch-up", "made time", "checked in",
    ],
}
# fmt: on

NEGATABLE = frozenset({"busy_word"})
THEIR_WORDS = frozenset({"busy_word"})
