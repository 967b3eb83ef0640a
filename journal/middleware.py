"""Keeping the trash's promise without cron: the first request of each day purges it."""

import logging
from datetime import date

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from journal.models import purge_expired_trash

log = logging.getLogger("almost.trash")


class DailyTrashPurgeMiddleware:
    """Delete entries past the trash's days, for every account, once a day per process.

    The first request of a UTC day pays for one DELETE (a few milliseconds); every later
    one compares two dates. Each worker process purges on its own, which is harmless.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.purged_on: date | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        today = timezone.now().date()
        if settings.ALMOST_DAILY_PURGE and self.purged_on != today:
            try:
                purged = purge_expired_trash()
            except DatabaseError as error:
                # Tried again on the next request. The class name only: a database
                # message can quote the values it choked on.
                log.warning("trash purge failed: %s", type(error).__name__)
            else:
                self.purged_on = today
                if purged:
                    log.info("trash purged entries=%s", purged)
        return self.get_response(request)
