"""Facts, parsed from JSON with a clear message for each bad value."""

from datetime import datetime

import pytest

from patterns.classifier import Facts


def test_facts_from_dict_parses_good_values():
    facts = Facts.from_dict(
        {"reply": "seen_no_reply", "reply_delay_hours": 26, "feeling": -2},
        occurred_at="2026-02-06T01:47:00+05:00",
    )
    assert facts.occurred_at == datetime(2026, 2, 6, 1, 47)  # wall-clock time kept
    assert facts.reply_delay_hours == 26.0
    assert Facts.from_dict(None) == Facts()


@pytest.mark.parametrize(
    ("facts", "occurred_at", "message"),
    [
        ({"reply": "maybe"}, None, "reply must be one of"),
        ({"channel": "pigeon"}, None, "channel must be one of"),
        ({"feeling": 5}, None, "feeling must be"),
        ({"feeling": "bad"}, None, "feeling must be"),
        ({"reply_delay_hours": -1}, None, "cannot be negative"),
        ({"reply_delay_hours": "soon"}, None, "reply_delay_hours must be"),
        ({"mood": "sad"}, None, "unknown fact 'mood'"),
        ([], None, "facts must be a JSON object"),
        ({}, "yesterday", "occurred_at"),
        ({}, "2026-01-09", "occurred_at"),
        ({}, 20260109, "occurred_at"),
    ],
)
def test_facts_from_dict_rejects_bad_values(facts, occurred_at, message):
    with pytest.raises(ValueError, match=message):
        Facts.from_dict(facts, occurred_at=occurred_at)
