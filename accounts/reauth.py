"""Ask for the password again before the big, irreversible things (export, deleting it all).

    from accounts.reauth import require_recent_password

    @require_recent_password
    def delete_account(request): ...

Without a password typed in the last REAUTH_SECONDS, the view sends the person to a
short form and brings them back afterwards. Wrong passwords there count towards the
same lockout as the login page (django-axes).
"""

from functools import wraps
from urllib.parse import urlencode, urlsplit

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

REAUTH_KEY = "almost_reauthenticated_at"
REAUTH_SECONDS = 5 * 60
DOWNLOAD_KEY = "almost_download"
# Targets that answer with a file: the browser would stay on the password page.
DOWNLOADS = {"accounts-export-json", "accounts-export-csv"}


def recently_reauthenticated(request: HttpRequest) -> bool:
    at = request.session.get(REAUTH_KEY)
    now = timezone.now().timestamp()
    return at is not None and 0 <= now - at <= REAUTH_SECONDS


def require_recent_password(view):
    """Log in first, then the password again if it is more than five minutes old."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if recently_reauthenticated(request):
            return view(request, *args, **kwargs)
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('accounts-reauth')}?{query}")

    return wrapper


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(self, request: HttpRequest, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        user = authenticate(
            self.request, username=self.request.user.get_username(), password=password
        )
        if user is None or user.pk != self.request.user.pk:
            raise forms.ValidationError("That isn't your password. Try again.")
        return password


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("accounts-settings")


def _is_download(target: str) -> bool:
    try:
        return resolve(urlsplit(target).path).url_name in DOWNLOADS
    except Resolver404:
        return False


@login_required
def confirm_password(request: HttpRequest) -> HttpResponse:
    form = ConfirmPasswordForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.session[REAUTH_KEY] = timezone.now().timestamp()
        target = _next(request)
        if _is_download(target):
            # Back to the account page, which starts the download (see settings.html).
            request.session[DOWNLOAD_KEY] = target
            return redirect("accounts-settings")
        return redirect(target)
    return render(
        request,
        "accounts/confirm_password.html",
        {"form": form, "next": _next(request), "nav": "account"},
    )
