"""How fast a long chat is read and measured, and how fast its preview page answers.

    uv run python bench/chat_import.py [--messages 100000] [--runs 3] [--preview-mb 5]

1. Writes a WhatsApp (Android, day first) export of MESSAGES messages: a long
   relationship, conversations of a few to sixty messages minutes apart, hours to days
   between them. Each run reads it in a fresh process (parse, conversations, figures:
   what `import_chat --dry-run` does) and reports the time and the peak resident memory
   of that process. Targets: under 3 s and under 200 MB for 100,000 messages.
2. Posts a PREVIEW_MB export to the upload preview page of a throwaway test database
   (in-memory SQLite, or test_<name> on the PostgreSQL server in DATABASE_URL) and
   reports the median answer time. Target: under 1 s for 5 MB.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORDS = [
    "ok",
    "yes",
    "no",
    "haha",
    "lol",
    "sure",
    "what",
    "are",
    "you",
    "doing",
    "tonight",
    "tomorrow",
    "work",
    "was",
    "long",
    "miss",
    "you",
    "call",
    "me",
    "later",
    "maybe",
    "sorry",
    "busy",
    "😂",
    "❤️",
    "coffee",
    "dinner",
    "weekend",
    "text",
    "when",
    "home",
    "love",
    "that",
]

CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
from portability.chat import figures
from portability.chat.parse import read_chat
data = open(sys.argv[1], "rb").read()
started, cpu = time.perf_counter(), time.process_time()
chat = read_chat(data)
points = figures.points(chat.messages, chat.senders[0])
summary = figures.summarise(points, figures.conversations(points))
took, cpu = time.perf_counter() - started, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": took, "cpu": cpu, "peak_mb": peak, "messages": len(chat.messages),
                  "conversations": summary["conversations"]["total"]}))
"""


def export(messages: int | None = None, size: int | None = None, seed: int = 7) -> bytes:
    """A chat of two, as Android writes it, `messages` long or about `size` bytes."""
    rng = random.Random(seed)
    at = datetime(2016, 3, 1, 8, 0)  # ends before today at 100,000 messages
    lines, total, left = [], 0, 0
    who = "Ana"
    while (messages is None or len(lines) < messages) and (size is None or total < size):
        if left == 0:
            left = rng.randint(3, 60)
            at += timedelta(minutes=rng.randint(7 * 60, 36 * 60))
        else:
            at += timedelta(minutes=rng.choice((0, 1, 1, 2, 3, 5, 8, 15, 40)))
        left -= 1
        if rng.random() < 0.45:
            who = "Rafael 🌊" if who == "Ana" else "Ana"
        text = " ".join(rng.choices(WORDS, k=rng.randint(1, 25)))
        if rng.random() < 0.03:
            text += "\n" + " ".join(rng.choices(WORDS, k=rng.randint(1, 10)))
        line = f"{at:%d/%m/%Y, %H:%M} - {who}: {text}"
        lines.append(line)
        total += len(line.encode()) + 1
    return ("\n".join(lines) + "\n").encode()


def parse_runs(path: Path, runs: int) -> list[dict]:
    found = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), str(REPO)],
            capture_output=True,
            check=True,
            text=True,
        )
        found.append(json.loads(result.stdout))
    return found


def preview_times(data: bytes, runs: int) -> tuple[list[float], list[float]]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    os.environ.setdefault("ALMOST_DATA_DIR", tempfile.mkdtemp(prefix="almost-bench-"))
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from accounts.models import User
    from journal.models import Person

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        user = User.objects.create_user("bench", password="a long bench password")  # nosec B106  # throwaway benchmark account
        person = Person.objects.create(user=user, name="Rafael 🌊")
        client = Client()
        client.force_login(user)
        times, cpu = [], []
        for _ in range(runs):
            upload = SimpleUploadedFile("chat.txt", data, content_type="text/plain")
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.post("/import/chat/preview/", {"file": upload, "person": person.pk})
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            assert response.status_code == 200 and b"Which one is you?" in response.content
        return times, cpu
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--preview-mb", type=float, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "chat.txt"
        data = export(messages=args.messages)
        path.write_bytes(data)
        runs = parse_runs(path, args.runs)
    best = min(runs, key=lambda r: r["seconds"])
    # Wall time is what a person waits; CPU time is the same work without the other
    # processes sharing the machine's cores (they stretch wall time on a busy machine).
    print(
        f"parse + summarise, {best['messages']:,} messages ({len(data) / 1e6:.1f} MB, "
        f"{best['conversations']:,} conversations): best {best['seconds']:.2f} s wall, "
        f"{min(r['cpu'] for r in runs):.2f} s CPU, median "
        f"{statistics.median(r['seconds'] for r in runs):.2f} s wall of {args.runs}; "
        f"peak RSS {max(r['peak_mb'] for r in runs):.0f} MB (targets: < 3 s, < 200 MB)"
    )
    preview = export(size=int(args.preview_mb * 1024 * 1024))
    times, cpu = preview_times(preview, max(args.runs, 5))
    print(
        f"preview page, {len(preview) / 1024 / 1024:.1f} MB export: median "
        f"{statistics.median(times):.2f} s wall ({statistics.median(cpu):.2f} s CPU), "
        f"best {min(times):.2f} s of {len(times)} (target: < 1 s)"
    )


if __name__ == "__main__":
    main()
