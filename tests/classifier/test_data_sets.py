"""The rules' scores on the labelled data sets in tests/data, one row per set.

The dev sets were tuned on, and the holdout sets (written blind) have guided fixes since:
every row guards against regressions, none is a measure of generalisation (holdout_e to
g and the learned layer's blind sets are that: tests/test_learned.py).
"""

from pathlib import Path

import pytest

from tests.data.evaluate import evaluate

DATA = Path(__file__).parent.parent / "data"

# (data set, macro-F1 floor, false-alarm ceiling)
SCORES = [
    ("dev_set.jsonl", 0.85, 0.05),
    ("holdout_a.jsonl", 0.90, 0.05),
    ("holdout_b.jsonl", 0.90, 0.05),
    ("holdout_c.jsonl", 0.90, 0.05),
    ("dev_set_2.jsonl", 0.95, 0.03),  # holdout_e measures what this one was tuned for
    ("dev_set_3.jsonl", 0.80, 0.02),  # 0.650 before: joked-off and hot-and-cold wordings
    ("dev_set_4.jsonl", 0.87, 0.02),  # 0.808 before: late hours told in words, new swings
    ("dev_set_5.jsonl", 0.90, 0.02),  # 0.771 before: swings cold-then-warm, emoji answers
]


@pytest.mark.parametrize(("name", "floor", "false_alarms"), SCORES)
def test_the_data_set_stays_good(name, floor, false_alarms):
    report = evaluate(DATA / name)
    assert report.macro_f1 >= floor
    assert report.false_alarm_rate <= false_alarms
