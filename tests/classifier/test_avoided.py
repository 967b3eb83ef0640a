"""avoided_plans (Avoided plans): the rule in patterns/classifier/rules/avoided.py, by itself."""

import pytest

from patterns.classifier import classify
from tests.classifier import labels, rule_verdict

SLUG = "avoided_plans"

# (text, facts) that should get the sign, then clean look-alikes.
FINDS = [
    ("Asked Rui to the lake on Saturday. 'Let's play it by ear!' Never heard back.", {}),
    ("Our lunch got pushed again, the third time. Now it's 'maybe sometime in May'.", {}),
    ("Invited Zoe to my gig. 'I'll let you know!' The gig was last night.", {}),
    ("Floated a weekend away.", {"plan_outcome": "vague"}),
]
LOOK_ALIKES = [
    ("Dev moved our coffee to Friday at 3 because of a dentist visit. Friday was lovely.", {}),
    ("Asked Mo to the cinema. 'Yes! Thursday?' We went Thursday.", {}),
    ("We rescheduled once and met on the 9th as planned.", {"plan_outcome": "kept"}),
]
# Situations the first rules missed on fresh entries: the structure, not the exact words.
FINDS_IN_NEW_WORDS = [
    ("Suggested a walk on Sunday. She went straight on about her boss instead.", {}),
    ("'I'll let you know!' about the party. Haven't heard a thing since.", {}),
    ("Priya never once has named a day for the dinner she keeps promising.", {}),
    ("Nadia never confirmed Saturday. I was dressed and waiting at 8.", {}),
]
NEW_LOOK_ALIKES = [
    ("Suggested dinner Friday. 'Yes! 7?' We went, it was lovely.", {}),
    ("'We'll see' about the trip until he checked his leave. Then he said yes. Booked.", {}),
    ("I'm the one who keeps cancelling on Hamid. He's been patient.", {}),
]


@pytest.mark.parametrize(("text", "facts"), FINDS + FINDS_IN_NEW_WORDS)
def test_it_finds_the_category(text, facts):
    verdict = rule_verdict(SLUG, text, facts)
    assert verdict.label
    assert verdict.reasons  # a positive label always says why


@pytest.mark.parametrize(("text", "facts"), LOOK_ALIKES + NEW_LOOK_ALIKES)
def test_it_leaves_the_look_alike_clean(text, facts):
    assert not rule_verdict(SLUG, text, facts).label


def test_a_kept_reschedule_is_not_avoidance():
    text = "He was late but apologised and we rebooked for Sunday, which happened."
    assert labels(text) == set()


def test_reasons_quote_what_was_found():
    verdict = classify("Asked about Saturday. 'let's play it by ear'. Nothing since.")
    assert any("play it by ear" in reason for reason in verdict["avoided_plans"].reasons)


def test_a_vague_push_to_next_week_for_a_mental_week_is_busy_and_avoided():
    text = (
        "asked jay if we could get food thursday, he said defo!! then wed night he goes "
        "'ah this week is mental can we do next week instead'"
    )
    assert labels(text, plan_outcome="rescheduled") == {"busy_excuses", "avoided_plans"}
    assert labels("Can we do next week instead? Tuesday at 7 works. We went, lovely.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Every time I mention meeting her friends she changes the subject.",
        "Asked when we can meet. It's always after this sprint.",
        "Suggested the lake on Saturday. 'After my deadline, promise' and that was a month ago.",
    ],
)
def test_a_plan_deferred_to_after_work_or_dodged_by_topic_is_avoided(text):
    assert "avoided_plans" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "I mentioned my sister is visiting; he asked about her job. Nice chat.",
        "After this sprint she's free, so we booked Saturday the 14th at 7 and went.",
        "I mentioned the concert and she bought two tickets for Friday on the spot.",
    ],
)
def test_a_mention_or_a_kept_plan_after_work_is_not_avoided(text):
    assert "avoided_plans" not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Asked Femi about the beach day. 'Depends how work goes' and I never heard more.",
        "Every time I bring up the cinema Kit says 'inshallah'. Months of this.",
        "We were meant to FaceTime Friday. Then it was Saturday. Then 'let's not force it'.",
        "Priya has 'tentatively' said yes to brunch three times and dropped each one on the day.",
        "Rosa said she'd ring 'sometime this week'. She didn't.",
    ],
)
def test_a_plan_left_to_depends_inshallah_or_tentatively_is_avoided(text):
    assert "avoided_plans" in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Femi said it depends how work goes, then texted an hour later: Saturday at 2. We went.",
        "We FaceTimed on Friday like we said, two hours, lovely.",
        "Rosa rang on Sunday as she'd promised.",
    ],
)
def test_a_plan_that_was_pinned_down_is_not_avoided(text):
    assert "avoided_plans" not in labels(text)
