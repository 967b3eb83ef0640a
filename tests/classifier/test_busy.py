"""busy_excuses ("Busy" as a cover): the rule in patterns/classifier/rules/busy.py, by itself."""

import pytest

from tests.classifier import labels, rule_verdict

SLUG = "busy_excuses"

# (text, facts) that should get the sign, then clean look-alikes.
FINDS = [
    ("Two weeks of nothing from Liam, then 'sorry, swamped!!'. No question back.", {}),
    ("Ella cancelled our dinner: 'crazy week'. She was tagged at a bar that night.", {}),
    ("Mum's been 'too busy' to call for a month. My aunt says she's at bingo daily.", {}),
]
LOOK_ALIKES = [
    ("Kai said his shift moved and asked if Sunday at 4 works. Sunday at 4, there he was.", {}),
    ("Rhi's swamped with the move but still rings every night.", {}),
    ("I was swamped at work so I cancelled the gym.", {}),
]
# Situations the first rules missed on fresh entries: the structure, not the exact words.
FINDS_IN_NEW_WORDS = [
    ("Too busy to ring me all month, apparently. 11:30pm: 'bored, you up?'", {}),
    ("'Work's been brutal' is all Ana ever says now. We used to talk daily.", {}),
    ("Dan's too swamped to help with Mum's move. Just booked a weekend in Lisbon though.", {}),
]
NEW_LOOK_ALIKES = [
    (
        "I was swamped so I cancelled on Ash. We rebooked Thursday at 7 and had a lovely night.",
        {},
    ),
    ("Ned's swamped this month but still rings every lunchtime.", {}),
    ("Nina's been swamped with her thesis but offered Wednesday lunch, and we had it.", {}),
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
        "Hadn't heard from Tayo in a month. Then: 'life got in the way, sorry'. Nothing else.",
        "Jo cancelled our walk, 'loads on at the moment'. No other day.",
        "Sam's been 'super tied up' so hasn't called. His Strava shows a 50k ride on Sunday.",
    ],
)
def test_busy_in_other_words_is_a_busy_excuse(text):
    assert "busy_excuses" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tayo got back to me straight away, no time wasted, and we're meeting Thursday at 6.",
        "Answered a day later with a long message, like no time had passed, full of questions.",
    ],
)
def test_no_time_that_is_not_an_excuse_is_clean(text):
    assert "busy_excuses" not in labels(text)


def test_the_writers_own_rough_day_is_not_their_excuse():
    text = "Told him about my rough day at work, he said 'that sucks, want me to come over?'"
    assert "busy_excuses" not in labels(text + " and brought pizza.")
