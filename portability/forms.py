"""The import forms: a file picked for upload, and who a Daylio file or a chat is with."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from accounts.forms import refuse_null_characters
from journal.forms import PersonChoiceMixin
from journal.models import Person
from portability import daylio
from portability.chat.parse import MAX_BYTES
from portability.export_file import MAX_EXPORT_BYTES


def _too_big(limit: int) -> str:
    return f"That file is over {limit // (1024 * 1024)} MB. Nothing was imported."


class UploadForm(forms.Form):
    """A file picked for upload. ``oversized`` says the request was too big to read it."""

    limit = MAX_EXPORT_BYTES
    prefix_id = "export"
    file = forms.FileField(label="Your Almost export (.json)", required=False)

    def __init__(self, *args, oversized: bool = False, **kwargs):
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("auto_id", f"{self.prefix_id}_%s")  # Two forms share one page.
        super().__init__(*args, **kwargs)
        self.oversized = oversized

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if self.oversized or (upload is not None and upload.size > self.limit):
            raise ValidationError(_too_big(self.limit))
        if upload is None:
            raise ValidationError("Choose a file first.")
        return upload.read()


class DaylioForm(PersonChoiceMixin, UploadForm):
    limit = daylio.MAX_BYTES
    prefix_id = "daylio"
    file = forms.FileField(label="Your Daylio export (.csv)", required=False)
    person = forms.ModelChoiceField(
        label="Whose entries are these?", queryset=Person.objects.none()
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        refuse_null_characters(self)
        self.pick_from(Person.objects.for_user(user))


def oversized(request: HttpRequest, limit: int) -> bool:
    """Whether the body was too big to keep the file (it is then never read into memory)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > limit + 64 * 1024
    except ValueError:
        return True


class ChatForm(DaylioForm):
    """A chat export, the person it is with (or someone new), and the date order if asked."""

    limit = MAX_BYTES
    prefix_id = "chat"
    file = forms.FileField(
        label="Your chat export (.txt, .zip or result.json)",
        required=False,
        help_text="WhatsApp: open the chat, More, Export chat. Telegram Desktop: "
        "Export chat history, as JSON.",
    )
    date_order = forms.ChoiceField(
        label="Dates in the file",
        choices=[
            ("", "Work it out from the file"),
            ("dmy", "Day first (31/12)"),
            ("mdy", "Month first (12/31)"),
        ],
        required=False,
        help_text="Only needed when every date could be read either way.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].label = "Who is the chat with?"
