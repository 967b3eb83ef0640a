"""Direct tests of the pure classifier (no Django, no database): one module per rule, one
for the text engine, one for the scores on the data sets.

What the rules find is tested without the learned layer over them, which has its own
tests (tests/test_learned.py), with its scores on sets it never saw.
"""

from datetime import datetime

from patterns.classifier import Facts, Verdict, by_rules, read_entry


def labels(text: str, **facts) -> set[str]:
    """The signs the rules give the entry."""
    entry = read_entry(text, Facts(**facts))
    return {slug for slug, v in by_rules(entry, None).items() if v.label}


def rule_verdict(slug: str, text: str, facts: dict) -> Verdict:
    """The rules' verdict on one sign (every rule runs: hot and cold reads the others)."""
    return by_rules(read_entry(text, Facts(**facts)), None)[slug]


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 14, hour, minute)
