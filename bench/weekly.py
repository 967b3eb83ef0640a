"""How long the weekly view takes with 200 entries and with 20,000.

    uv run python bench/weekly.py [--runs 30] [--small 200] [--large 20000]

Runs in a throwaway test database (in-memory SQLite, or test_<name> on the
PostgreSQL server in DATABASE_URL), which is dropped at the end. Each user's entries
go back from now across eight people, every other one with a sign, in two shapes:

- same pace: 2.5 entries a day for both, so 20,000 entries is a long history
  (about 22 years) while the weeks on screen hold about as much as with 200. This is
  the claim: the page costs the same however long the journal gets.
- same two years: both spread over two years, so the large journal is 100 times
  denser and the weeks on screen hold 100 times more. The database has to read those
  rows, so this one grows with them.

With --basics each account also has five lines set (issue 22), so the pages check
them against the last 30 days, and a person's page is timed too.

Prints the median time per page for both sizes and the ratio.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
os.environ.setdefault("ALMOST_DATA_DIR", tempfile.mkdtemp(prefix="almost-bench-"))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from journal.models import Basic, EntryCategory, Interaction, Line, Person  # noqa: E402  # noqa: E402
from patterns.classifier.categories import SLUGS  # noqa: E402

PAGES = {"12 weeks": "/patterns/", "all time": "/patterns/?range=all"}
PER_DAY = 2.5
TWO_YEARS = 2 * 365 * 24 * 60  # minutes


def seed(name: str, n: int, span_minutes: float) -> User:
    user = User.objects.create_user(name, password="bench only", time_zone="Europe/London")  # nosec B106  # throwaway benchmark account
    people = Person.objects.bulk_create([Person(user=user, name=f"Person {i}") for i in range(8)])
    now = timezone.now()
    step = span_minutes / n
    entries = Interaction.objects.bulk_create(
        [
            Interaction(
                user=user,
                person=people[i % len(people)],
                occurred_at=now - timedelta(minutes=i * step),
                feeling=i % 7 - 3,
                initiated_by=("me", "them", "")[i % 3],
                text=f"entry {i}",
            )
            for i in range(n)
        ],
        batch_size=2000,
    )
    EntryCategory.objects.bulk_create(
        [
            EntryCategory(interaction=e, category=SLUGS[i % len(SLUGS)], reasons=["bench"])
            for i, e in enumerate(entries)
            if i % 2 == 0
        ],
        batch_size=2000,
    )
    return user


def set_lines(user: User) -> None:
    """Five lines for everyone, as a person might set them (issue 22)."""
    numbers = {Line.REPLIES: 6, Line.CANCELLATIONS: 1, Line.REACH_OUT: 5, Line.DAYLIGHT: 20}
    lines = [Basic(user=user, line=line, number=n) for line, n in numbers.items()]
    lines.append(Basic(user=user, line=Line.CLARITY, number=3))
    Basic.objects.bulk_create(lines)


def median_ms(client: Client, url: str, runs: int) -> float:
    for _ in range(3):  # warm up: templates, connections, caches
        assert client.get(url).status_code == 200
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--large", type=int, default=20_000)
    parser.add_argument("--basics", action="store_true", help="set five lines first")
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    shapes = {
        "same pace": lambda n: n / PER_DAY * 24 * 60,
        "same two years": lambda n: TWO_YEARS,
    }
    try:
        print(f"database: {connection.vendor}, median of {args.runs} runs per page")
        for shape, span in shapes.items():
            results = {}
            for n in (args.small, args.large):
                client = Client()
                user = seed(f"{shape[:9].replace(' ', '')}{n}", n, span(n))
                client.force_login(user)
                pages = dict(PAGES)
                if args.basics:
                    set_lines(user)
                    pages["a person"] = f"/people/{Person.objects.filter(user=user)[0].pk}/"
                results[n] = {
                    label: median_ms(client, url, args.runs) for label, url in pages.items()
                }
            print(f"\n{shape}:")
            labels = list(results[args.small])
            print(f"{'entries':>8}  " + "  ".join(f"{label:>16}" for label in labels))
            for n, row in results.items():
                print(f"{n:>8}  " + "  ".join(f"{row[label]:>13.1f} ms" for label in labels))
            ratios = [results[args.large][label] / results[args.small][label] for label in labels]
            print(f"{'ratio':>8}  " + "  ".join(f"{r:>15.2f}x" for r in ratios))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
