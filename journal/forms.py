"""Forms parse input; the models validate it (see Interaction.clean)."""

import re
import unicodedata
from datetime import UTC, datetime

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.forms import refuse_null_characters
from journal.models import FEELING_SCALE, Feeling, Interaction, Person

NAME_TOO_LONG = "Keep a name to 80 characters (this one has %(show_value)d)."
CONFLICT_MESSAGE = (
    "This entry was changed somewhere else (another tab or device) after you opened it. "
    "Both versions are below, so nothing is lost. Save again to keep yours."
)


def local_moment(naive: datetime, tz) -> datetime:
    """The moment a wall-clock time in `tz` names, on the nights the clocks change too.

    When they go back, an hour comes twice: the later of the two, unless it is still to
    come (so the form's own "now" stays now). When they go forward, an hour never comes:
    a time in it is read with the offset from before (02:30 is taken as 03:30).
    """
    instants = sorted(naive.replace(tzinfo=tz, fold=fold).astimezone(UTC) for fold in (0, 1))
    past = [moment for moment in instants if moment <= timezone.now()]
    return (past[-1] if past else instants[0]).astimezone(tz)


class LocalDateTimeField(forms.DateTimeField):
    """A date and time in the user's zone. Django refuses one in the hour the clocks
    change ("it may be ambiguous or it may not exist"), even the log form's own "now"."""

    def to_python(self, value):
        if isinstance(value, str):
            try:
                naive = parse_datetime(value.strip())
            except ValueError:
                naive = None
            if naive is not None and timezone.is_naive(naive):
                value = local_moment(naive, timezone.get_current_timezone())
        return super().to_python(value)


class PeopleChoices(forms.models.ModelChoiceIterator):
    """The person list from one plain query, kept for the form's life. Django's own
    iterator reads it through a server-side cursor on PostgreSQL: three round trips for a
    handful of names. Validation still looks the picked person up afresh."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for person in self.queryset:
            yield self.choice(person)


# Invisible characters a paste can carry: zero-width space, word joiner, byte-order mark,
# soft hyphen, direction marks. Joiners that scripts and emoji need (U+200C, U+200D) stay.
INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def tidy_name(name: str) -> str:
    """A name as typed, in the form it is matched and kept: "Ｊｏｒｄａｎ" and "Jor\u200bdan"
    (pasted) are "Jordan" (compatibility forms folded, NFKC, as Django keeps usernames),
    and runs of spaces are one. Checked for length once tidied: a
    few characters grow ("ﷺ" is 18 once normalised)."""
    name = " ".join(unicodedata.normalize("NFKC", INVISIBLE.sub("", name)).split())
    if len(name) > Person._meta.get_field("name").max_length:
        raise forms.ValidationError(NAME_TOO_LONG, "max_length", {"show_value": len(name)})
    return name


def keep_long_text(form: forms.BaseForm, name: str) -> None:
    """No maxlength on the field: a browser would quietly cut a long paste. The form says
    how long it is instead, and keeps all of it to trim."""
    form.fields[name].widget.attrs.pop("maxlength", None)


def version(entry: Interaction) -> str:
    """What the edit form remembers of the entry it opened: its last save, to the microsecond."""
    return entry.updated.astimezone(UTC).isoformat()


class PersonChoiceMixin(forms.Form):
    """Someone picked from the account's people (the form's `person` field, given the list
    with pick_from()) or a new name typed in `new_person`: one of the two is needed. The
    log form and the import forms share it; each decides what a typed name becomes."""

    new_person = forms.CharField(
        label="Or someone new",
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "Their name"}),
        error_messages={"max_length": NAME_TOO_LONG},
    )

    def pick_from(self, people) -> None:
        """List `people` in `person`, none picked unless the form's initial value says."""
        field = self.fields["person"]
        # The iterator first: setting the queryset hands the choices to the widget.
        field.iterator = PeopleChoices
        field.queryset = people
        field.required = False
        field.empty_label = "Pick someone"
        keep_long_text(self, "new_person")

    def clean_new_person(self) -> str:
        return tidy_name(self.cleaned_data["new_person"])

    def clean(self):
        data = super().clean()
        missing = not data.get("person") and not data.get("new_person")
        if missing and "person" not in self.errors and "new_person" not in self.errors:
            self.add_error("person", "Pick someone, or type a new name.")
        return data


class EntryForm(PersonChoiceMixin, forms.ModelForm):
    """The log form: who, when, how, what happened, how it felt."""

    feeling = forms.TypedChoiceField(
        label="How it felt",
        coerce=int,
        choices=[(value, f"{value:+d} {label}") for value, label in FEELING_SCALE.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Say how it felt, from -3 to +3."},
    )
    feelings = forms.MultipleChoiceField(
        label="Feeling words",
        required=False,
        choices=Feeling.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    occurred_at = LocalDateTimeField(
        label="When",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": "Say when it happened.",
            "invalid": "Enter a date and time, like 2026-05-03 21:30.",
        },
    )
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    # The edit form's copy of the entry's last save; a different one means another tab saved.
    seen_updated = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Interaction
        fields = [
            "person",
            "occurred_at",
            "channel",
            "initiated_by",
            "text",
            "feeling",
            "feelings",
            "reply",
            "reply_delay_hours",
            "plan_outcome",
            "asked_clarity",
        ]
        labels = {
            "person": "Who",
            "channel": "How",
            "initiated_by": "Who reached out",
            "reply": "Their reply",
            "reply_delay_hours": "Reply took (hours)",
            "plan_outcome": "What happened to the plan",
        }
        widgets = {
            "text": forms.Textarea(
                attrs={"rows": 3, "placeholder": "What happened, in your own words"}
            ),
            "initiated_by": forms.RadioSelect,
            "reply_delay_hours": forms.NumberInput(attrs={"min": 0, "step": "0.5"}),
        }
        error_messages = {
            "person": {"invalid_choice": "Pick one of your own people."},
            "channel": {"invalid_choice": "Pick how it happened from the list."},
            "text": {"max_length": "Keep it under 5000 characters (it has %(show_value)d)."},
        }

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user
        self.instance.user = user
        self.conflict = None
        refuse_null_characters(self)
        keep_long_text(self, "text")
        if self.instance.pk is not None:
            self.initial["seen_updated"] = version(self.instance)
        people = Person.objects.for_user(user)
        self.pick_from(people.active() if self.instance.pk is None else people)
        for name in ("initiated_by", "reply", "plan_outcome"):
            self.fields[name].choices = [("", "Not sure")] + list(self.fields[name].choices)[1:]
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("occurred_at", timezone.localtime().replace(second=0))

    def clean(self):
        data = super().clean()
        self.check_not_changed()
        return data

    def check_not_changed(self) -> None:
        """Refuse to silently overwrite a save made after this form was opened.

        Runs before the posted values reach the instance, so ``conflict`` keeps the saved
        text. The form then carries the new version: saving again is a deliberate choice.
        """
        seen = self.cleaned_data.get("seen_updated")
        if self.instance.pk is None or not seen or seen == version(self.instance):
            return
        self.conflict = self.instance.text
        self.data = self.data.copy()
        self.data["seen_updated"] = version(self.instance)
        raise forms.ValidationError(CONFLICT_MESSAGE, code="conflict")

    def save(self, commit: bool = True) -> Interaction:
        """Save the entry, first creating the person if a new name was typed.

        A typed name wins over the person picked in the list: typing is the later, more
        deliberate act (the list comes preselected).
        """
        name = self.cleaned_data.get("new_person")
        if name:
            self.instance.person = Person.objects.get_or_create_named(self.user, name)
        return super().save(commit)


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "relationship", "notes", "archived"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        labels = {"archived": "Archived (hidden from the log form)"}
        error_messages = {"name": {"max_length": NAME_TOO_LONG}}

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.instance.user = user
        refuse_null_characters(self)
        keep_long_text(self, "notes")
        keep_long_text(self, "name")

    def clean_name(self) -> str:
        name = tidy_name(self.cleaned_data["name"])
        clash = Person.objects.for_user(self.instance.user).named(name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("You already have someone with that name.")
        return name
