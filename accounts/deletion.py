"""Deleting an account: every row of it, in one transaction, after the password.

The form asks for the password itself (rather than accounts.reauth), so deleting takes
one page, however recently the password was typed.
"""

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.forms import refuse_null_characters
from accounts.signals import account_contents


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    username = forms.CharField(label="Type your username to confirm", strip=True)

    def __init__(self, *args, request, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = request.user
        refuse_null_characters(self)

    def clean_password(self) -> str:
        # Through authenticate(), so wrong guesses here count towards the login lockout.
        password = self.cleaned_data["password"]
        user = authenticate(self.request, username=self.user.get_username(), password=password)
        if user is None or user.pk != self.user.pk:
            raise forms.ValidationError("That isn't your password. Try again.")
        return password

    def clean_username(self) -> str:
        if self.cleaned_data["username"] != self.user.get_username():
            raise forms.ValidationError("That isn't your username. Type it exactly as shown.")
        return self.cleaned_data["username"]


@transaction.atomic
def delete_account(user) -> None:
    """Delete the user and everything that is theirs.

    The database cascades from the user to every row that points at it (people, entries
    and what hangs on them, in whichever app); the session rows go in accounts.signals
    (pre_delete); django-axes keys its rows by name, not by a foreign key, so they are
    deleted here.
    """
    username = user.get_username()
    for name in ("AccessAttempt", "AccessFailureLog", "AccessLog"):
        if apps.is_installed("axes"):
            apps.get_model("axes", name).objects.filter(username=username).delete()
    user.delete()


@login_required
def delete(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = DeleteAccountForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            logout(request)
            delete_account(user)
        messages.success(request, "Your account and everything in it are gone. Take care.")
        return redirect("login")
    context = {"form": form, "nav": "account"}
    for _receiver, counts in account_contents.send(sender=type(user), user=user):
        context.update(counts)  # journal's "people" and "entries"
    return render(request, "accounts/delete.html", context)
