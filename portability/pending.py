"""An upload between its preview and its confirm step, signed for the account.

Nothing is kept on the server in between: what the confirm step needs travels in the
preview's form, compressed and signed, so nothing but our own preview can be confirmed.
`Pending` holds what every import shares (who the upload is for, the signing, finding
the person); `ChatPending` is a chat, `DaylioPending` a Daylio file.
"""

from __future__ import annotations

import base64
import json
import lzma
import zlib
from array import array
from dataclasses import dataclass, field
from itertools import accumulate
from typing import ClassVar

from django.core import signing

from journal.models import Person
from portability.chat.parse import Chat, Message

MAX_AGE = 60 * 60  # a preview left for an hour must be uploaded again
TICKABLE_CONVERSATIONS = 5  # the latest conversations whose messages may be kept
TICKABLE_MESSAGES = 60


class PendingError(ValueError):
    """A preview token that is not ours, has expired or is damaged; its message says
    what to do (upload the file again)."""


@dataclass(kw_only=True)
class Pending:
    """Who an upload is for: someone picked (`person_id`) or a new name (`new_person`)."""

    person_id: int | None
    new_person: str
    kind: ClassVar[str]  # in the signing salt: one kind's token never opens as another
    expired: ClassVar[str]  # what the person is told when the token won't open

    @classmethod
    def _signer(cls, user) -> signing.TimestampSigner:
        return signing.TimestampSigner(salt=f"almost.{cls.kind}.{user.pk}")

    def _head(self) -> dict:
        return {"person": self.person_id, "new": self.new_person}

    def _seal(self, user, packed: bytes) -> str:
        return self._signer(user).sign(base64.urlsafe_b64encode(packed).decode())

    @classmethod
    def _open(cls, token: str, user) -> bytes:
        """The packed bytes. Raises PendingError when the token is not ours or expired."""
        try:
            return base64.urlsafe_b64decode(cls._signer(user).unsign(token, max_age=MAX_AGE))
        except (signing.BadSignature, ValueError):
            raise PendingError(cls.expired) from None

    def person(self, user) -> Person | None:
        """The chosen person, if they exist already. Queries: 1."""
        people = Person.objects.for_user(user)
        if self.person_id is not None:
            return people.filter(pk=self.person_id).first()
        return people.named(self.new_person).first()


@dataclass(kw_only=True)
class ChatPending(Pending):
    """A chat: only what the import needs, each message's minute, side and word count,
    and the text of the few recent messages the person may tick to keep."""

    chat: Chat
    texts: dict[int, str] = field(default_factory=dict)  # tickable messages by index

    kind = "chat"
    expired = "That preview has expired. Upload the chat again."

    def sign(self, user) -> str:
        chat = self.chat
        minutes = [m.minute for m in chat.messages]
        steps = array(
            "q", [minutes[0]] + [b - a for a, b in zip(minutes, minutes[1:], strict=False)]
        )
        first = chat.senders[0]
        head = self._head() | {
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
        return self._seal(user, zlib.compress(json.dumps(head).encode() + b"\n" + columns, 6))

    @classmethod
    def unsign(cls, token: str, user) -> ChatPending:
        """Raises PendingError when the token is not ours, expired or damaged."""
        packed = cls._open(token, user)
        try:
            raw = zlib.decompress(packed)
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
            return cls(person_id=head["person"], new_person=head["new"], chat=chat, texts=texts)
        except (ValueError, KeyError, TypeError, IndexError, zlib.error):
            raise PendingError(cls.expired) from None


@dataclass(kw_only=True)
class DaylioPending(Pending):
    """A Daylio upload between the preview and the confirm step: the file itself."""

    data: bytes

    kind = "daylio"
    expired = "That preview has expired. Upload the file again."

    def sign(self, user) -> str:
        return self._seal(
            user, lzma.compress(json.dumps(self._head()).encode() + b"\n" + self.data)
        )

    @classmethod
    def unsign(cls, token: str, user) -> DaylioPending:
        """Raises PendingError when the token is not ours, expired or damaged."""
        try:
            head, _, data = lzma.decompress(cls._open(token, user)).partition(b"\n")
            value = json.loads(head)
            return cls(person_id=value["person"], new_person=value["new"], data=data)
        except (ValueError, KeyError, TypeError, lzma.LZMAError):
            raise PendingError(cls.expired) from None
