"""Create or refresh a demo account full of believable entries (see journal/demo.py)."""

import secrets
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.functions import Lower

from accounts import crypto
from accounts.models import User, validate_time_zone
from journal import demo, rollups
from journal.models import EntryCategory, Interaction, Person
from journal.signs import auto_rows

BATCH = 1000
PROGRESS_FROM = 2000  # entries; fewer than that finish before a progress line helps


class Command(BaseCommand):
    help = (
        "Create (or refresh) a demo account with N realistic interactions with six people "
        "over the last six months, classified like real entries. Running it again for the "
        "same username replaces that account's demo people and entries; other accounts, "
        "and people you added yourself, are left alone. Prints a new password unless you "
        "give one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo", help="Account to fill (default: demo).")
        parser.add_argument(
            "--entries", type=int, default=300, help="How many entries (default: 300)."
        )
        parser.add_argument("--password", help="Password to set (default: a new random one).")
        parser.add_argument(
            "--time-zone",
            default="Europe/London",
            help="The account's time zone (default: Europe/London).",
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Same seed, same entries (default: 2026)."
        )

    def handle(self, *args, username, entries, password, time_zone, seed, **options):
        if entries < 0:
            raise CommandError("--entries must be 0 or more.")
        try:
            validate_time_zone(time_zone)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        started = time.perf_counter()
        generated = password is None
        password = password or secrets.token_urlsafe(18)
        user = User.objects.filter(username=username).first()
        if user is not None and (user.is_staff or user.is_superuser):
            raise CommandError(f"{username} is an admin account. Pick another username.")
        try:
            validate_password(password, user or User(username=username))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

        drafts = demo.generate(entries, now=datetime.now(UTC), tz=ZoneInfo(time_zone), seed=seed)
        with transaction.atomic():
            user = self._account(user, username, password, time_zone)
            # The account's key exists before the entries are sealed with it, so the key
            # scope below looks it up once instead of once an entry.
            crypto.data_key(user.pk, create=True)
        with crypto.key_scope(), transaction.atomic():
            people = self._people(user)
            rows = [self._interaction(user, people, draft) for draft in drafts]
            Interaction.objects.bulk_create(rows, batch_size=BATCH)
            categories = self._classify(rows)
            EntryCategory.objects.bulk_create(categories, batch_size=BATCH)
            rollups.rebuild(user)

        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{username}: {len(people)} people, {len(rows)} entries, "
            f"{len(categories)} categories in {seconds:.1f} s"
        )
        if generated:
            self.stdout.write(f"Password for {username}: {password}")

    def _account(self, user: User | None, username: str, password: str, tz: str) -> User:
        if user is None:
            user = User(username=username)
        user.time_zone = tz
        user.__dict__.pop("tz", None)  # a cached_property of the old zone
        user.set_password(password)
        user.save()
        return user

    def _people(self, user: User) -> dict[str, Person]:
        """The demo cast, fresh: the old cast goes, with their entries and categories."""
        old = Person.objects.for_user(user).alias(lower=Lower("name"))
        old = old.filter(lower__in=[name.lower() for name in demo.NAMES])
        EntryCategory.objects.filter(interaction__person__in=old).delete()
        Interaction.objects.filter(person__in=old).delete()
        old.delete()
        people = Person.objects.bulk_create(
            Person(user=user, name=c.name, relationship=c.relationship, notes=c.notes)
            for c in demo.CAST
        )
        return {p.name: p for p in people}

    @staticmethod
    def _interaction(user: User, people: dict[str, Person], draft: demo.DemoEntry) -> Interaction:
        fields = dict(vars(draft))
        # user and person as objects: the classifier reads user.tz without a query.
        return Interaction(user=user, person=people[fields.pop("person")], **fields)

    def _classify(self, rows: list[Interaction]) -> list[EntryCategory]:
        categories: list[EntryCategory] = []
        show = len(rows) >= PROGRESS_FROM and self.stderr.isatty()
        step = max(1, len(rows) // 20)
        for i, row in enumerate(rows, 1):
            categories += auto_rows(row)
            if show and i % step == 0:
                self.stderr.write(f"\rClassifying: {100 * i // len(rows)}%", ending="")
        if show:
            self.stderr.write("")
        return categories
