"""left_on_read (Left on read): the rule in patterns/classifier/rules/left_on_read.py, by itself."""

import pytest

from patterns.classifier import Facts, classify
from tests.classifier import labels, rule_verdict

SLUG = "left_on_read"

# (text, facts) that should get the sign, then clean look-alikes.
FINDS = [
    ("Seen 11:02. It's 10pm. He's been posting stories all afternoon.", {}),
    ("She left me on read again, third time this week.", {}),
    ("Asked about the rent.", {"reply": "seen_no_reply", "reply_delay_hours": 30}),
    ("Blue ticks since Monday. She's been online in the group chat all day.", {}),
]
LOOK_ALIKES = [
    ("She didn't leave me on read this time, answered in ten minutes.", {}),
    ("He said he'd be offline on a hike; replied next morning with a long message.", {}),
    (
        "Priya answered a day late: 'so sorry, phone died! tell me everything' and we talked.",
        {},
    ),
]
# Situations the first rules missed on fresh entries: the structure, not the exact words.
FINDS_IN_NEW_WORDS = [
    ("Lee has been live on Twitch all afternoon. My message about the bills: untouched.", {}),
    ("My question from this morning just sits there while she posts story after story.", {}),
    ("No reply since Monday, but he's watched every one of my stories.", {}),
    ("Sent Kat the invite at 9am. 6pm now. She's been chatting in the team group all day.", {}),
]
NEW_LOOK_ALIKES = [
    ("I was the one who left Hannah on read for two days. Apologised today.", {}),
    (
        "My question sat for a day: Dad hadn't opened WhatsApp. He rang as soon as he saw it.",
        {},
    ),
    ("She's online, but she said she'd answer after her shift, and she rang at 7.", {}),
]


@pytest.mark.parametrize(("text", "facts"), FINDS + FINDS_IN_NEW_WORDS)
def test_it_finds_the_category(text, facts):
    verdict = rule_verdict(SLUG, text, facts)
    assert verdict.label
    assert verdict.reasons  # a positive label always says why


@pytest.mark.parametrize(("text", "facts"), LOOK_ALIKES + NEW_LOOK_ALIKES)
def test_it_leaves_the_look_alike_clean(text, facts):
    assert not rule_verdict(SLUG, text, facts).label


def test_an_announced_absence_is_not_left_on_read():
    facts = Facts(reply="engaged", reply_delay_hours=48)
    text = "Dad took two days to answer; he'd told me he'd be at the cabin with no signal."
    assert not classify(text, facts)["left_on_read"].label


def test_a_quick_seen_is_not_left_on_read():
    assert labels("Asked about the rent.", reply="seen_no_reply", reply_delay_hours=0.5) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Remember when I used to get left on read all the time? Not any more, Theo answers fast.",
        "Sent Ana a question; she read it and answered at 8pm with a long, warm reply.",
    ],
)
def test_left_on_read_told_as_past_or_answered_properly_is_clean(text):
    assert "left_on_read" not in labels(text)


def test_read_at_noon_and_answered_hours_later_with_one_word_is_left_on_read():
    text = "Wrote him a long message about my grief. Read at noon, answered at 9pm with 'oh'."
    assert labels(text) == {"left_on_read", "one_word_replies"}
