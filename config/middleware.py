"""Small middleware that keeps every response private: headers, session limits, outages."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect

from config.errors import database_unavailable

log = logging.getLogger("almost.auth")

# Browser features a journal never needs, switched off for this site and anything it
# could embed. Only names Chromium knows: it warns in the console about any other
# (tests/browser/test_headers_in_browser.py checks). interest-cohort is FLoC's old name.
DISABLED_FEATURES = [
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "gamepad",
    "geolocation",
    "gyroscope",
    "hid",
    "identity-credentials-get",
    "idle-detection",
    "interest-cohort",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "otp-credentials",
    "payment",
    "picture-in-picture",
    "screen-wake-lock",
    "serial",
    "storage-access",
    "usb",
    "window-management",
    "xr-spatial-tracking",
]
# "Copy this draft" on the guidance pages writes to the clipboard, and passkeys are made
# and used on the login and account pages (accounts.two_step): our own pages only.
SELF_ONLY_FEATURES = [
    "clipboard-write",
    "publickey-credentials-create",
    "publickey-credentials-get",
]
PERMISSIONS_POLICY = ", ".join(
    [f"{feature}=()" for feature in DISABLED_FEATURES]
    + [f"{feature}=(self)" for feature in SELF_ONLY_FEATURES]
)


class PrivacyHeadersMiddleware:
    """Permissions-Policy, Cross-Origin-Resource-Policy and no caching of our pages.

    It sits outside WhiteNoise, so static files get the first two as well; they keep
    their own long Cache-Control. Every other response (pages, htmx fragments, error
    pages) may carry someone's journal, so no browser or proxy may store it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response


STARTED = "almost_session_started"
SEEN = "almost_session_seen"
# Refresh "last seen" at most once a minute, not with a session write on every request.
SEEN_RESOLUTION = 60


class SessionTimeoutMiddleware:
    """End a session after ALMOST_SESSION_IDLE idle seconds or ALMOST_SESSION_MAX_AGE in all.

    Only this browser's session ends: the person's other devices stay logged in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    def check(self, request: HttpRequest) -> None:
        now = int(timezone.now().timestamp())
        session = request.session
        started = session.setdefault(STARTED, now)
        seen = session.get(SEEN, now)
        idle = now - seen > settings.ALMOST_SESSION_IDLE
        if idle or now - started > settings.ALMOST_SESSION_MAX_AGE:
            log.info(
                "session ended user=%s reason=%s", request.user.pk, "idle" if idle else "max-age"
            )
            session.flush()
            request.user = AnonymousUser()
            messages.info(request, "You were logged out to keep your journal safe. Log in again.")
        elif now - seen >= SEEN_RESOLUTION or SEEN not in session:
            session[SEEN] = now


def mark_session_start(session) -> None:
    """Start both clocks of a session that has just logged in."""
    now = int(timezone.now().timestamp())
    session[STARTED] = now
    session[SEEN] = now


class DatabaseUnavailableMiddleware:
    """Answer 503 with Retry-After, not 500, when a view finds the database gone.

    Failures outside views (loading the session, saving it) reach the same page through
    config.errors.server_error, Django's 500 handler.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            return database_unavailable(request, exception)
        return None


def client_ip(request: HttpRequest) -> str:
    """The visitor's address, as django-axes and the auth log see it.

    With AXES_IPWARE_PROXY_COUNT = n proxies in front, the n-th address from the right
    of X-Forwarded-For was written by our outermost proxy; anything further left came
    from the visitor and is ignored. Without proxies, the socket's address.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.AXES_IPWARE_PROXY_COUNT or 0
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote  # Fewer hops than configured: trust only what we saw ourselves.
    return forwarded[-count]


class HtmxLoginRedirectMiddleware:
    """Send a whole-page redirect when an htmx request finds its session gone.

    Without this htmx follows the redirect itself and swaps the login page into
    whatever fragment asked, say the middle of the timeline.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        location = response.headers.get("Location", "")
        to_login = response.status_code == 302 and location.startswith(
            resolve_url(settings.LOGIN_URL)
        )
        if to_login and getattr(request, "htmx", False):
            return HttpResponseClientRedirect(location)
        return response
