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
from array import array
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
        steps = array(
            "q", [minutes[0]] + [b - a for a, b in zip(minutes, minutes[1:], strict=False)]
        )
        first = chat.senders[0]
        head = {
            "person": self.person_id,
            "new": self.new_person,
            "source": chat.source,
            "kind": chat.kind,
            "title": chat.title,
            "senders": chat.senders,
            "count": len(minutes),
            "texts": {str(i): text for i, text in self.texts.items()},
        }
        # The long columns as machine numbers: far quicker to pack than JSON.
        columns = (
            steps.tobytes()
            + array("I", [m.words for m in chat.messages]).tobytes()
            + bytes(0 if m.sender == first else 1 for m in chat.messages)
        )
        packed = zlib.compress(json.dumps(head).encode() + b"\n" + columns, 6)
        return self._signer(user).sign(base64.urlsafe_b64encode(packed).decode())

    @classmethod
    def unsign(cls, token: str, user) -> Pending:
        """Raises PendingError when the token is not ours, expired or damaged."""
        try:
            packed = cls._signer(user).unsign(token, max_age=MAX_AGE)
            raw = zlib.decompress(base64.urlsafe_b64decode(packed))
            head_bytes, _, columns = raw.partition(b"\n")
            head = json.loads(head_bytes)
            count, senders = head["count"], head["senders"]
            steps, words = array("q"), array("I")
            steps.frombytes(columns[: 8 * count])
            words.frombytes(columns[8 * count : 12 * count])
            sides = columns[12 * count :]
            if len(steps) != count or len(words) != count or len(sides) != count:
                raise ValueError("damaged")
            texts = {int(i): text for i, text in head["texts"].items()}
            messages = [
                Message(minute, senders[side], texts.get(i, ""), n)
                for i, (minute, side, n) in enumerate(
                    zip(accumulate(steps), sides, words, strict=True)
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
        return people.named(self.new_person).first()
