"""The text engine (patterns/classifier/text.py) as the rules see it: speech, negation,
shorthand, and reasons quoted the same on every run."""

import pytest

from patterns.classifier import Facts, classify
from tests.classifier import labels


def test_a_bare_answer_after_a_colon_is_their_answer():
    assert "one_word_replies" in labels("Wrote Sam a long message about the funeral. Sam: k.")
    assert labels("Wrote the shopping list. Note: milk.") == set()


def test_the_writers_own_short_reply_is_not_theirs():
    text = "Jo wrote me three paragraphs about her week and I replied 'cool'."
    assert "one_word_replies" not in labels(text)


def test_reasons_are_the_same_on_every_run():
    text = "Seen at 9:41. He's typing in the group chat, not a word to me."
    first = classify(text)["left_on_read"].reasons
    assert first and all(classify(text)["left_on_read"].reasons == first for _ in range(3))


def test_negation_cancels_the_phrase():
    assert "left_on_read" in labels("He left me on read for two days.")
    assert "left_on_read" not in labels("He didn't leave me on read this time.")


def test_a_reason_quotes_whole_words_and_not_the_writers_own_negated_words():
    found = classify(
        "Jordan liked my story at 2am but still hasn't answered what I asked on Tuesday.",
        Facts(),
    )
    assert "“liked my story”" in " ".join(found["left_on_read"].reasons)
    plan = classify("Plan fell through: 'something came up'. Didn't suggest another day.", Facts())
    assert "another day" not in " ".join(plan["avoided_plans"].reasons)


@pytest.mark.parametrize(
    ("short", "spelled_out"),
    [
        (
            "he said 'haha you're cute' when i asked what we r",
            "he said 'haha you're cute' when I asked what we are",
        ),
        ("asked him abt sat, he said 'maybe' 🙃", "asked him about sat, he said 'maybe' 🙃"),
    ],
)
def test_texting_shorthand_gets_the_signs_of_the_words_spelled_out(short, spelled_out):
    assert labels(short) == labels(spelled_out) != set()
