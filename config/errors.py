"""Error pages that need no database: a 500 handler that knows an outage when it sees one.

The templates (templates/500.html, 503.html, ...) stand alone: no base template, no
context processors, no script. They render even when nothing else works.
"""

import logging
import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

log = logging.getLogger("almost.errors")

# Seconds a browser or client should wait before trying again during an outage.
RETRY_AFTER = 5
OUTAGES = (OperationalError, InterfaceError)


def database_unavailable(request: HttpRequest, exception: BaseException | None = None):
    """The friendly "try again in a moment" page. Touches no database."""
    # The class name only: a database message can quote the values it choked on.
    log.warning("database unavailable: %s on %s", type(exception).__name__, request.path)
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 handler, unless the error was the database going away."""
    exception = sys.exception()
    if isinstance(exception, OUTAGES):
        return database_unavailable(request, exception)
    return HttpResponse(loader.render_to_string("500.html"), status=500)


class RequestPathOnly(logging.Filter):
    """Replace the request Django attaches to its log records with "METHOD /path".

    The request's repr carries the query string (search terms), and error reporters
    would read its body too. Attached to Django's loggers in settings.LOGGING.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None and not isinstance(request, str):
            record.request = f"{getattr(request, 'method', '?')} {getattr(request, 'path', '?')}"
        return True
