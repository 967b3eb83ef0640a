from functools import cache

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, UserCreationForm
from django.core.validators import MaxLengthValidator

from accounts.models import User, known_time_zones, zone_label

NULL_MESSAGE = (
    "This has a hidden null character in it, which we can't store. It can come from "
    "pasting: type that part again and save."
)


def refuse_null_characters(form: forms.BaseForm) -> None:
    """Say plainly why text with a NUL character is refused (PostgreSQL can't store it).

    Django's text fields already refuse it; this gives every field of the form our message.
    """
    for field in form.fields.values():
        field.error_messages["null_characters_not_allowed"] = NULL_MESSAGE


# The areas of "Area/City" names. Outside them are the tz database's old aliases
# ("US/Eastern", "GB", "Etc/GMT+5", "UCT"). A few old names inside an area stay
# ("Asia/Calcutta"): some browsers still report them, and almost.js preselects the
# browser's zone only if it is in the list.
AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)


def time_zone_choice(name: str) -> tuple[str, str]:
    return (name, zone_label(name))


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    """The zones we offer: "UTC" and the Area/City names, sorted."""
    names = sorted(z for z in known_time_zones() if z == "UTC" or z.split("/")[0] in AREAS)
    return [time_zone_choice(name) for name in names]


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=time_zone_choices,
            label="Your time zone",
            help_text="So “late at night” means your night. We pick your browser's zone when we can: check it.",
            widget=forms.Select(attrs={"data-guess-time-zone": ""}),
            **kwargs,
        )


class NoColon:
    """Labels without a trailing colon, as everywhere else in the app."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class LoginForm(NoColon, AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # AuthenticationForm sets max_length after the field is built, so its validator
        # is missing; without it a 300-character name reaches the lockout table.
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class PasswordForm(NoColon, PasswordChangeForm):
    """The password change. The old password is checked through authenticate(), so wrong
    ones count towards the same lockout as the login page (django-axes), and a locked
    name gets the lockout page here too."""

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        user = authenticate(self.request, username=self.user.get_username(), password=old_password)
        if user is None or user.pk != self.user.pk:
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


# Said for a taken name without confirming that an account by that name exists.
NAME_UNAVAILABLE = "That username can't be used. Try another."


class SignupForm(NoColon, UserCreationForm):
    time_zone = TimeZoneField(initial="UTC")

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "time_zone"]
        error_messages = {"username": {"unique": NAME_UNAVAILABLE}}

    def clean_username(self) -> str:
        username = self.cleaned_data.get("username")
        if username and User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(NAME_UNAVAILABLE, code="unavailable")
        return username


class SettingsForm(NoColon, forms.ModelForm):
    time_zone = TimeZoneField()

    class Meta:
        model = User
        fields = ["time_zone", "week_start"]
        labels = {"week_start": "Weeks start on"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].help_text = (
            "So “late at night” means your night. Changing it keeps your entries at the "
            "times you gave them."
        )
        # A zone saved before the list lost its aliases ("US/Eastern") stays offered, so
        # the form shows it and saving other settings keeps it.
        current = self.instance.time_zone
        choices = time_zone_choices()
        if current in known_time_zones() and time_zone_choice(current) not in choices:
            self.fields["time_zone"].choices = sorted([*choices, time_zone_choice(current)])
