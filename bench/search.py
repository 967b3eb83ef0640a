"""What sealing costs: search over 20,000 entries of one user, logging, and the timeline.

    uv run python bench/search.py [--entries 20000] [--runs 15] [--posts 40]

Runs in a throwaway test database (in-memory SQLite, or test_<name> on the PostgreSQL
server in DATABASE_URL), dropped at the end. Two users get the same entries: one sealed,
as Almost stores them, and one in a plaintext baseline, where sealing is switched off
inside this script only (tokens are the text itself, search is the old SQL
`text__icontains`). The same pages are timed for both:

- search: the log page with ?q=, which opens every entry of the user in Python;
- logging: posting the log form (classification included);
- timeline: the log page, 30 entries.

It also times the crypto alone: sealing and opening one entry, and opening a page of 30.
Prints medians.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from uuid import uuid4

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
os.environ.setdefault("ALMOST_DATA_DIR", tempfile.mkdtemp(prefix="almost-bench-"))

import django  # noqa: E402

django.setup()

from django.db import connection, models  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.crypto import data_key, key_scope  # noqa: E402
from accounts.models import User  # noqa: E402
from journal import sealing, views  # noqa: E402
from journal.models import Interaction, Person  # noqa: E402

NEEDLE = "lighthouse"  # in 1 entry of 100
QUERIES = {"rare word (1%)": NEEDLE, "no match": "zeppelin", "common word": "the"}
PAGE = 30
SENTENCES = [
    "Asked how the interview went and got a long, warm reply.",
    "They said they were slammed at work again, maybe next week.",
    "Left on read since Tuesday, but posting stories all evening.",
    "We talked for an hour about her sister and the move.",
    "Only texted after midnight, then nothing the next day.",
    "Made a joke when I asked where this is going.",
    "Plans for Saturday turned into 'let's see how the week goes'.",
    "He remembered the name of my dog and asked about the vet.",
    "One-word answers to a message I spent ages on.",
    "Dinner was lovely; she booked the next one herself.",
]


def text_for(i: int, rng: random.Random) -> str:
    words = rng.sample(SENTENCES, 3)
    if i % 100 == 0:
        words.append(f"We walked out to the {NEEDLE} after.")
    return " ".join(words)


@contextmanager
def plaintext():
    """Switch sealing off for the baseline: tokens are the text, search is SQL again."""
    saved = (sealing.seal, sealing.unseal, sealing.data_key, views.MatchingRows)
    saved_lookup = sealing.SealedTextField.get_lookup
    sealing.seal = lambda cipher, aad, text: text
    sealing.unseal = lambda cipher, aad, token, where: token
    sealing.data_key = lambda user_id, create=False: None
    views.MatchingRows = lambda rows, name, query: rows.filter(**{f"{name}__icontains": query})
    sealing.SealedTextField.get_lookup = models.TextField.get_lookup
    try:
        yield
    finally:
        sealing.seal, sealing.unseal, sealing.data_key, views.MatchingRows = saved
        sealing.SealedTextField.get_lookup = saved_lookup


def seed(name: str, n: int) -> tuple[User, Person]:
    user = User.objects.create_user(name, password="bench only", time_zone="Europe/London")  # nosec B106  # throwaway benchmark account
    people = Person.objects.bulk_create([Person(user=user, name=f"Person {i}") for i in range(8)])
    rng, now = random.Random(7), timezone.now()
    with key_scope():
        data_key(user.pk, create=True)  # made first, so the scope holds it for every row
        Interaction.objects.bulk_create(
            [
                Interaction(
                    user=user,
                    person=people[i % len(people)],
                    occurred_at=now - timedelta(hours=i * 9.6),
                    feeling=i % 7 - 3,
                    text=text_for(i, rng),
                )
                for i in range(n)
            ],
            batch_size=2000,
        )
    return user, people[0]


def paired_ms(sealed, plain, runs: int) -> tuple[float, float]:
    """Median ms of two actions, run in turns so that load on the machine hits both."""
    times: dict[str, list[float]] = {"sealed": [], "plain": []}
    for i in range(runs + 2):  # two warm-up rounds: templates, connections, caches
        for label, action in (("sealed", sealed), ("plain", plain)):
            if label == "plain":
                with plaintext():
                    start = time.perf_counter()
                    action()
                    took = time.perf_counter() - start
            else:
                start = time.perf_counter()
                action()
                took = time.perf_counter() - start
            if i >= 2:
                times[label].append(took)
    return statistics.median(times["sealed"]) * 1000, statistics.median(times["plain"]) * 1000


def median_ms(action, runs: int) -> float:
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def get(client: Client, url: str):
    def action():
        assert client.get(url).status_code == 200

    return action


def post_entry(client: Client, person: Person):
    def action():
        data = {
            "person": person.pk,
            "occurred_at": "2026-11-20T21:30",
            "channel": "text",
            "text": f"Long message about the week, then {NEEDLE} plans. 'so busy'",
            "feeling": "-1",
            "token": str(uuid4()),
        }
        assert client.post("/entries/new/", data).status_code == 302

    return action


def crypto_us(runs: int = 2000) -> dict[str, float]:
    cipher = sealing.AESGCM(os.urandom(32))
    aad = sealing.binding("journal_interaction", "text", uuid4(), 1)
    text = text_for(0, random.Random(1))
    token = sealing.seal(cipher, aad, text)
    start = time.perf_counter()
    for _ in range(runs):
        sealing.seal(cipher, aad, text)
    seal_us = (time.perf_counter() - start) / runs * 1e6
    start = time.perf_counter()
    for _ in range(runs):
        sealing.unseal(cipher, aad, token, "bench")
    open_us = (time.perf_counter() - start) / runs * 1e6
    return {"seal one entry": seal_us, "open one entry": open_us, "open a page of 30": open_us * 30}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--posts", type=int, default=40)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}, {args.entries} entries per user")
        start = time.perf_counter()
        sealed_user, sealed_person = seed("sealed", args.entries)
        seed_sealed = time.perf_counter() - start
        with plaintext():
            start = time.perf_counter()
            plain_user, plain_person = seed("plain", args.entries)
            seed_plain = time.perf_counter() - start
        print(f"bulk_create: sealed {seed_sealed:.2f} s, plain {seed_plain:.2f} s")

        sealed, plain = Client(), Client()
        sealed.force_login(sealed_user)
        plain.force_login(plain_user)
        rows = []
        for label, query in QUERIES.items():
            url = f"/?q={query}"
            rows.append(
                (f"search page, {label}", *paired_ms(get(sealed, url), get(plain, url), args.runs))
            )
        with key_scope():
            entries = Interaction.objects.for_user(sealed_user)
            found = sealing.matching_pks(entries, "text", NEEDLE)
            scan = median_ms(lambda: sealing.matching_pks(entries, "text", NEEDLE), args.runs)
        rows.append((f"  of which finding the {len(found)} matches", scan, None))
        rows.append(
            ("timeline page (30 entries)", *paired_ms(get(sealed, "/"), get(plain, "/"), args.runs))
        )
        posts = paired_ms(
            post_entry(sealed, sealed_person), post_entry(plain, plain_person), args.posts
        )
        rows.append(("log an entry (POST)", *posts))

        print(f"\n{'median ms':<40}{'sealed':>10}{'plain':>10}{'overhead':>10}")
        for label, s, p in rows:
            if p is None:
                print(f"{label:<40}{s:>10.1f}")
            else:
                print(f"{label:<40}{s:>10.1f}{p:>10.1f}{s - p:>+10.1f}")
        print("\ncrypto alone (µs):")
        for label, value in crypto_us().items():
            print(f"  {label:<38}{value:>8.1f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
