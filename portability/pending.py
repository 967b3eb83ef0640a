"""A chat between the preview and the confirm step, signed for the account.

Only what the import needs travels: each message's minute, side and word count, and the
text of the few recent messages the person may tick to keep. It goes in the preview's
forms compressed and signed (as the Daylio preview does), so nothing is kept on the
server in between and nothing but our own preview can be confirmed.
"""

from __future__ import annotations

import base64
import json
import zlib
from dataclasses import dataclass, field
from itertools import accumulate

from django.core import signing

from journal.models import Person
from portability.chat.parse import Chat, Message

MAX_AGE = 60 * 60  # a preview left for an hour must be uploaded again
TICKABLE_CONVERSATIONS = 5  # the latest conversations whose messages may be kept
TICKABLE_MESSAGES = 60


class PendingError(ValueError):
    pass


@dataclass
class Pending:
    chat: Chat
    person_id: int | None
    new_person: str
    texts: dict[int, str] = field(default_factory=dict)  # tickable messages by index

    @staticmethod
    def _signer(user) -> signing.TimestampSigner:
        return signing.TimestampSigner(salt=f"almost.chat.{user.pk}")

    def sign(self, user) -> str:
        chat = self.chat
        minutes = [m.minute for m in chat.messages]
        steps = [minutes[0]] + [b - a for a, b in zip(minutes, minutes[1:], strict=False)]
        head = {
            "person": self.person_id,
            "new": self.new_person,
            "source": chat.source,
            "kind": chat.kind,
            "title": chat.title,
            "senders": chat.senders,
            "steps": steps,
            "sides": "".join(str(chat.senders.index(m.sender)) for m in chat.messages),
            "words": [m.words for m in chat.messages],
            "texts": {str(i): text for i, text in self.texts.items()},
        }
        packed = zlib.compress(json.dumps(head, ensure_ascii=False).encode(), 6)
        return self._signer(user).sign(base64.urlsafe_b64encode(packed).decode())

    @classmethod
    def unsign(cls, token: str, user) -> Pending:
        """Raises PendingError when the token is not ours, expired or damaged."""
        try:
            packed = cls._signer(user).unsign(token, max_age=MAX_AGE)
            head = json.loads(zlib.decompress(base64.urlsafe_b64decode(packed)))
            senders = head["senders"]
            texts = {int(i): text for i, text in head["texts"].items()}
            messages = [
                Message(minute, senders[int(side)], texts.get(i, ""), words)
                for i, (minute, side, words) in enumerate(
                    zip(accumulate(head["steps"]), head["sides"], head["words"], strict=True)
                )
            ]
            chat = Chat(head["source"], head["kind"], messages, senders, head["title"])
            return cls(chat, head["person"], head["new"], texts)
        except (signing.BadSignature, ValueError, KeyError, TypeError, IndexError, zlib.error):
            raise PendingError("That preview has expired. Upload the chat again.") from None

    def person(self, user) -> Person | None:
        """The chosen person, if they exist already. Queries: 1."""
        people = Person.objects.for_user(user)
        if self.person_id is not None:
            return people.filter(pk=self.person_id).first()
        return people.filter(name__iexact=self.new_person).first()
