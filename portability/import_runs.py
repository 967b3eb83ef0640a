"""One import at a time per account, and not too many an hour (portability.models.ImportRun).

    with import_runs.running(user, ImportRun.Kind.DAYLIO, import_runs.digest(token)) as run:
        ...
        run.entries = saved

Raises ImportBusy while another import of the account runs (ImportBusy.same: it is this
very file, confirmed twice), and TooManyImports past ALMOST_IMPORTS_PER_HOUR.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from portability.models import ImportRun

# A run not finished after this long lost its worker (a restart, a kill): it no longer
# holds the account. The biggest Daylio file (50,000 rows) takes a few minutes.
STALE = timedelta(minutes=15)

BUSY = "Another import into this account is still running. Try again when it has finished."
SAME_FILE = (
    "This file is being imported already: its entries appear in your journal as they "
    "are saved. Nothing was added twice."
)
TOO_MANY = (
    "That's as many imports as one account can start in an hour. Nothing was imported "
    "this time; please try again later."
)


class ImportBusy(Exception):
    def __init__(self, same: bool):
        super().__init__(SAME_FILE if same else BUSY)
        self.same = same


class TooManyImports(Exception):
    def __init__(self):
        super().__init__(TOO_MANY)


def digest(value: str | bytes) -> str:
    """A keyed hash that names an upload without holding any of it."""
    return salted_hmac("almost.import", value, algorithm="sha256").hexdigest()


def start(user, kind: str, digest: str = "") -> ImportRun:
    """Claim the account for one import. Queries: 4 or 5."""
    now = timezone.now()
    runs = ImportRun.objects.filter(user=user)
    runs.filter(finished__isnull=True, started__lt=now - STALE).delete()
    runs.filter(started__lt=now - timedelta(days=1)).delete()
    limit = settings.ALMOST_IMPORTS_PER_HOUR
    if limit > 0 and runs.filter(started__gte=now - timedelta(hours=1)).count() >= limit:
        raise TooManyImports
    try:
        with transaction.atomic():
            return ImportRun.objects.create(user=user, kind=kind, digest=digest, started=now)
    except IntegrityError:
        running = runs.filter(finished__isnull=True).values_list("digest", flat=True).first()
        raise ImportBusy(same=bool(digest) and running == digest) from None


@contextmanager
def running(user, kind: str, digest: str = "") -> Iterator[ImportRun]:
    """Hold the account's import for the block; it counts towards the hour's limit even
    when it fails, so a file that never goes through can't be sent again and again."""
    run = start(user, kind, digest)
    try:
        yield run
    finally:
        # An update, not a save: a run that outlived STALE may have been cleared by
        # another import meanwhile, and finishing must not fail after the work is done.
        ImportRun.objects.filter(pk=run.pk).update(finished=timezone.now(), entries=run.entries)
