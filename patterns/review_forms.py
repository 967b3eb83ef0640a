"""Forms for the basics and the weekly review; the models validate (Basic.clean)."""

from django import forms

from journal.forms import refuse_null_characters
from journal.models import FEELING_SCALE, Basic, Choice, Decision, Person


class BasicForm(forms.ModelForm):
    class Meta:
        model = Basic
        fields = ["line", "number", "person", "words"]
        labels = {
            "line": "Your line",
            "number": "The number (fills the blank)",
            "person": "For",
            "words": "What you need, in your own words",
        }
        widgets = {
            "number": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "words": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.instance.user = user
        self.fields["person"].queryset = Person.objects.for_user(user).active()
        self.fields["person"].empty_label = "Everyone"
        refuse_null_characters(self)


class DecisionForm(forms.ModelForm):
    feeling = forms.TypedChoiceField(
        label="How did this week feel with them?",
        choices=[("", "Skip")] + [(k, f"{k:+d} {v}") for k, v in FEELING_SCALE.items()],
        coerce=int,
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Decision
        fields = ["feeling", "choice", "note", "look_again"]
        labels = {
            "choice": "What you decide",
            "note": "A note for yourself (optional, sealed)",
            "look_again": "Look at this again on (optional)",
        }
        widgets = {
            "choice": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
            "look_again": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user, person, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.instance.user = user
        self.instance.person = person
        self.fields["choice"].choices = Choice.choices  # four radios, no empty one
        refuse_null_characters(self)
