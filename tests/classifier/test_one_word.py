"""one_word_replies (One-word replies): the rule in patterns/classifier/rules/one_word.py, by itself."""

import pytest

from tests.classifier import labels, rule_verdict

SLUG = "one_word_replies"

# (text, facts) that should get the sign, then clean look-alikes.
FINDS = [
    ("Wrote Ana a long message about my dad's diagnosis and how frightened I am. 'ok'", {}),
    ("Poured my heart out to Joe about the divorce. He put a thumbs up on it.", {}),
    (
        "Sent Kim three paragraphs about why I'm thinking of leaving my job. She said 'nice'.",
        {},
    ),
    ("Long update about my week and the anxiety stuff.", {"reply": "one_word"}),
]
LOOK_ALIKES = [
    ("Asked Tom where he was. 'omw'", {"reply": "one_word"}),
    ("Sent Jo the address. '👍'", {}),
    ("Long message to Ade about my week. He wrote 'ok! call me tonight?' and we talked.", {}),
]
# Situations the first rules missed on fresh entries: the structure, not the exact words.
FINDS_IN_NEW_WORDS = [
    ("Typed out to Rob how scared I am about the redundancy talks. His answer: ok.", {}),
    ("Long email to my aunt about Dad's last weeks in the hospice. She replied: Thanks.", {}),
    ("Spent all evening writing to Mo about the miscarriage. He sent a 👍🏽.", {}),
    ("Three pages to my brother about why I'm leaving the church. His reply: 'fair play'.", {}),
]
NEW_LOOK_ALIKES = [
    ("She sent me a long message about her breakup and I just said 'ok'. I feel bad.", {}),
    ("Long message to Jo about the move. She wrote 'I'm coming over' and did.", {}),
    ("Kim poured her heart out to me and I only managed 'that's rough'.", {}),
]


@pytest.mark.parametrize(("text", "facts"), FINDS + FINDS_IN_NEW_WORDS)
def test_it_finds_the_category(text, facts):
    verdict = rule_verdict(SLUG, text, facts)
    assert verdict.label
    assert verdict.reasons  # a positive label always says why


@pytest.mark.parametrize(("text", "facts"), LOOK_ALIKES + NEW_LOOK_ALIKES)
def test_it_leaves_the_look_alike_clean(text, facts):
    assert not rule_verdict(SLUG, text, facts).label


@pytest.mark.parametrize(
    "text",
    [
        "Wrote Kai a long message about my mum's operation. He replied 'interesting'.",
        "Long heartfelt text to Ola about the miscarriage. She sent 'mhm'. That's all.",
        "Poured my heart out to Jen about the move. She left a 'sure' lol",
    ],
)
def test_a_minimal_answer_in_other_words_is_a_one_word_reply(text):
    assert "one_word_replies" in labels(text)


def test_a_reaction_that_goes_on_to_a_proper_message_is_not_a_one_word_reply():
    text = "Told Ada about my results; she sent a heart and then a long message about them."
    assert "one_word_replies" not in labels(text)
