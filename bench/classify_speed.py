"""How many lines a second ``manage.py classify`` gets through, start-up included.

    uv run python bench/classify_speed.py [--lines 10000] [--runs 3]

Writes LINES varied entries (short and long, with and without facts, clean and not) to a
temporary JSON Lines file, runs ``manage.py classify --jsonl FILE`` on it as a whole
process RUNS times, checks every line was answered, and prints the best lines/s.
The target is 2,000 lines/s or more on a 2-core machine.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

NAMES = ["Sam", "Priya", "Jonah", "Aoife", "Marco", "Dee", "Kofi", "Lena", "Theo", "Rosa"]
OPENERS = [
    "Wrote {n} a long message about my week and the anxiety stuff.",
    "Asked {n} if we're still on for Friday.",
    "Told {n} I've been feeling low since the move.",
    "Suggested dinner with {n} next week.",
    "{n} and I spent the evening trading memes about the office printer.",
    "Sent {n} the photos from the wedding.",
    "Brought up with {n} where this is going, since it's been four months.",
    "{n} called after her shift and we talked for an hour.",
    "My question to {n} about the rent still says Read.",
    "Had a lovely walk with {n} by the canal.",
]
REPLIES = [
    "'cool'.",
    "'ugh crazy week, rain check?' No new day offered.",
    "'lol relax' and then a meme about his cat.",
    "Nothing. She's been posting stories all evening.",
    "'u up?' at 1:30am. Silent all day before that.",
    "'let's play it by ear!' Never heard another word.",
    "She asked loads of questions and we booked Sunday at 4, which happened.",
    "'yep, see you at 7!'",
    "Last week he said he'd never felt like this; today dry one-liners.",
    "A thumbs up, that's it.",
    "He replied the next morning with a long message, he'd said he'd be offline on a hike.",
    "She told me kindly she isn't feeling a connection. Clear, and I'm grateful.",
]
FILLER = [
    "",
    " I keep replaying it.",
    " Honestly I don't know what to think any more, and I've been going round in circles "
    "about it all afternoon, which is probably why I'm writing this down at all.",
    " Not a big deal.",
]
FACTS = [
    None,
    {"channel": "text", "initiated_by": "me", "reply": "one_word", "feeling": -2},
    {"reply": "seen_no_reply", "reply_delay_hours": 20},
    {"channel": "dating_app", "initiated_by": "them", "plan_outcome": "vague"},
    {"channel": "in_person", "plan_outcome": "kept", "feeling": 2},
]


def entries(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        name = rng.choice(NAMES)
        text = rng.choice(OPENERS).format(n=name) + " " + rng.choice(REPLIES)
        text += rng.choice(FILLER)
        row: dict = {"id": f"b{i}", "text": text}
        if rng.random() < 0.5:
            day = f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
            row["occurred_at"] = f"{day}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
        facts = rng.choice(FACTS)
        if facts:
            row["facts"] = facts
        rows.append(row)
    return rows


def run_once(path: Path, expected: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one whole ``manage.py classify`` process."""
    scratch = tempfile.mkdtemp(prefix="almost-bench-")
    env = {**os.environ, "ALMOST_DATA_DIR": scratch, "ALMOST_KEY_DIR": scratch}
    cpu_before = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "manage.py", "classify", "--jsonl", str(path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before
    answered = done.stdout.count(b"\n")
    if done.returncode != 0 or answered != expected:
        sys.exit(f"classify failed (exit {done.returncode}, {answered} lines):\n{done.stderr}")
    return elapsed, cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "entries.jsonl"
        rows = entries(args.lines)
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        runs = [run_once(path, args.lines) for _ in range(args.runs)]
    wall = min(r[0] for r in runs)
    cpu = min(r[1] for r in runs)
    print(
        f"{args.lines} lines in {wall:.2f} s (best of {args.runs}): "
        f"{args.lines / wall:,.0f} lines/s"
    )
    # On a busy machine the wall clock includes waiting for a core; CPU time does not.
    print(f"CPU time {cpu:.2f} s: {args.lines / cpu:,.0f} lines per CPU-second")


if __name__ == "__main__":
    main()
