"""Error pages that need no database: a 500 handler that knows an outage when it sees one.

The templates (templates/500.html, 503.html, ...) stand alone: no base template, no
context processors, no script. They render even when nothing else works.
"""

import logging
import sqlite3
import sys
import traceback

from django.db.utils import Error as DjangoDatabaseError
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


# What a database error says is left out of logs: PostgreSQL's DETAIL quotes the values
# that broke a constraint ("Key (user_id, lower(name))=(3, erin) already exists").
LEFT_OUT = "(what the database said is left out: it can quote what people wrote)"


def _is_database_error(exception: BaseException) -> bool:
    return isinstance(exception, (DjangoDatabaseError, sqlite3.Error)) or type(
        exception
    ).__module__.startswith("psycopg")


def _chain(exception: BaseException) -> list[BaseException]:
    """The exception and those it came from, first cause first, as Python prints them."""
    chain, seen = [], set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        chain.append(exception)
        context = None if exception.__suppress_context__ else exception.__context__
        exception = exception.__cause__ or context
    return chain[::-1]


def scrubbed_traceback(exception: BaseException) -> str:
    """The traceback as Python prints it, with each database error's message left out."""
    parts = []
    for i, error in enumerate(_chain(exception)):
        if i:
            parts.append("\nThe above exception led to the following one:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(error.__traceback__))
        said = LEFT_OUT if _is_database_error(error) else str(error)
        parts.append(f"{type(error).__module__}.{type(error).__qualname__}: {said}\n")
    return "".join(parts).rstrip("\n")


class DatabaseErrorDetails(logging.Filter):
    """Keep the traceback of a database error but not its message, in every record.

    On the console handler and on "django.request" (where 500s are logged), so the
    records other handlers see (test capture, error reporters) are scrubbed as well.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        exception = record.exc_info[1] if record.exc_info else None
        if exception is not None and any(_is_database_error(e) for e in _chain(exception)):
            record.exc_info = None
            record.exc_text = scrubbed_traceback(exception)
        return True
