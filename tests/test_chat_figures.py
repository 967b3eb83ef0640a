"""The figures of a chat (portability.chat.figures), one definition at a time.

Each case is a tiny chat and the figures worked out by hand from shared/CHAT-IMPORT.md.
"""

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portability.chat import figures
from portability.chat.parse import Message, minute_of

START = datetime(2026, 3, 2, 9, 0)  # a Monday


def chat(*steps):
    """Messages from (minutes after the one before, "me" or "them", words)."""
    at, found = START, []
    for after, who, words in steps:
        at += timedelta(minutes=after)
        found.append(Message(minute_of(at), who, "w " * words, words))
    return figures.points(found, "me")


def of(steps, *path):
    value = figures.summarise(chat(*steps))
    for key in path:
        value = value[key]
    return value


CASES = [
    # conversations: a new one at 6 h or more of quiet, whoever wrote
    (
        "one message",
        [(0, "me", 1)],
        ("conversations",),
        {"total": 1, "started_by_me": 1, "started_by_them": 0},
    ),
    (
        "5 h 59 min is the same conversation",
        [(0, "me", 1), (359, "them", 1)],
        ("conversations", "total"),
        1,
    ),
    (
        "6 h exactly starts another",
        [(0, "me", 1), (360, "them", 1)],
        ("conversations",),
        {"total": 2, "started_by_me": 1, "started_by_them": 1},
    ),
    (
        "6 h after my own message starts one of mine",
        [(0, "them", 1), (360, "me", 1), (400, "me", 1)],
        ("conversations",),
        {"total": 3, "started_by_me": 2, "started_by_them": 1},
    ),
    # reply times: a change of sender, however late
    (
        "a reply days later counts",
        [(0, "me", 1), (3 * 1440 + 7, "them", 1)],
        ("reply_minutes", "them"),
        {"median": 4327, "p90": 4327, "count": 1},
    ),
    (
        "no replies: null",
        [(0, "me", 1), (5, "me", 1)],
        ("reply_minutes", "me"),
        {"median": None, "p90": None, "count": 0},
    ),
    (
        "even count: mean of the middle two",
        [(0, "me", 1), (10, "them", 1), (1, "me", 1), (15, "them", 1)],
        ("reply_minutes", "them"),
        {"median": 12.5, "p90": 15, "count": 2},
    ),
    (
        "odd count: the middle",
        [
            (0, "me", 1),
            (30, "them", 1),
            (1, "me", 1),
            (10, "them", 1),
            (1, "me", 1),
            (20, "them", 1),
        ],
        ("reply_minutes", "them", "median"),
        20,
    ),
    (
        "a run's later messages are no replies",
        [(0, "me", 1), (10, "them", 1), (50, "them", 1)],
        ("reply_minutes", "them", "count"),
        1,
    ),
    # p90: sorted, 1-based position ceil(0.9 n): n=10 -> 9th, n=11 -> 10th
    (
        "p90 of ten replies is the 9th",
        [(0, "me", 1)] + [s for m in range(1, 11) for s in ((m, "them", 1), (1, "me", 1))],
        ("reply_minutes", "them"),
        {"median": 5.5, "p90": 9, "count": 10},
    ),
    (
        "p90 of eleven replies is the 10th",
        [(0, "me", 1)] + [s for m in range(1, 12) for s in ((m, "them", 1), (1, "me", 1))],
        ("reply_minutes", "them", "p90"),
        10,
    ),
    # late-night share: hours 22 to 3
    (
        "late hours are 22:00 to 3:59",
        [(13 * 60 - 1, "me", 1), (1, "me", 1), (6 * 60 - 1, "me", 1), (1, "me", 1)],
        ("late_night_share",),
        {"me": 0.5, "them": None},
    ),
    (
        "a third is rounded to 4 decimals",
        [(0, "them", 1), (0, "them", 1), (14 * 60, "them", 1)],
        ("late_night_share", "them"),
        0.3333,
    ),
    # unanswered: more than 24 h before the other side answered; not the last run
    (
        "answered after exactly 24 h",
        [(0, "me", 1), (1440, "them", 1)],
        ("unanswered",),
        {"me": 0, "them": 0},
    ),
    (
        "answered after 24 h and a minute",
        [(0, "me", 1), (5, "me", 1), (1441, "them", 1)],
        ("unanswered",),
        {"me": 1, "them": 0},
    ),
    ("the last run is not counted", [(0, "them", 1), (1, "me", 1)], ("unanswered", "me"), 0),
    (
        "theirs too",
        [(0, "me", 1), (1, "them", 1), (2000, "me", 1)],
        ("unanswered",),
        {"me": 0, "them": 1},
    ),
    # double texts: 6 h or more after the same side's message
    (
        "double text at exactly 6 h",
        [(0, "me", 1), (360, "me", 1)],
        ("double_texts",),
        {"me": 1, "them": 0},
    ),
    ("not at 5 h 59", [(0, "me", 1), (359, "me", 1)], ("double_texts", "me"), 0),
    ("not after their message", [(0, "them", 1), (360, "me", 1)], ("double_texts", "me"), 0),
    # short answers: a run of 20 words or more, then the other side's run of 3 or fewer
    (
        "20 words answered with 3",
        [(0, "me", 20), (1, "them", 3)],
        ("short_answers",),
        {"me": {"count": 0, "of": 0}, "them": {"count": 1, "of": 1}},
    ),
    (
        "19 words is no long turn",
        [(0, "me", 19), (1, "them", 1)],
        ("short_answers", "them"),
        {"count": 0, "of": 0},
    ),
    (
        "words add up over a run",
        [(0, "me", 10), (1, "me", 10), (1, "them", 2), (1, "them", 1)],
        ("short_answers", "them"),
        {"count": 1, "of": 1},
    ),
    (
        "4 words is not short",
        [(0, "me", 25), (1, "them", 2), (1, "them", 2)],
        ("short_answers", "them"),
        {"count": 0, "of": 1},
    ),
    (
        "a placeholder answer has no words",
        [(0, "them", 30), (1, "me", 0)],
        ("short_answers", "me"),
        {"count": 1, "of": 1},
    ),
    (
        "the last run still answers",
        [(0, "me", 1), (1, "them", 22), (1, "me", 1), (1, "them", 21), (1, "me", 9)],
        ("short_answers", "me"),
        {"count": 1, "of": 2},
    ),
    # weeks: Monday to Sunday
    (
        "Sunday night and Monday morning are two weeks",
        [(6 * 1440 + 14 * 60 + 59, "me", 1), (2, "them", 1)],
        ("weeks",),
        [
            {
                "week_start": "2026-03-02",
                "messages_me": 1,
                "messages_them": 0,
                "started_by_me": 1,
                "started_by_them": 0,
            },
            {
                "week_start": "2026-03-09",
                "messages_me": 0,
                "messages_them": 1,
                "started_by_me": 0,
                "started_by_them": 0,
            },
        ],
    ),
    (
        "first and last to the minute",
        [(0, "me", 1), (61, "them", 1)],
        ("last",),
        "2026-03-02T10:01",
    ),
]


@pytest.mark.parametrize(("case", "steps", "path", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_figure_is_as_defined(case, steps, path, expected):
    assert of(steps, *path) == expected


def test_conversations_add_up_to_the_chat():
    steps = [
        (0, "me", 30),
        (3, "them", 1),
        (1500, "me", 2),
        (400, "me", 1),
        (2, "them", 25),
        (1, "me", 1),
    ]
    found = figures.conversations(chat(*steps))
    assert [(c.first, c.last, c.started_by_me) for c in found] == [
        (0, 1, True),
        (2, 2, True),
        (3, 5, True),
    ]
    # my run 2-3 was answered 2 min after its last message: none of mine went unanswered
    assert [c.my_run_unanswered for c in found] == [False, False, False]
    # their run [1] ended conversation 1 and my answer came 1500 min later
    assert (found[0].them.unanswered, found[0].waited) == (1, 1500)
    assert [c.their_first_reply for c in found] == [3, None, 2]
    assert found[0].them.short_count == 1 and found[2].me.short_count == 1


def test_an_empty_chat_has_no_first_or_last():
    summary = figures.summarise([])
    assert (summary["first"], summary["last"], summary["conversations"]["total"]) == (None, None, 0)


# A second reading of the definitions, written plainly and differently (runs by groupby,
# conversations as lists), to compare with the one-pass code on many random chats.
def reference(chat: list[tuple[int, bool, int]]) -> dict:
    from itertools import groupby
    from math import ceil
    from statistics import median as mid

    def p90(values):
        return sorted(values)[ceil(0.9 * len(values) - 1e-9) - 1] if values else None

    sides = {"me": True, "them": False}
    conversations, current = [], []
    for i, message in enumerate(chat):
        if i == 0 or message[0] - chat[i - 1][0] >= 360:
            current = []
            conversations.append(current)
        current.append(message)
    replies = {k: [] for k in sides}
    double = dict.fromkeys(sides, 0)
    for (t0, m0, _), (t1, m1, _) in zip(chat, chat[1:], strict=False):
        side = "me" if m1 else "them"
        if m0 != m1:
            replies[side].append(t1 - t0)
        elif t1 - t0 >= 360:
            double[side] += 1
    runs = [list(group) for _, group in groupby(chat, key=lambda m: m[1])]
    unanswered = dict.fromkeys(sides, 0)
    short = {k: {"count": 0, "of": 0} for k in sides}
    for first, second in zip(runs, runs[1:], strict=False):
        if second[0][0] - first[-1][0] > 1440:
            unanswered["me" if first[0][1] else "them"] += 1
        if sum(m[2] for m in first) >= 20:
            answer = short["me" if second[0][1] else "them"]
            answer["of"] += 1
            answer["count"] += sum(m[2] for m in second) <= 3

    def late(m):
        return (m[0] // 60) % 24 in (22, 23, 0, 1, 2, 3)

    mine = {k: [m for m in chat if m[1] == v] for k, v in sides.items()}
    return {
        "messages": {k: len(v) for k, v in mine.items()},
        "words": {k: sum(m[2] for m in v) for k, v in mine.items()},
        "conversations": {
            "total": len(conversations),
            "started_by_me": sum(c[0][1] for c in conversations),
            "started_by_them": sum(not c[0][1] for c in conversations),
        },
        "reply_minutes": {
            k: {"median": mid(v) if v else None, "p90": p90(v), "count": len(v)}
            for k, v in replies.items()
        },
        "late_night_share": {
            k: round(sum(map(late, v)) / len(v), 4) if v else None for k, v in mine.items()
        },
        "unanswered": unanswered,
        "double_texts": double,
        "short_answers": short,
    }


@given(
    st.lists(
        st.tuples(
            st.sampled_from([0, 1, 5, 359, 360, 361, 1439, 1440, 1441, 3000, 10080]),
            st.booleans(),
            st.integers(0, 30),
        ),
        min_size=1,
        max_size=60,
    )
)
@settings(max_examples=300, deadline=None)
def test_the_one_pass_figures_agree_with_a_plain_reading(steps):
    chat_points = chat(*[(gap, "me" if mine else "them", words) for gap, mine, words in steps])
    got = figures.summarise(chat_points)
    plain = [(p.minute, p.mine, p.words) for p in chat_points]
    expected = reference(plain)
    assert {k: got[k] for k in expected} == expected
    found = figures.conversations(chat_points)
    assert sum(c.me.unanswered for c in found) == got["unanswered"]["me"]
    assert sum(c.me.messages + c.them.messages for c in found) == len(steps)
