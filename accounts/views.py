from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.forms import PasswordForm, SettingsForm, SignupForm
from accounts.models import User, zone
from accounts.reauth import DOWNLOAD_KEY
from accounts.signals import time_zone_changed
from accounts.two_step import steps_set

SIGNUPS_FULL = (
    "This server has made as many new accounts as it takes in an hour. "
    "Nothing was saved; please try again later."
)


def signups_full() -> bool:
    """Whether the last hour's new accounts reached ALMOST_SIGNUPS_PER_HOUR (0: no limit).

    One count for the whole server rather than per address: a home server signs up a
    handful of people, and nobody's address is kept.
    """
    limit = settings.ALMOST_SIGNUPS_PER_HOUR
    since = timezone.now() - timedelta(hours=1)
    return limit > 0 and User.objects.filter(date_joined__gte=since).count() >= limit


def signup(request: HttpRequest) -> HttpResponse:
    if not settings.ALLOW_SIGNUP:
        raise Http404("Sign-up is turned off on this server.")
    if request.user.is_authenticated:
        return redirect("journal-log")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and signups_full():
        form.add_error(None, SIGNUPS_FULL)
        return render(request, "registration/signup.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("journal-log")
    return render(request, "registration/signup.html", {"form": form})


@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    form = SettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # The zone as stored, locked: a second Save posted meanwhile waits, then finds
            # the zone already changed and moves nothing.
            users = User.objects.select_for_update().filter(pk=request.user.pk)
            old = users.values_list("time_zone", flat=True).get()
            user = form.save()
            said = []
            if old != user.time_zone:  # journal keeps the entries' clock times
                answers = time_zone_changed.send(
                    sender=User, user=user, old=zone(old), new=zone(user.time_zone)
                )
                said = [sentence for _receiver, sentence in answers if sentence]
        messages.success(request, " ".join(["Saved your settings.", *said]))
        return redirect("accounts-settings")
    # Set by the password check in front of an export: start that download here.
    download = request.session.pop(DOWNLOAD_KEY, None)
    context = {
        "form": form,
        "nav": "account",
        "download": download,
        "second_step": steps_set(request.user),
    }
    return render(request, "accounts/settings.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordForm
    success_url = "/accounts/password/done/"

    def get_form_kwargs(self) -> dict:
        return super().get_form_kwargs() | {"request": self.request}


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What django-axes answers after too many failed logins (AXES_LOCKOUT_CALLABLE).

    The same page whether or not the name belongs to an account.
    """
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
