"""What the learned layer costs: classify's throughput, time per entry, memory.

    uv run python bench/classify.py [--lines 10000] [--rounds 3]

Prints:
- `manage.py classify --jsonl` over N lines as a whole process (start-up included), best
  of the rounds, in entries a second;
- in one process, the median time per entry of the rules alone and of the rules with the
  learned layer (the difference is what logging an entry pays for it);
- the resident memory of a process that has loaded the whole app (URLs, views) and the
  model, as a gunicorn worker has.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"


def lines(count: int) -> list[str]:
    rows = [
        json.loads(line)
        for path in sorted(DATA.glob("**/*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    out = []
    for i in range(count):
        row = dict(rows[i % len(rows)], id=i)
        row.pop("labels", None)
        out.append(json.dumps(row, ensure_ascii=False))
    return out


def whole_process(count: int, rounds: int) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        fh.write("\n".join(lines(count)) + "\n")
    best = float("inf")
    try:
        for _ in range(rounds):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "manage.py", "classify", "--jsonl", fh.name],
                cwd=REPO,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            best = min(best, time.perf_counter() - start)
    finally:
        os.unlink(fh.name)
    return count / best


def per_entry(count: int) -> tuple[float, float]:
    from patterns.classifier import Facts, by_rules, classify, read_entry

    entries = []
    for line in lines(count):
        row = json.loads(line)
        entries.append((row["text"], Facts.from_dict(row.get("facts"), row.get("occurred_at"))))
    classify(*entries[0])  # load the model
    rules, both = [], []
    for text, facts in entries:
        start = time.perf_counter()
        by_rules(read_entry(text, facts), None)
        middle = time.perf_counter()
        classify(text, facts)
        end = time.perf_counter()
        rules.append(middle - start)
        both.append(end - middle)
    return statistics.median(rules) * 1e3, statistics.median(both) * 1e3


def resident_mb() -> float:
    code = (
        "import django, resource; django.setup();"
        "import config.urls;"
        "from django.urls import get_resolver; get_resolver().url_patterns;"
        "from patterns.classifier import classify; classify('she replied k');"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings")
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, check=True, capture_output=True
    )
    return float(out.stdout.decode().split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores)")
    rate = whole_process(args.lines, args.rounds)
    print(f"classify --jsonl, {args.lines} lines, whole process: {rate:,.0f} entries/s")
    rules, both = per_entry(2000)
    print(f"one entry, median: rules {rules:.2f} ms, rules + learned layer {both:.2f} ms")
    print(f"the learned layer adds {both - rules:.2f} ms an entry")
    print(f"resident memory, app and model loaded: {resident_mb():.0f} MB")


if __name__ == "__main__":
    main()
