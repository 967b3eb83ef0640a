"""Who logged in, from where, when; and ending sessions when a person asks to. Also the
signals accounts sends so that the apps above it can act without accounts importing them.

The "almost.auth" log holds account ids, names, addresses and UTC times: never a
password, a session key, or anything a person wrote. Connected in AccountsConfig.ready().
"""

import logging
from collections.abc import Iterator
from datetime import UTC, datetime

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.sessions.models import Session
from django.db.models.signals import pre_delete
from django.dispatch import Signal, receiver
from django.utils import timezone

from config.middleware import SEEN, STARTED, client_ip, mark_session_start

# The account's time zone changed from `old` to `new` (ZoneInfo), sent inside the
# transaction that saves it. Each receiver returns a sentence for the person, or "".
time_zone_changed = Signal()

# The page that deletes an account asks what it holds: each receiver returns a dict of
# counts the page shows (journal's "people" and "entries").
account_contents = Signal()

log = logging.getLogger("almost.auth")
DB_SESSION_ENGINES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}


def _utc() -> str:
    return timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ")


def _address(request) -> str:
    return (client_ip(request) if request is not None else "") or "-"


BROWSER = "almost_browser"
# (what the user agent says, what we call it), first match wins: Edge and Opera also say
# "Chrome", Chrome also says "Safari".
BROWSER_NAMES = [
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
SYSTEM_NAMES = [
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "a Mac"),
    ("Linux", "Linux"),
]


def browser_label(user_agent: str) -> str:
    """ "Firefox on Linux": enough to tell one's browsers apart, nothing more is kept."""
    browser = next((name for mark, name in BROWSER_NAMES if mark in user_agent), "A browser")
    system = next((name for mark, name in SYSTEM_NAMES if mark in user_agent), "")
    return f"{browser} on {system}" if system else browser


@receiver(user_logged_in, dispatch_uid="almost_log_login")
def log_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        mark_session_start(request.session)
        request.session[BROWSER] = browser_label(request.headers.get("User-Agent", ""))
    log.info(
        "login user=%s id=%s address=%s at=%s",
        user.get_username(),
        user.pk,
        _address(request),
        _utc(),
    )


@receiver(user_login_failed, dispatch_uid="almost_log_login_failed")
def log_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Only a name that belongs to an account is written down: people sometimes type
    # their password into the name field, and that must never reach a log.
    typed = str(credentials.get("username", ""))[:150]
    known = typed and get_user_model().objects.filter(username=typed).exists()
    log.warning(
        "login failed user=%s address=%s at=%s",
        typed if known else "(no such account)",
        _address(request),
        _utc(),
    )


@receiver(user_locked_out, dispatch_uid="almost_log_locked_out")
def log_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    known = username and get_user_model().objects.filter(username=username).exists()
    log.warning(
        "login locked user=%s address=%s at=%s",
        username if known else "(no such account)",
        ip_address,
        _utc(),
    )


def sessions_of(user) -> Iterator[tuple[str, dict]]:
    """(key, data) of each live stored session of this user. Queries: one per 2,000 sessions.

    Works with the database session engines; with others there is nothing to list.
    """
    if settings.SESSION_ENGINE not in DB_SESSION_ENGINES or user.pk is None:
        return
    user_id = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(2000):
        data = session.get_decoded()
        if data.get("_auth_user_id") == user_id:
            yield session.session_key, data


def end_sessions(user, keep: str | None = None) -> int:
    """Delete every stored session of this user but `keep`.

    Other session engines fall back on Django's session hash check, which ends sessions
    after a password change anyway.
    """
    doomed = [key for key, _ in sessions_of(user) if key != keep]
    Session.objects.filter(session_key__in=doomed).delete()
    return len(doomed)


def browsers_of(user, current: str | None) -> list[dict]:
    """The browsers signed in to this account, this one first, then the latest seen."""

    def moment(value):
        return datetime.fromtimestamp(value, UTC) if value else None

    found = [
        {
            "current": key == current,
            "name": data.get(BROWSER, "A browser"),
            "started": moment(data.get(STARTED)),
            "seen": moment(data.get(SEEN)),
        }
        for key, data in sessions_of(user)
    ]
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(found, key=lambda b: (not b["current"], -(b["seen"] or oldest).timestamp()))


@receiver(user_logged_out, dispatch_uid="almost_log_logout")
def log_out_everywhere(sender, request, user, **kwargs) -> None:
    """Logging out ends this person's sessions on every device."""
    if user is None:
        return
    ended = end_sessions(user)
    log.info(
        "logout user=%s id=%s address=%s at=%s other_sessions=%s",
        user.get_username(),
        user.pk,
        _address(request),
        _utc(),
        ended,
    )


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="almost_end_sessions")
def end_sessions_of_deleted_user(sender, instance, **kwargs) -> None:
    end_sessions(instance)
