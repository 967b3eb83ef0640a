"""hot_and_cold (Hot and cold): the rule in patterns/classifier/rules/hot_cold.py, by itself."""

import pytest

from tests.classifier import labels, rule_verdict

SLUG = "hot_and_cold"

# (text, facts) that should get the sign, then clean look-alikes.
FINDS = [
    ("Friday he said he'd never felt like this. Today: dry texts, no questions.", {}),
    ("She's so hot and cold, I can't keep up.", {}),
    ("Last week he held my hand all evening. This week he walked past me without a word.", {}),
]
LOOK_ALIKES = [
    ("Alex is exactly as keen as on our first date. Steady, kind, consistent.", {}),
    ("Not hot and cold at all: Dan texts every day and plans things.", {}),
    ("Cold and rainy all week; cosy film night with Sue on Saturday.", {}),
]
# Situations the first rules missed on fresh entries: the structure, not the exact words.
FINDS_IN_NEW_WORDS = [
    ("Thursday he was texting me good morning and good night. Since Sunday: one-liners.", {}),
    ("Last week she couldn't wait to introduce me to her friends. Now she sounds bored.", {}),
    ("Yesterday: voice notes and hearts everywhere. Today: k.", {}),
    ("At the party he danced with me all night. Monday he blanked me at work.", {}),
]
NEW_LOOK_ALIKES = [
    ("He used to blow hot and cold, but the last two months have been steady and kind.", {}),
    ("Tess was flirty on Saturday and still flirty today. No whiplash here.", {}),
    ("After a year of mixed signals we talked it out. Calm and consistent for months now.", {}),
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
        "Perfect weekend together in Rome, hand holding everywhere. Back home he's cold and "
        "distant.",
        "On our first date she said she'd never clicked with anyone so fast. Second date she was "
        "on her phone the whole time.",
    ],
)
def test_warm_then_distant_in_one_entry_is_hot_and_cold(text):
    assert "hot_and_cold" in labels(text)


def test_a_steady_person_said_to_blow_hot_and_cold_is_clean():
    text = "People warned me she'd blow hot and cold; she's been nothing but steady."
    assert "hot_and_cold" not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ravi's either messaging me 50 times a day or not at all, no in between.",
        "One date she's holding my hand, the next she's checking her watch.",
        "He talked about me meeting his mum at Easter. Now he walks past me like I'm nobody.",
    ],
)
def test_the_swing_in_other_words_is_hot_and_cold(text):
    assert "hot_and_cold" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mika went from barely knowing me to being one of my closest friends. So grateful.",
        "Long chat, I finally said I'm falling for him. A silence, then he said he felt the same.",
    ],
)
def test_warming_up_or_the_writers_own_warmth_is_not_hot_and_cold(text):
    assert "hot_and_cold" not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Priya blanked me at the gym for a fortnight. Then out of the blue tonight she's texting me good morning gorgeous.",
        "He barely spoke to me all weekend. Suddenly on Monday he's all over me and planning our holiday.",
    ],
)
def test_distant_then_suddenly_warm_is_hot_and_cold(text):
    assert "hot_and_cold" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "He ignored me for a week, then suddenly rang, apologised and said his dad had been in hospital. We talked for hours.",
        "She blanked me all week because of her exams. Then tonight she called and we talked for hours.",
        "I was so bored at work all week, then suddenly Sam texted saying he misses me.",
        "The flat was freezing and cold, so we stayed overnight and he couldn't stop kissing me.",
    ],
)
def test_distance_owned_up_to_or_not_theirs_then_warmth_is_not_hot_and_cold(text):
    assert "hot_and_cold" not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "There are two people in the photo and one of them is me.",
        "We are two people who love hiking, so we did the same cycle route again.",
        "One evening we cooked, the next we went to the cinema.",
        "Either we go to the beach or nothing, she said, laughing.",
        "Make it make sense: the bus was late again lol",
        "He loves me, he said so. He's gone quiet for a day because of his exams.",
        "He said he really likes me. Then replies were short because he was at work.",
    ],
)
def test_ordinary_sentences_that_look_like_a_swing_are_not_hot_and_cold(text):
    assert "hot_and_cold" not in labels(text)
