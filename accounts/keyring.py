"""The keyring: every account's wrapped data key, kept apart from the dated backups.

The dated backups (journal.backups) hold the sealed text but no data key. The keys go
into one file, `keyring.json` in the backups folder, which each backup replaces. So an
account deleted today has no key in the keyring written by the next backup, and a
backup made before the deletion, restored with that keyring, brings the account's rows
back without a key: `restore` drops them, and nothing can open their text, master key
or not. That holds as long as no older keyring is kept (see docs/backups.md).

The keyring lists every account that existed when it was written, with its key (or
none, for an account that never sealed anything):

    {"almost_keyring": 1, "written": "<UTC time>",
     "accounts": [{"id": 3, "joined": "<UTC time>", "wrapped": "...", "master_key_id": "..."}]}

An account of the backup that the keyring doesn't list was either deleted before the
keyring was written (it joined earlier: dropped on restore), or made after it (it joined
later: the keyring is too old for this backup, and restore says so). The keys stay
wrapped by the master key, as in the database, so the keyring alone opens nothing.
"""

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from accounts.crypto import MasterKey, MasterKeyError, unwrap_data_key
from accounts.models import DataKey, User

NAME = "keyring.json"
FORMAT = 1


class KeyringError(Exception):
    """The keyring is missing, unreadable, too old for the backup, or not this master key's."""


@dataclass(frozen=True)
class Entry:
    id: int
    joined: datetime
    wrapped: str | None
    master_key_id: str | None

    def same_account(self, joined: datetime) -> bool:
        # To the second: a JSON backup keeps times to the millisecond only.
        return self.joined.replace(microsecond=0) == joined.replace(microsecond=0)


@dataclass(frozen=True)
class Keyring:
    path: Path
    written: datetime
    accounts: dict[int, Entry]

    def check_master_key(self, master: MasterKey) -> None:
        """Raise KeyringError unless `master` unwraps every key in the keyring."""
        for entry in self.accounts.values():
            if entry.wrapped is None:
                continue
            try:
                unwrap_data_key(master, entry.id, entry.wrapped, entry.master_key_id)
            except MasterKeyError:
                raise KeyringError(
                    f"The master key here ({master.source}, id {master.id}) doesn't open "
                    f"the account keys in {self.path.name}: they were wrapped by master key "
                    f"{entry.master_key_id}. Set ALMOST_MASTER_KEY or ALMOST_MASTER_KEY_FILE "
                    "to the master key of the install this backup came from. Nothing was "
                    "restored."
                ) from None


def write_keyring(connection: BaseDatabaseWrapper, directory: Path) -> Path:
    """Replace the keyring in `directory` with this database's accounts and keys.

    Queries: two, read from one snapshot.
    """
    alias = connection.alias
    with transaction.atomic(using=alias):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        written = timezone.now()
        users = list(User.objects.using(alias).order_by("pk").values_list("pk", "date_joined"))
        rows = DataKey.objects.using(alias).values_list("user_id", "wrapped", "master_key_id")
        keys = {user_id: (wrapped, by) for user_id, wrapped, by in rows}
    accounts = [
        {
            "id": pk,
            "joined": joined.astimezone(UTC).isoformat(),
            "wrapped": keys.get(pk, (None, None))[0],
            "master_key_id": keys.get(pk, (None, None))[1],
        }
        for pk, joined in users
    ]
    document = {"almost_keyring": FORMAT, "written": written.isoformat(), "accounts": accounts}
    target = directory / NAME
    partial = directory / f".partial-{NAME}"
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        json.dump(document, stream, indent=1)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(partial, target)
    return target


def read_keyring(path: Path) -> Keyring:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("almost_keyring") != FORMAT:
            raise ValueError("not a keyring of this version")
        accounts = {
            int(item["id"]): Entry(
                id=int(item["id"]),
                joined=datetime.fromisoformat(item["joined"]),
                wrapped=item["wrapped"],
                master_key_id=item["master_key_id"],
            )
            for item in document["accounts"]
        }
        written = datetime.fromisoformat(document["written"])
    except OSError as error:
        raise KeyringError(f"The keyring {path} can't be read: {error.strerror}.") from None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise KeyringError(
            f"{path} is not a keyring written by `manage.py backup` ({error})."
        ) from None
    return Keyring(path, written, accounts)


def apply_keyring(connection: BaseDatabaseWrapper, keyring: Keyring) -> list[int]:
    """Give the restored accounts their keys from the keyring; drop the deleted ones.

    Every key row is replaced by the keyring's, so keys that came inside an older
    backup are gone too. Returns the ids of the accounts dropped, deleted after the
    backup was made. Raises KeyringError, changing nothing, when the keyring is older
    than accounts in the backup.
    """
    alias = connection.alias
    with transaction.atomic(using=alias):
        users = list(User.objects.using(alias).values_list("pk", "date_joined"))
        listed = {pk for pk, joined in users if _listed(keyring, pk, joined)}
        too_new = [pk for pk, joined in users if pk not in listed and joined > keyring.written]
        if too_new:
            raise KeyringError(
                f"{keyring.path.name} was written before {len(too_new)} account(s) of this "
                "backup were made, so it has no keys for them. Use the keyring from the "
                "folder the backup was made in (each backup writes it anew), then run "
                "restore again with --force."
            )
        dropped = sorted(pk for pk, _ in users if pk not in listed)
        User.objects.using(alias).filter(pk__in=dropped).delete()
        DataKey.objects.using(alias).all().delete()
        DataKey.objects.using(alias).bulk_create(_rows(keyring, listed))
    return dropped


def _listed(keyring: Keyring, pk: int, joined: datetime) -> bool:
    entry = keyring.accounts.get(pk)
    return entry is not None and entry.same_account(joined)


def _rows(keyring: Keyring, listed: set[int]) -> Iterable[DataKey]:
    for pk in sorted(listed):
        entry = keyring.accounts[pk]
        if entry.wrapped is not None:
            yield DataKey(user_id=pk, wrapped=entry.wrapped, master_key_id=entry.master_key_id)
