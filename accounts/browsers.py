"""The browsers logged in to an account, and signing out all but this one."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.signals import browsers_of, end_sessions

log = logging.getLogger("almost.auth")


@login_required
def browsers(request: HttpRequest) -> HttpResponse:
    context = {"browsers": browsers_of(request.user, request.session.session_key), "nav": "account"}
    return render(request, "accounts/browsers.html", context)


@login_required
@require_POST
def sign_out_others(request: HttpRequest) -> HttpResponse:
    ended = end_sessions(request.user, keep=request.session.session_key)
    log.info(
        "signed out other browsers user=%s id=%s count=%s",
        request.user.username,
        request.user.pk,
        ended,
    )
    if ended == 1:
        messages.success(request, "Signed out 1 other browser.")
    else:
        messages.success(request, f"Signed out {ended} other browsers.")
    return redirect("accounts-browsers")
