"""Signing in with a second step: a passkey, an authenticator app, or a recovery code.

After a right password, an account with a second step set is not logged in yet: the
session only remembers who is half-way (PENDING, for PENDING_SECONDS), and the second
step page asks for a passkey or a code. Only then does django.contrib.auth log them in,
so every view behind @login_required stays closed until both steps are done.

Each wrong code or refused passkey is a failed login for django-axes (the
`user_login_failed` signal it listens to), so the second step shares the password's
lockout; django-otp also makes each device wait 1, 2, 4... seconds after a miss. A code
works once: the app's time step and each recovery code are used up under a row lock.

A passkey can also stand in for both steps ("Log in with a passkey" on the login page),
when the browser holds one for this site and checks the person's lock (user
verification required).
"""

import json
import logging
from dataclasses import dataclass, field

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp_webauthn.exceptions import OTPWebAuthnApiError
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.utils import rewrite_exceptions

from accounts.forms import LoginForm
from accounts.models import AuthenticatorApp, RecoveryCodes, User
from accounts.passkeys import Helper

log = logging.getLogger("almost.auth")

PENDING = "almost_pending_login"
PENDING_SECONDS = 5 * 60
PASSKEY_STATE = "almost_passkey_login"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

WRONG_CODE = "That code didn't work. Check it and try again."
TOO_SOON = "Too many tries in a row: wait a few seconds, then try again."
EXPIRED = "That took a while, so we started over. Log in again."
LOCKED = "Too many tries. Wait a while, then log in again."


@dataclass
class Factors:
    """What an account has set for its second step."""

    passkeys: list[WebAuthnCredential] = field(default_factory=list)
    app: AuthenticatorApp | None = None
    codes: RecoveryCodes | None = None
    codes_left: int = 0

    @property
    def is_on(self) -> bool:
        """Whether sign-in asks for a second step. Recovery codes alone don't count."""
        return bool(self.passkeys or self.app)


def factors_of(user: User) -> Factors:
    """Every confirmed factor of the user. Queries: 3."""
    passkeys = list(
        WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")
    )
    app = AuthenticatorApp.objects.filter(user=user, confirmed=True).first()
    codes = (
        RecoveryCodes.objects.filter(user=user, confirmed=True)
        .annotate(left=Count("token_set"))
        .first()
    )
    return Factors(passkeys, app, codes, codes.left if codes else 0)


def steps_set(user: User) -> list[str]:
    """Names of the second steps the user has set ("passkey", "authenticator app"). Queries: 1."""
    found = (
        User.objects.filter(pk=user.pk)
        .annotate(
            passkey=Exists(WebAuthnCredential.objects.filter(user=OuterRef("pk"), confirmed=True)),
            app=Exists(AuthenticatorApp.objects.filter(user=OuterRef("pk"), confirmed=True)),
        )
        .values("passkey", "app")
        .first()
    ) or {}
    names = {"passkey": "passkey", "app": "authenticator app"}
    return [name for key, name in names.items() if found.get(key)]


def has_second_step(user: User) -> bool:
    """Queries: 1."""
    return bool(steps_set(user))


def remove_all(user: User) -> None:
    """Turn the second step off: every passkey, the app and the recovery codes go."""
    with transaction.atomic():
        WebAuthnCredential.objects.filter(user=user).delete()
        AuthenticatorApp.objects.filter(user=user).delete()
        RecoveryCodes.objects.filter(user=user).delete()


def drop_codes_if_alone(user: User) -> None:
    """Recovery codes stand in for a factor; once none is left they go too."""
    if not has_second_step(user):
        RecoveryCodes.objects.filter(user=user).delete()


# The half-way state ---------------------------------------------------------------------


def start_pending(request: HttpRequest, user: User, next_url: str) -> None:
    request.session.cycle_key()  # A new session id once the password is known.
    request.session[PENDING] = {
        "user": user.pk,
        "at": timezone.now().timestamp(),
        "backend": getattr(user, "backend", MODEL_BACKEND),
        "next": next_url,
    }


def pending_user(request: HttpRequest) -> User | None:
    """The person half-way through signing in, if it wasn't too long ago. Queries: 1."""
    pending = request.session.get(PENDING)
    if not pending:
        return None
    age = timezone.now().timestamp() - pending["at"]
    if not 0 <= age <= PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    return User.objects.filter(pk=pending["user"], is_active=True).first()


def finish(request: HttpRequest, user: User, device) -> str:
    """Log the person in after their second step; returns where to go next."""
    pending = request.session.pop(PENDING, None) or {}
    request.session.pop(PASSKEY_STATE, None)
    login(request, user, backend=pending.get("backend", MODEL_BACKEND))
    otp_login(request, device)
    log.info("second step passed user=%s id=%s with=%s", user.username, user.pk, kind(device))
    return pending.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL)


def kind(device) -> str:
    if isinstance(device, WebAuthnCredential):
        return "passkey"
    return "recovery-code" if isinstance(device, RecoveryCodes) else "app"


def locked(request: HttpRequest, user: User) -> bool:
    return not AxesProxyHandler.is_allowed(request, {"username": user.username})


def failed(request: HttpRequest, user: User) -> None:
    """Count a failed second step like a wrong password (django-axes, and our log)."""
    user_login_failed.send(__name__, credentials={"username": user.username}, request=request)


# Views ------------------------------------------------------------------------------------


class PasswordStep(LoginView):
    """Django's login view, which stops half-way when the account has a second step."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form) -> HttpResponse:
        user = form.get_user()
        if not has_second_step(user):
            return super().form_valid(form)
        start_pending(self.request, user, self.get_success_url())
        return redirect("accounts-second-step")


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app, or a recovery code",
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def check_code(user: User, code: str) -> tuple[object | None, bool]:
    """The device that accepts `code`, and whether a device refused to look (throttled).

    Six digits go to the app, anything else to the recovery codes. Each device is locked
    while it checks, so two requests with the same code can't both pass.
    """
    digits = "".join(code.split())
    model = AuthenticatorApp if digits.isdigit() and len(digits) == 6 else RecoveryCodes
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            return None, False
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            return None, True
        token = digits if model is AuthenticatorApp else code
        return (device if device.verify_token(token) else None), False


@never_cache
@csrf_protect
def second_step(request: HttpRequest) -> HttpResponse:
    user = pending_user(request)
    if user is None:
        if request.method == "POST":
            messages.info(request, EXPIRED)
        return redirect("login")
    if locked(request, user):
        request.session.pop(PENDING, None)
        return get_lockout_response(request, None, {"username": user.username})
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, throttled = check_code(user, form.cleaned_data["code"])
        if device is not None:
            return redirect(finish(request, user, device))
        if not throttled:  # a try the throttle turned away checked nothing: not a failure
            failed(request, user)
        form.add_error("code", TOO_SOON if throttled else WRONG_CODE)
    factors = factors_of(user)
    context = {"form": form, "factors": factors, "has_codes": bool(factors.app or factors.codes)}
    return render(request, "registration/second_step.html", context)


@require_POST
def cancel(request: HttpRequest) -> HttpResponse:
    request.session.pop(PENDING, None)
    return redirect("login")


def refusal(error: Exception) -> str:
    """Why a passkey was refused, in a word for the log (never the data sent)."""
    return getattr(error, "code", None) or type(error).__name__


def _json_error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"detail": message}, status=status)


@never_cache
@require_POST
def passkey_begin(request: HttpRequest) -> JsonResponse:
    """Options for the browser's passkey prompt: this person's passkeys when half-way,
    any passkey of this site (with the device's lock) for a passwordless login."""
    if request.user.is_authenticated:
        return _json_error("You're already logged in.", 409)
    user = pending_user(request)
    if user is not None and locked(request, user):
        return _json_error(LOCKED, 429)
    options, state = Helper(request).authenticate_begin(
        user=user, require_user_verification=user is None
    )
    request.session[PASSKEY_STATE] = state
    return JsonResponse(options)


@never_cache
@require_POST
def passkey_complete(request: HttpRequest) -> JsonResponse:
    state = request.session.pop(PASSKEY_STATE, None)
    request.session.save()  # Popped for good, even if what follows fails: no replay.
    if state is None or request.user.is_authenticated:
        return _json_error("That passkey request has expired. Try again.")
    user = pending_user(request)
    if user is not None and locked(request, user):
        return _json_error(LOCKED, 429)
    try:
        body = json.loads(request.body)
        with rewrite_exceptions():
            device = Helper(request).authenticate_complete(
                user=user, state=state, data=body["credential"]
            )
    except (ValueError, KeyError, TypeError, OTPWebAuthnApiError) as error:
        log.warning("passkey refused reason=%s", refusal(error))
        if user is not None:
            failed(request, user)
        if getattr(request, "axes_locked_out", False):
            return _json_error(LOCKED, 429)
        return _json_error("That passkey didn't work here. Try again, or use a code.")
    owner = device.user
    if not device.confirmed or not owner.is_active or locked(request, owner):
        return _json_error("That passkey can't log in right now.", 403)
    if user is None:  # Passwordless: the login page's own "next", if it's ours.
        target = str(body.get("next") or "")
        if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            request.session[PENDING] = {"next": target}
    return JsonResponse({"next": finish(request, owner, device)})
