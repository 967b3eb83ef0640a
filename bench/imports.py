"""What big imports cost the rest of the server: the write lock and the memory they take.

    uv run python bench/imports.py [--rows 30000] [--megabytes 20]

Works on a throwaway SQLite file in a temporary folder, through the import pages as a
browser would use them (the test client), and prints:

- Daylio: a CSV of --rows rows, previewed and confirmed. While the confirm runs, a
  second connection asks for SQLite's write lock every 20 ms, as another person's post
  would; the longest it waited is how long the import held the lock. The app's own
  busy timeout is 5 s: past it, that other post gets a 503.
- Almost JSON: an export of about --megabytes MB imported into an empty account, in a
  process of its own, with its resident memory before the upload and at its peak
  during the import (Linux's VmHWM), and the longest lock wait again.
"""

import argparse
import contextlib
import json
import os
import random
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SENTENCES = [
    "Long day, he only sent a thumbs up to my message.",
    "Coffee with her went well, she suggested Sunday too.",
    "Waiting for a reply since the weekend, read at 10.",
    "He cancelled again, said work has been insane.",
    "A voice note at 1am, nothing during the day.",
    "We laughed about the film and planned the next one.",
    "Asked what we are; got a joke and a change of subject.",
    "She asked about my mum's appointment, which was kind.",
    "Seen at lunch, answered at midnight with 'haha'.",
    "Our Friday plan slid to 'sometime next week' again.",
]
MOODS = ["rad", "good", "meh", "bad", "awful"]
START = datetime(2026, 11, 30, 21, 0, tzinfo=UTC)


def daylio_csv(rows: int, rng: random.Random) -> bytes:
    lines = ["full_date,date,weekday,time,mood,activities,note_title,note"]
    for i in range(rows):
        moment = START - timedelta(hours=4 * i)
        note = " ".join(rng.sample(SENTENCES, 2))
        lines.append(
            f"{moment:%Y-%m-%d},{moment:%B %d},{moment:%A},{moment:%H:%M},"
            f'{rng.choice(MOODS)},anxious | work,,"{note}"'
        )
    return ("\n".join(lines) + "\n").encode()


def almost_export(megabytes: int, rng: random.Random) -> bytes:
    """An Almost export (format 1) of just under `megabytes` MB (the import takes 20)."""
    people = [
        {"key": f"p{i}", "name": f"Person {i}", "created": START.isoformat()} for i in range(20)
    ]
    entries = []
    size = 0
    i = 0
    while size < megabytes * 1024 * 1024 - 256 * 1024:
        moment = (START - timedelta(hours=3 * i)).isoformat()
        record = {
            "person": f"p{i % 20}",
            "occurred_at": moment,
            "channel": "text",
            "text": " ".join(rng.sample(SENTENCES, 6)),
            "feeling": rng.randint(-3, 3),
            "feelings": ["anxious"],
            "created": moment,
            "updated": moment,
            "deleted": None,
            "categories": [
                {"category": "busy_excuses", "score": 0.8, "reasons": ["given as the reason"]}
            ],
        }
        entries.append(record)
        size += len(json.dumps(record)) + 4
        i += 1
    doc = {
        "format": "almost-export",
        "version": 1,
        "account": {"time_zone": "Europe/London", "week_start": 0},
        "people": people,
        "interactions": entries,
    }
    return json.dumps(doc).encode()


class LockProbe(threading.Thread):
    """Asks for SQLite's write lock every 20 ms on its own connection; keeps the longest wait."""

    def __init__(self, path: str):
        super().__init__(daemon=True)
        self.path = path
        self.longest = 0.0
        self.over_5s = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        database = sqlite3.connect(self.path, timeout=600, isolation_level=None)
        while not self.stopping.is_set():
            began = time.perf_counter()
            database.execute("BEGIN IMMEDIATE")
            database.execute("COMMIT")
            waited = time.perf_counter() - began
            self.longest = max(self.longest, waited)
            self.over_5s += waited > 5
            time.sleep(0.02)
        database.close()

    def stop(self) -> "LockProbe":
        self.stopping.set()
        self.join()
        return self


def setup_django(folder: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.test_settings"
    os.environ["ALMOST_DATA_DIR"] = folder
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/almost.sqlite3"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.core.management import call_command

    if not Path(folder, "migrated").exists():
        call_command("migrate", verbosity=0)
        Path(folder, "migrated").touch()


def client_for(username: str):
    from django.test import Client

    from accounts.models import User

    user = User.objects.create_user(username, password="correct horse battery")  # nosec B106  # throwaway benchmark account
    client = Client()
    client.force_login(user)
    return client, user


def bench_daylio(folder: str, rows: int) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from journal.models import Interaction

    data = daylio_csv(rows, random.Random(7))
    client, user = client_for("daylio")
    upload = SimpleUploadedFile("daylio.csv", data, content_type="text/csv")
    began = time.perf_counter()
    preview = client.post(reverse("accounts-import-daylio"), {"file": upload, "new_person": "Sam"})
    previewed = time.perf_counter() - began
    token = re.search(r'name="pending" value="([^"]+)"', preview.content.decode())
    assert token, "no confirm form in the preview"
    probe = LockProbe(f"{folder}/almost.sqlite3")
    probe.start()
    began = time.perf_counter()
    response = client.post(reverse("accounts-import-daylio-confirm"), {"pending": token[1]})
    confirmed = time.perf_counter() - began
    probe.stop()
    stored = Interaction.objects.filter(user=user).count()
    print(f"Daylio, {rows:,} rows ({len(data) / 1024 / 1024:.1f} MB):")
    print(f"  preview {previewed:.1f} s, confirm {confirmed:.1f} s (status {response.status_code})")
    print(f"  entries stored: {stored:,}")
    print(f"  longest wait for the write lock meanwhile: {probe.longest:.2f} s")
    print(f"  lock requests that waited over 5 s (a 503 in the app): {probe.over_5s}")


def peak_rss_mb() -> float:
    """The process's peak resident memory since reset_peak(), in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> None:
    """Start the peak afresh: a child started by a big parent inherits its peak."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def bench_json_child(folder: str, path: str) -> None:
    """In a process of its own: import the export at `path`, print peak memory."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from journal.models import Interaction

    client, user = client_for("json")
    reset_peak()
    before = peak_rss_mb()
    data = Path(path).read_bytes()
    upload = SimpleUploadedFile("almost.json", data, content_type="application/json")
    probe = LockProbe(f"{folder}/almost.sqlite3")
    probe.start()
    began = time.perf_counter()
    response = client.post(reverse("accounts-import"), {"file": upload})
    assert response.status_code == 302, response.content.decode()[-2000:]
    took = time.perf_counter() - began
    probe.stop()
    peak = peak_rss_mb()
    stored = Interaction.objects.filter(user=user).count()
    print(f"Almost JSON export ({len(data) / 1024 / 1024:.1f} MB):")
    print(f"  import {took:.1f} s (status {response.status_code}), entries stored: {stored:,}")
    print(f"  peak memory (max RSS): {before:.0f} MB before the upload, {peak:.0f} MB during it")
    print(f"  longest wait for the write lock meanwhile: {probe.longest:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--megabytes", type=int, default=20)
    parser.add_argument("--only", choices=["daylio", "json"], help="run one of the two")
    parser.add_argument("--json-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json_child:
        folder, path = args.json_child
        setup_django(folder)
        bench_json_child(folder, path)
        return
    with tempfile.TemporaryDirectory(prefix="almost-bench-") as folder:
        setup_django(folder)
        if args.only != "daylio":
            export = Path(folder, "export.json")
            export.write_bytes(almost_export(args.megabytes, random.Random(7)))
            command = [sys.executable, __file__, "--json-child", folder, str(export)]
            subprocess.run(command, check=True)
        if args.only != "json":
            bench_daylio(folder, args.rows)


if __name__ == "__main__":
    main()
