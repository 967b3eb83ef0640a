from django import forms

from portability.chat.parse import MAX_BYTES
from portability.imports import DaylioForm


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
