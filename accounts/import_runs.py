"""One import at a time per account (accounts.models.ImportRun).

    with import_runs.running(user, ImportRun.Kind.DAYLIO, import_runs.digest(token)) as run:
        ...
        run.entries = saved

Raises ImportBusy while another import of the account runs (ImportBusy.same: it is this
very file, confirmed twice).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.models import ImportRun

# A run not finished after this long lost its worker (a restart, a kill): it no longer
# holds the account. The biggest Daylio file (50,000 rows) takes a few minutes.
STALE = timedelta(minutes=15)

BUSY = "Another import into this account is still running. Try again when it has finished."
SAME_FILE = (
    "This file is being imported already: its entries appear in your journal as they "
    "are saved. Nothing was added twice."
)


class ImportBusy(Exception):
    def __init__(self, same: bool):
        super().__init__(SAME_FILE if same else BUSY)
        self.same = same


def digest(value: str | bytes) -> str:
    """A keyed hash that names an upload without holding any of it."""
    return salted_hmac("almost.import", value, algorithm="sha256").hexdigest()


def start(user, kind: str, digest: str = "") -> ImportRun:
    """Claim the account for one import. Queries: 3 or 4."""
    now = timezone.now()
    runs = ImportRun.objects.filter(user=user)
    runs.filter(finished__isnull=True, started__lt=now - STALE).delete()
    runs.filter(started__lt=now - timedelta(days=1)).delete()
    try:
        with transaction.atomic():
            return ImportRun.objects.create(user=user, kind=kind, digest=digest, started=now)
    except IntegrityError:
        running = runs.filter(finished__isnull=True).values_list("digest", flat=True).first()
        raise ImportBusy(same=bool(digest) and running == digest) from None


@contextmanager
def running(user, kind: str, digest: str = "") -> Iterator[ImportRun]:
    """Hold the account's import for the block, and let it go however the block ends."""
    run = start(user, kind, digest)
    try:
        yield run
    finally:
        run.finished = timezone.now()
        run.save(update_fields=["finished", "entries"])
