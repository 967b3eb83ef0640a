"""one_word_replies: a long or personal message answered with a word, emoji or reaction."""

from __future__ import annotations

from patterns.classifier.rules.weigh import Evidence, quoted
from patterns.classifier.types import Entry

# Compact phrase lists read best as written; the formatter leaves them be.
# fmt: off
ONE_WORD: dict[str, list[str]] = {
    # The writer's message was long, or opened up about something.
    "long_message": [
        r"(?:long|longest|lengthy|whole|entire|huge|massive|big|detailed|honest|heartfelt|"
        r"emotional|proper|careful|vulnerable|personal|thoughtful|sincere|raw|deep|loving|"
        r"rambling|gushing|excited)[\w ,'-]{0,20}?(?:message|msg|text|email|"
        r"e-mail|letter|voice ?note|voice ?memo|voice message|paragraph|essay|update|rant|"
        r"explanation|reflection|thread|note|dm|apology|confession)s?",
        r"paragraphs?", "essay", "wall of text", r"full (?:update|rundown|story|account|explanation)", r"(?:proper|real|genuine|serious) question", r"(?:two|three|four|\d+) pages",
        r"poured (?:my|out my) (?:heart|soul)", "poured (?:it all|everything) out",
        "opened up", "spilled my guts", "bared my soul", "confided", "confessed",
        r"told \w+ everything", r"told \w+ (?:all about|in detail|the whole)",
        "the whole (?:thing|story|saga|lot|situation)", "the lot", "whole thing",
        "this (?:long|whole|huge) (?:thing|message|text)", "day-by-day", "in detail",
        r"(?:three|four|five|six|seven|eight|several|multiple|\d+) (?:long )?"
        r"(?:messages|texts|paragraphs|voice notes|emails)",
        "took me (?:an hour|ages|forever|all evening)", "spent ages (?:writing|typing)",
        "actually told (?:her|him|them)", "really personal", "so personal", "heart out",
        "at length", "at great length", "reminiscing", r"how much (?:his|her|their|our) \w+",
        "whole heart", r"typed (?:out )?(?:a|my|this|the) (?:whole|long|entire|huge)",
        r"(?:long|emotional|heartfelt|whole) (?:speech|toast|card)",
        r"spent (?:an hour|ages|all evening|hours) (?:on|writing|typing)", "vented", "ranted",
        "offloaded", r"(?:told|talked to|vented to|messaged) \w+ for ages",
        r"described (?:the whole|everything|it all|in detail)", r"every (?:\w+ )?(?:minute|detail)",
        "making the effort",
        "everything i'd been", "how i really feel", "how much (?:she|he|they|it) mean",
        r"told (?:him|her|them|\w+) how (?:hard|much|bad|scared|sad|lonely|worried|proud|happy)",
        r"voice (?:note|memo|message)[^.]{0,20}(?:minutes?|mins?)\b", r"\d+[- ]minutes? (?:long|voice)",
        r"spent (?:my |the )?(?:whole |entire )?(?:lunch|evening|night|morning|afternoon|hour|"
        r"ages|break|lunch break)[^.]{0,20}(?:typing|writing|recording|drafting)",
        r"typ(?:ed|ing) (?:it )?out", r"rewrote (?:it|this|that)", "handwritten",
        r"shared my (?:poem|song|story|writing|art|work|news|feelings|worries|drawing|music)",
        r"showed (?:him|her|them|\w+) my (?:poem|song|story|writing|art|drawing|painting)",
        r"my (?:poem|song|short story|novel|painting|drawing)",
    ],
    # The writer shared something, whatever its length.
    "shared": [
        "told", "wrote", "messaged", "texted", "sent", "shared", "explained", "opened up",
        "confided", "admitted", "said i", "tried to (?:tell|explain)", "updated",
        r"asked (?:\w+ )?(?:if|whether|what|where|why)",
    ],
    # The answer, named outside quotes ("he liked the message", "a thumbs up").
    "reaction": [
        "hearted", r"(?:sent|got|replied with)(?: back)? (?:a |one )?sticker", r"liked (?:it|that|the (?:last )?(?:one|message|msg|text|photo|email)|my)",
        "loved (?:it|the message|my message)", r"thumbs[ -]?up(?:ped)?", "reacted with",
        r"(?:heart|emoji|like|thumbs-up) reaction", "reacted to (?:it|the|my)",
        "put a (?:heart|like|❤|👍)", "with a (?:heart|like|❤|👍)", "(?:just|only) an emoji",
        "a single emoji", "an emoji back", "left a like", "gave it a like",
        r"(?:sent|got|replied|answered|reacted)(?: back)?(?: with)? (?:a |an |one )?"
        r"(?:single |lone )?"
        r"[\U0001F300-\U0001FAFF\u2600-\u27BF]",
        r"(?:just|only|got|sent|:) (?:a |an |one )?(?:heart|like|thumbs[- ]up|emoji|👍|❤)",
        "👍", "❤", "♥", "😘", "👌", "🫶", "💕", "🙏",
    ],
    "one_word_named": [
        r"one[- ]word (?:answers?|replies|reply|responses?)", "monosyllabic",
        r"(?:replied|answered|responded|texted back|wrote back|said)(?: back)?:? (?:with )?"
        r"(?:a |just |only )?(?:k|ok|okay|cool|nice|lol|haha|kk|sure|fine)[.!]?$",
    ],
    "nothing_more": [
        "that's it", "that's all", "nothing else", "nothing more", "in full", "just that",
        "in its entirety", "in total", "full stop", "end of message",
        "was all (?:she|he|they) said", "all i got", "that was it", "a single", "a lone",
        "not another word", "hasn't said anything since", "and nothing",
        "that was the whole (?:message|reply|answer)", "nothing (?:else )?since",
        r"(?:and |then |and then )(?:nothing|silence|crickets|radio silence)\b(?! (?:but|until|till))",
    ],
    # The short answer went on to engage.
    "engaged_after": [
        "call me", "tell me (?:more|everything|all)", r"then (?:called|rang|came)",
        r"then sent (?:me )?(?:a |an )?(?:list|long|loads|lots|photos|ideas|questions|more|voice)",
        r"then asked (?:me |how|what|about|loads|lots|so)",
        "asked (?:loads|lots|a hundred|so many|good|a million) (?:of )?questions",
        "we (?:talked|spoke|chatted|ended up)", "called me", "rang me",
        "(?:long|proper|lovely|big|real) (?:reply|answer|chat|call|conversation)",
        "sent (?:three|two|a few|loads of) (?:long )?(?:paragraphs|messages)",
        "followed up", "came (?:round|over)", "for an hour", "for ages", "actually asked",
        "wanted to hear", "can't wait to hear", "more later", r"coming (?:over|round)",
        "on my way", "here for you", "i'm here", "proud of you", "love you", r"call (?:you|u)\b",
        r"then (?:a |an )?(?:proper|long|real|lovely|full|big|whole) (?:message|reply|answer|text|voice ?note|call|chat)",
    ],
    # The writer says the short answer was fine.
    "fine_by_me": [
        "fair,", "fair enough", "to be fair", r"it was (?:just|only)", "that's fine",
        "which is fine", "perfectly fine", "all it needed", "deserved", "normal for us",
        "standard", "all i needed", "no complaints", "that's him", "that's just (?:him|her)",
        "not offended", "i understand", "understandable", r"(?:he's|she's|they're) grieving",
        "i get it", "not a big deal",
    ],
    # The message was itself short or practical.
    "practical": [
        "where (?:are|r) (?:you|u)", "on (?:the|my) way", "omw", "leaving now", "home safe",
        "the address", "what time", "running late", "shopping list", "the link",
        "still on for", "picked up", "dropped off", "logistics", "timings", "directions",
        "instructions", "itinerary", "the rota", "invoice", "paperwork", "admin",
    ],
}
# fmt: on

NEGATABLE = frozenset({"reaction", "one_word_named"})
THEIR_WORDS = frozenset()

# A reply that is nothing but these words (or emoji and punctuation) is minimal; so are
# terms of address tailing one ("thx mum", "ok mate").
# fmt: off
MINIMAL_WORDS = frozenset({
    "k", "kk", "ok", "okay", "okk", "okie", "cool", "nice", "lol", "haha", "hah", "ha", "hehe",
    "lmao", "wow", "sure", "fine", "yeah", "yep", "yup", "ya", "ye", "yes", "mm", "hmm", "oof",
    "aw", "aww", "damn", "noted", "great", "good", "congrats", "same", "true", "bet", "sweet",
    "ah", "oh", "ty", "thx", "thanks", "x", "xx", "xo", "cute", "mood", "fair",
    "word", "neat", "lovely", "sick", "omg", "rip", "right", "alright", "kool", "kewl",
    "gotcha", "np", "yikes", "dope", "glad", "rough", "ugh", "shame", "unlucky", "bummer",
    "sad", "mum", "mom", "dad", "mate", "babe", "hun", "love", "dude", "bro", "sis", "man", "girl",
    "darling", "grand", "sound", "cheers", "ta", "righto", "fab", "lush", "ace", "brill", "class",
    "noice", "okey", "oki", "interesting", "fr", "mad", "wild", "valid", "facts", "sheesh",
    "mhm", "bless", "idk", "tragic", "hm",
    # a shrug of sympathy: "damn that sucks", "oof that sucks"
    "sucks", "suck", "sucky", "harsh", "brutal", "welp",
})
MINIMAL_PAIRS = frozenset({
    "oh well", "nice one", "sounds good", "fair enough", "got it", "fair play", "go for it",
    "no worries", "all right", "ha ok", "lol ok", "ok then", "if you say so", "ok cool", "haha ok", "ok lol",
    "haha nice", "all good", "good luck", "well done", "so cute", "oh no", "oh nice",
    "oh wow", "that's nice", "that's cool", "ah ok", "oh ok", "ok good",
})
# Words that pad a minimal reply without adding to it ("glad ur ok x").
FILLER_WORDS = frozenset({
    "u", "ur", "you", "your", "it", "its", "it's", "that", "that's", "so", "too", "this", "is",
    "all", "very", "really", "a", "the", "for", "to", "ya", "yr",
})
# fmt: on


def rule(e: Entry) -> list[Evidence]:
    """A long or personal message of the writer's, answered with a word, an emoji or a
    reaction and nothing more; not when the answer goes on to engage."""
    f = e.facts
    answer = _short_answer(e)
    if not answer:
        return []
    short, at = answer
    ev = []
    long_msg = e.hit("long_message", unless_before="their_subject")
    personal = long_msg or (e.outside_their_quotes("serious") and e.hit("shared"))
    if personal and not e.hit("practical"):
        said = "a long, personal message" if long_msg else "something personal"
        ev.append(Evidence(1.5, f"{said} {short}"))
    elif f.reply == "one_word":
        ev.append(Evidence(0.6 if e.hit("nothing_more") else 0.3, short))
    if not ev:
        return ev
    if f.feeling is not None and f.feeling <= -2:
        ev.append(Evidence(0.1, "it felt bad"))
    if e.after("engaged_after", at):
        ev.append(Evidence(-1.2))  # the short answer went on to engage
    if e.hit("fine_by_me"):
        ev.append(Evidence(-1.0))
    if _told_as_joke(e):
        ev.append(Evidence(-0.6))  # told as a joke: that is joked_off's to weigh
    if f.reply == "engaged":
        ev.append(Evidence(-1.0))
    return ev


def _short_answer(e: Entry) -> tuple[str, int] | None:
    """How they answered, when it was only a word, an emoji or a reaction, and where the
    answer is in the text (-1 if unknown)."""
    if e.minimal_quote is not None:
        said = quoted(e.minimal_quote) if e.minimal_quote else "an emoji"
        return f"answered with {said}", e.minimal_at
    reaction = e.where("reaction")
    if reaction:
        return "answered with a reaction and nothing else", reaction[0]
    if e.hit("one_word_named"):
        return "one-word answers", -1
    if e.facts.reply == "one_word":
        return "a one-word reply", -1
    last_word = e.short_quote_ends or e.hit("nothing_more")  # nothing came after it
    if e.short_quote is not None and last_word and not e.hit("busy_word"):
        return f"answered with {quoted(e.short_quote)} and nothing more", -1
    return None


def _told_as_joke(e: Entry) -> bool:
    """A joke or laugh in the telling, other than the writer's own "lol" closing the entry
    ("he left a 'sure' lol")."""
    found = e.where("deflect", scope="narrative")
    if not found:
        return False
    at, phrase = found
    closing = phrase in _WRITER_LAUGHS and not e.low[at + len(phrase) :].strip(" .!?")
    return not closing or e.after("deflect", at) is not None


_WRITER_LAUGHS = frozenset({"lol", "lmao", "lmfao", "haha", "hahaha", "😂", "🤣", "💀"})
