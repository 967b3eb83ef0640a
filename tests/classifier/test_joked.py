"""joked_off (Joked off): the rule in patterns/classifier/rules/joked.py, by itself."""

import pytest

from tests.classifier import labels, rule_verdict

SLUG = "joked_off"

# (text, facts) that should get the sign, then clean look-alikes.
FINDS = [
    ("Told Sam I've been having panic attacks. 'lol relax' and a meme.", {}),
    ("Asked him where this is going. He laughed and changed the subject to football.", {}),
    ("I said I'm worried about her drinking. She said 'ok mum 😂' and moved on.", {}),
]
LOOK_ALIKES = [
    ("Jonah and I traded terrible puns about his sourdough all night. Cried laughing.", {}),
    ("Told Jo about my anxiety; she didn't joke or brush it off, she just listened.", {}),
    ("Made a joke about my haircut and Nia joined in. Silly and light.", {}),
]
# Situations the first rules missed on fresh entries: the structure, not the exact words.
FINDS_IN_NEW_WORDS = [
    ("Asked if we're exclusive. She said 'exclusive like a club?' and put the telly on.", {}),
    ("I said I'm angry about the wedding. 'Angry? You? Never.' Then on to which pub.", {}),
    ("Told him I love him. He said 'bold move' and asked what's for dinner.", {}),
    ("Asked where this is going. He said 'to the shops, want anything?'", {}),
]
NEW_LOOK_ALIKES = [
    ("She made a little joke to break the tension, then asked loads of questions.", {}),
    ("He asked where we're going and I made a joke about it. My bad.", {}),
    ("Told her about my anxiety. She said 'that sounds hard, do you want to talk?'", {}),
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
        "Told Dev I think I'm not coping at work. He said 'at least you have a job' and grinned.",
        "Asked Lina if we could make it official. 'Official what, a club?' then she changed the "
        "subject.",
        "Asked him if he's seeing other people. 'Only in my dreams' and a gif.",
        "Said I felt last on her list. She carried on about her new flat.",
    ],
)
def test_a_serious_topic_met_without_a_laugh_is_joked_off(text):
    assert "joked_off" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Told Dev I'm not coping at work. He listened, then asked what I needed from him.",
        "Asked Lina if we could make it official. She said yes, she'd been hoping I'd ask.",
    ],
)
def test_a_serious_topic_taken_seriously_is_not_joked_off(text):
    assert "joked_off" not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Asked him what are we. He said 'hahah idk'.",
        "Finally got the courage to tell Sam I like her. She said 'stop it 🤡'.",
        "Asked her why she keeps cancelling. 'Because I'm a terrible person obviously 😅'.",
        "Asked if he's still on the apps. He said 'only Candy Crush, officer'. Didn't answer.",
    ],
)
def test_a_laugh_however_typed_or_a_non_answer_after_a_hard_question_is_joked_off(text):
    assert "joked_off" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Asked Olu where he sees us going. He laughed, then said 'honestly? I want us to be "
        "exclusive.'",
        "Raised the rent split; he cracked one joke, then we sat down and sorted it.",
    ],
)
def test_a_laugh_followed_by_a_real_answer_is_not_joked_off(text):
    assert "joked_off" not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "We went dancing for the first time and laughed all night haha",
        "Visa got approved! We laughed and hugged lol",
        "He had his tests back, all clear! We celebrated haha",
        "She had a tense day at work so we got takeaway and she cracked jokes lol",
        "Went to my GP appointment, he came with me and made jokes to keep me calm lol",
        "Asked her what are we doing tonight. 'haha surprise'",
        "Admitted I ate his chocolate. 'haha you monster'",
        "Straight up asked him if he wanted pizza. 'lol obviously'",
        "She told me about her ex, then we watched a film and laughed lol",
        "Had a rough week; he sent me a silly meme and I laughed for ages.",
    ],
)
def test_ordinary_laughter_around_a_weighty_word_is_not_joked_off(text):
    assert "joked_off" not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "told her I was sad about my grandma and she replied 'lol don't be so dramatic'",
        "Said I'm really down since the job thing. He sent 'haha chin up' and a gif.",
    ],
)
def test_sadness_met_with_a_laugh_is_joked_off(text):
    assert "joked_off" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "We were sad the cafe closed, she joked about it lol",
        "I was down to meet at 8 and she said 'haha perfect, see you there'.",
    ],
)
def test_sadness_shared_or_down_for_a_plan_is_not_joked_off(text):
    assert "joked_off" not in labels(text)
