"""The account's second step: passkeys, an authenticator app, recovery codes.

Everything under /accounts/two-step/ needs the password typed in the last five minutes
(accounts.reauth); each change is written to the "almost.auth" log, never a secret.
"""

import json
import logging
from functools import wraps
from urllib.parse import urlencode

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp_webauthn.exceptions import OTPWebAuthnApiError
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.utils import rewrite_exceptions

from accounts.models import AuthenticatorApp, RecoveryCodes
from accounts.passkeys import Helper
from accounts.reauth import recently_reauthenticated, require_recent_password
from accounts.two_step import drop_codes_if_alone, factors_of, refusal

log = logging.getLogger("almost.auth")
REGISTER_STATE = "almost_passkey_register"


def _changed(request: HttpRequest, what: str) -> None:
    log.info("second step changed user=%s id=%s %s", request.user.username, request.user.pk, what)


def recent_password_action(view):
    """A POST that changes the second step: after five minutes, the password again, then
    back to the two-step page (the POST itself isn't replayed)."""

    @login_required
    @require_POST
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return password_first(request) or view(request, *args, **kwargs)

    return wrapper


def password_first(request: HttpRequest) -> HttpResponse | None:
    """The way to the password form, unless it was typed in the last five minutes."""
    if recently_reauthenticated(request):
        return None
    query = urlencode({"next": reverse("accounts-two-step")})
    return redirect(f"{reverse('accounts-reauth')}?{query}")


@require_recent_password
def two_step(request: HttpRequest) -> HttpResponse:
    factors = factors_of(request.user)
    context = {"factors": factors, "nav": "account"}
    return render(request, "accounts/two_step.html", context)


# Authenticator app ------------------------------------------------------------------------


class ConfirmAppForm(forms.Form):
    code = forms.CharField(
        label="The six-digit code your app shows now",
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def qr_svg(text: str) -> str:
    """A QR code as inline SVG, drawn here (segno): the secret never leaves the server."""
    return segno.make(text, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", title="QR code for your authenticator app"
    )


@require_recent_password
def app_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if AuthenticatorApp.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts-two-step")
    # One unconfirmed app at a time, kept until confirmed, so a reload shows the same code.
    app = AuthenticatorApp.objects.filter(user=user, confirmed=False).first()
    if app is None:
        app = AuthenticatorApp.start(user)
        app.save()
    form = ConfirmAppForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            app = AuthenticatorApp.objects.select_for_update().get(pk=app.pk)
            if app.verify_token("".join(form.cleaned_data["code"].split())):
                app.confirmed = True
                app.save(update_fields=["confirmed"])
                _changed(request, "app=on")
                messages.success(request, "Your authenticator app is on.")
                return redirect("accounts-two-step")
        form.add_error(
            "code", "That code didn't match. Check the time on your phone and try again."
        )
    context = {
        "form": form,
        "qr": qr_svg(app.config_url),
        "secret": app.secret_text,
        "nav": "account",
    }
    return render(request, "accounts/app_setup.html", context)


@recent_password_action
def app_remove(request: HttpRequest) -> HttpResponse:
    AuthenticatorApp.objects.filter(user=request.user).delete()
    drop_codes_if_alone(request.user)
    _changed(request, "app=off")
    messages.success(request, "Your authenticator app is off.")
    return redirect("accounts-two-step")


# Recovery codes -----------------------------------------------------------------------------


@recent_password_action
def codes_new(request: HttpRequest) -> HttpResponse:
    if not factors_of(request.user).is_on:
        messages.info(request, "Set up a passkey or an authenticator app first.")
        return redirect("accounts-two-step")
    codes = RecoveryCodes.replace_for(request.user)
    _changed(request, "recovery-codes=new")
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "nav": "account"})


@recent_password_action
def codes_remove(request: HttpRequest) -> HttpResponse:
    RecoveryCodes.objects.filter(user=request.user).delete()
    _changed(request, "recovery-codes=off")
    messages.success(request, "Your recovery codes are gone.")
    return redirect("accounts-two-step")


# Passkeys ----------------------------------------------------------------------------------


def _get_passkey_for_user(request: HttpRequest, pk: int) -> WebAuthnCredential:
    return get_object_or_404(WebAuthnCredential, pk=pk, user=request.user)


@login_required
@require_POST
def passkey_remove(request: HttpRequest, pk: int) -> HttpResponse:
    passkey = _get_passkey_for_user(request, pk)
    if refused := password_first(request):
        return refused
    passkey.delete()
    drop_codes_if_alone(request.user)
    _changed(request, f"passkey={pk} removed")
    messages.success(request, f"Removed the passkey “{passkey.name}”.")
    return redirect("accounts-two-step")


def _json_guard(request: HttpRequest) -> JsonResponse | None:
    if not recently_reauthenticated(request):
        return JsonResponse(
            {"detail": "Type your password again first.", "reload": True}, status=403
        )
    return None


@never_cache
@login_required
@require_POST
def passkey_register_begin(request: HttpRequest) -> JsonResponse:
    if refused := _json_guard(request):
        return refused
    options, state = Helper(request).register_begin(user=request.user)
    request.session[REGISTER_STATE] = state
    return JsonResponse(options)


class PasskeyNameForm(forms.Form):
    name = forms.CharField(max_length=64, required=False, strip=True)


@never_cache
@login_required
@require_POST
def passkey_register_complete(request: HttpRequest) -> JsonResponse:
    if refused := _json_guard(request):
        return refused
    state = request.session.pop(REGISTER_STATE, None)
    request.session.save()
    if state is None:
        return JsonResponse({"detail": "That request has expired. Try again."}, status=400)
    try:
        body = json.loads(request.body)
        with rewrite_exceptions():
            passkey = Helper(request).register_complete(
                user=request.user, state=state, data=body["credential"]
            )
    except (ValueError, KeyError, TypeError, OTPWebAuthnApiError) as error:
        log.warning("passkey not added user=%s reason=%s", request.user.pk, refusal(error))
        return JsonResponse(
            {"detail": "Your browser's passkey wasn't accepted. Try again."}, status=400
        )
    form = PasskeyNameForm({"name": body.get("name", "")})
    passkey.name = (form.is_valid() and form.cleaned_data["name"]) or "Passkey"
    passkey.save(update_fields=["name"])
    _changed(request, f"passkey={passkey.pk} added")
    messages.success(request, f"Added the passkey “{passkey.name}”.")
    return JsonResponse({"next": reverse("accounts-two-step")})
