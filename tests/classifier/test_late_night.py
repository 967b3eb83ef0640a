"""late_night_only (Late-night only): the rule in patterns/classifier/rules/late_night.py, by itself."""

import pytest

from patterns.classifier import Facts, classify
from tests.classifier import at, labels, rule_verdict

SLUG = "late_night_only"

# (text, facts) that should get the sign, then clean look-alikes.
FINDS = [
    ("'u up?' from Cal. First message in a week.", {"occurred_at": at(1, 40)}),
    ("Jake only ever texts me after midnight, never during the day.", {}),
    ("11:50pm: 'bored, wyd'. Not a word from him all day.", {}),
]
LOOK_ALIKES = [
    ("Video call at 11pm because she's in Tokyo for work. We booked it on Monday.", {}),
    ("Chatted with Ari till 1am about the election. We text all day anyway.", {}),
    ("Had dinner with Ben.", {"occurred_at": at(23, 30), "initiated_by": "them"}),
]
# Situations the first rules missed on fresh entries: the structure, not the exact words.
FINDS_IN_NEW_WORDS = [
    ("Two weeks of silence, then 2:40am: thinking about u.", {}),
    ("only ever gets in touch at 1130pm. daytime = dead air", {}),
    ("Ignored my lunchtime text, then at 1am: 'hey you 😘'.", {}),
    # the hour told in words, and "texted me" quoting them, not the writer
    ("texted me 'u up' at 2:30 this morning, nothing since", {}),
    ("Got 'you awake?' from Cal at half one last night. Not a peep all week.", {}),
]
NEW_LOOK_ALIKES = [
    ("Marie is in Vancouver, so our calls are always at 11pm my time.", {}),
    ("Late call with Dad at 1:20 because his flight was delayed; he'd warned me.", {}),
    ("He DMs at 1am sometimes, but we text all day anyway.", {}),
    ("Jo texted me 'are you up for a run?' at 7 this morning. Lovely 5k by the canal.", {}),
]


@pytest.mark.parametrize(("text", "facts"), FINDS + FINDS_IN_NEW_WORDS)
def test_it_finds_the_category(text, facts):
    verdict = rule_verdict(SLUG, text, facts)
    assert verdict.label
    assert verdict.reasons  # a positive label always says why


@pytest.mark.parametrize(("text", "facts"), LOOK_ALIKES + NEW_LOOK_ALIKES)
def test_it_leaves_the_look_alike_clean(text, facts):
    assert not rule_verdict(SLUG, text, facts).label


def test_a_late_hour_alone_is_not_late_night_only():
    quiet = Facts(occurred_at=at(23, 45), initiated_by="them")
    assert not classify("Talked about the match.", quiet)["late_night_only"].label
    assert classify("'u up?'", quiet)["late_night_only"].label


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("Nadia: 'you free?' at 23:40. Can't reply to me in the daytime.", {}),
        ("Call from Leo at 1am once his mates went home. He'd not said a word all day.", {}),
        ("Late-night voice notes only. Day time = nothing.", {}),
    ],
)
def test_late_contact_in_other_words_is_late_night_only(text, facts):
    assert "late_night_only" in labels(text, **facts)
