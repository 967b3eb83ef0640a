"""Forms parse input; the models validate it (see Interaction.clean)."""

from django import forms
from django.utils import timezone

from journal.models import FEELING_SCALE, Feeling, Interaction, Person


class EntryForm(forms.ModelForm):
    """The log form: who, when, how, what happened, how it felt."""

    new_person = forms.CharField(
        label="Or someone new",
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "Their name"}),
    )
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
    occurred_at = forms.DateTimeField(
        label="When",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "Enter a date and time, like 2026-05-03 21:30."},
    )
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

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
            "text": {"max_length": "Keep it under 5,000 characters (it has %(show_value)d)."},
        }

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user
        self.instance.user = user
        people = Person.objects.for_user(user)
        if self.instance.pk is None:
            people = people.active()
        self.fields["person"].queryset = people
        self.fields["person"].required = False
        self.fields["person"].empty_label = "Pick someone"
        for name in ("initiated_by", "reply", "plan_outcome"):
            self.fields[name].choices = [("", "Not sure")] + list(self.fields[name].choices)[1:]
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("occurred_at", timezone.localtime().replace(second=0))

    def clean_new_person(self) -> str:
        return " ".join(self.cleaned_data["new_person"].split())

    def clean(self):
        data = super().clean()
        missing = not data.get("person") and not data.get("new_person")
        if missing and "person" not in self.errors:
            self.add_error("person", "Pick someone, or type a new name.")
        return data

    def save(self, commit: bool = True) -> Interaction:
        """Save the entry, first creating the person if a new name was typed."""
        name = self.cleaned_data.get("new_person")
        if name and not self.cleaned_data.get("person"):
            self.instance.person = Person.objects.for_user(self.user).filter(
                name__iexact=name
            ).first() or Person.objects.create(user=self.user, name=name)
        return super().save(commit)


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "relationship", "notes", "archived"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        labels = {"archived": "Archived (hidden from the log form)"}

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.instance.user = user

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        clash = Person.objects.for_user(self.instance.user).filter(name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("You already have someone with that name.")
        return name
