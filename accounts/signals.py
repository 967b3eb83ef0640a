"""Who logged in, from where, when; and ending sessions when a person asks to.

The "almost.auth" log holds account ids, names, addresses and UTC times: never a
password, a session key, or anything a person wrote. Connected in AccountsConfig.ready().
"""

import logging

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.sessions.models import Session
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone

from config.middleware import client_ip, mark_session_start

log = logging.getLogger("almost.auth")
DB_SESSION_ENGINES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}


def _utc() -> str:
    return timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ")


def _address(request) -> str:
    return (client_ip(request) if request is not None else "") or "-"


@receiver(user_logged_in, dispatch_uid="almost_log_login")
def log_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        mark_session_start(request.session)
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


def end_sessions(user, keep: str | None = None) -> int:
    """Delete every stored session of this user but `keep`. Queries: one per 2,000 sessions.

    Works with the database session engines; other engines fall back on Django's
    session hash check, which ends sessions after a password change anyway.
    """
    if settings.SESSION_ENGINE not in DB_SESSION_ENGINES or user.pk is None:
        return 0
    user_id = str(user.pk)
    doomed = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(2000)
        if session.session_key != keep and session.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(session_key__in=doomed).delete()
    return len(doomed)


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
