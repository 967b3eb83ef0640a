"""`manage.py reclassify [--user NAME]`: run the classifier again over stored entries."""

import sys

from django.core.management import BaseCommand

from accounts.crypto import key_scope
from journal.management.user_option import account_named
from journal.models import Interaction
from journal.signs import label_entries

BATCH = 500


class Command(BaseCommand):
    help = (
        "Run the classifier again over stored entries (all accounts, or one with --user), "
        "in batches. Categories a person added or removed themselves are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", help="Only this username's entries.")

    def handle(self, *args, user: str | None = None, **options):
        entries = Interaction.objects.filter(deleted__isnull=True).select_related("user")
        if user is not None:
            entries = entries.filter(user=account_named(user))
        ids = list(entries.order_by("pk").values_list("pk", flat=True))
        total, found = len(ids), 0
        with key_scope():
            for start in range(0, total, BATCH):
                batch = entries.filter(pk__in=ids[start : start + BATCH])
                found += label_entries(batch)
                self._progress(min(start + BATCH, total), total)
        self.stdout.write(f"Reclassified {total} entries: {found} automatic categories.")

    def _progress(self, done: int, total: int) -> None:
        """A one-line progress bar on standard error, redrawn in place."""
        width = 30
        filled = width * done // total if total else width
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
