"""Keys for sealed text: the server's master key and each account's own data key.

Every account gets 32 random bytes as its data key (journal.sealing seals what people
write with it). The database keeps that key only wrapped with AES-GCM under the master
key, which lives outside the database: in ALMOST_MASTER_KEY, in the file named by
ALMOST_MASTER_KEY_FILE, or else in KEY_DIR/master_key, generated on first start, in a
folder apart from the data folder and its backups (an install from before keeps its
DATA_DIR/master_key, with a warning at start). Deleting an account deletes its wrapped
key; backups keep the keys only in their keyring (accounts.keyring), so its text can't
be read again once the next backup has run.

Unwrapped keys are cached per process, and inside a request (or a `key_scope()` block)
an account's key row is looked up once, so a page of entries costs one query for keys.
A missing or wrong master key raises MasterKeyError with what to do about it; the
system checks below catch it when the server starts.
"""

import base64
import hashlib
import os
import sys
import threading
from collections import OrderedDict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, IntegrityError, transaction

KEY_BYTES = 32
NONCE_BYTES = 12
KEY_FILE = "master_key"
MAKE_KEY = 'python -c "import base64, os; print(base64.b64encode(os.urandom(32)).decode())"'


class SealError(Exception):
    """Sealed text can't be opened, or a write would store it unsealed."""


class MasterKeyError(SealError, ImproperlyConfigured):
    """The master key is missing, malformed, or not the one that wrapped the account keys."""


@dataclass(frozen=True)
class MasterKey:
    key: bytes = field(repr=False)
    source: str
    file: Path | None = None  # the file it was read from, if any

    @property
    def id(self) -> str:
        return key_id(self.key)

    @property
    def cipher(self) -> AESGCM:
        return AESGCM(self.key)


def key_id(key: bytes) -> str:
    """A short fingerprint of a master key. It says which key wrapped a data key."""
    return hashlib.sha256(b"almost master key id|" + key).hexdigest()[:16]


def parse_key(text: str, where: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise MasterKeyError(
            f"{where} must hold 32 random bytes in base64 (44 characters). Make one with: {MAKE_KEY}"
        )
    return key


def new_key_text() -> str:
    return base64.b64encode(os.urandom(KEY_BYTES)).decode()


def write_key_file(path: Path, text: str) -> bool:
    """Write a key file only its owner can read. False if the file already exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.link(tmp, path)  # Atomic, and never replaces a key another process just wrote.
    except FileExistsError:
        return False
    finally:
        tmp.unlink(missing_ok=True)
    return True


def read_key_file(path: Path, where: str) -> MasterKey:
    try:
        text = path.read_text()
    except OSError as error:
        raise MasterKeyError(
            f"The master key file {path} ({where}) can't be read: {error.strerror}. "
            "Without the master key no one's text can be opened."
        ) from None
    return MasterKey(parse_key(text, str(path)), str(path), path)


def master_key() -> MasterKey:
    """The server's master key, as the settings say. Made once if none is configured."""
    return _load_master_key(
        getattr(settings, "MASTER_KEY", ""),
        getattr(settings, "MASTER_KEY_FILE", ""),
        str(settings.KEY_DIR),
        str(settings.DATA_DIR),
    )


def forget_master_key() -> None:
    """Read the master key again on next use (after rotate_master_key replaced it)."""
    _load_master_key.cache_clear()


@lru_cache(maxsize=4)
def _load_master_key(value: str, file: str, key_dir: str, data_dir: str) -> MasterKey:
    if value:
        return MasterKey(parse_key(value, "ALMOST_MASTER_KEY"), "ALMOST_MASTER_KEY")
    if file:
        return read_key_file(Path(file), "from ALMOST_MASTER_KEY_FILE")
    path = Path(key_dir) / KEY_FILE
    earlier = Path(data_dir) / KEY_FILE  # where versions before the keys folder made it
    if not path.exists() and earlier.exists():
        return read_key_file(earlier, "in the data folder")
    if not path.exists() and write_key_file(path, new_key_text()):
        print(
            f"Almost made a new master key in {path}.\n"
            "It unlocks everything people write here. Back it up now, and keep it apart "
            "from the database backups: without it no backup can be read.",
            file=sys.stderr,
        )
        made = read_key_file(path, "in the keys folder")
        return MasterKey(made.key, f"{path} (made just now)", path)
    return read_key_file(path, "in the keys folder")


def key_beside_backups(master: MasterKey) -> bool:
    """Whether one copy of a folder would take the master key file and the backups along."""
    if master.file is None:
        return False
    key = master.file.resolve()
    backups = Path(settings.BACKUP_DIR).resolve()
    return backups.is_relative_to(key.parent) or key.is_relative_to(backups)


# --------------------------------------------------------------------------------------
# Wrapping data keys
# --------------------------------------------------------------------------------------
def _wrap_aad(user_id: int) -> bytes:
    return f"accounts_datakey|{user_id}".encode()


def wrap_data_key(master: MasterKey, user_id: int, raw: bytes) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = master.cipher.encrypt(nonce, raw, _wrap_aad(user_id))
    return base64.b64encode(nonce + sealed).decode()


def unwrap_data_key(master: MasterKey, user_id: int, wrapped: str, wrapped_by: str) -> bytes:
    if wrapped_by != master.id:
        raise MasterKeyError(
            f"The key of account {user_id} was wrapped by master key {wrapped_by}, but this "
            f"server's master key ({master.source}) is {master.id}. Set the master key this "
            "database was made with, or run rotate_master_key again if it was interrupted."
        )
    try:
        blob = base64.b64decode(wrapped)
        return master.cipher.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], _wrap_aad(user_id))
    except (InvalidTag, ValueError):
        raise MasterKeyError(
            f"The key of account {user_id} can't be unwrapped: its row was changed in the "
            "database or copied from another account."
        ) from None


# --------------------------------------------------------------------------------------
# Looking data keys up: a process cache of unwrapped keys and a per-request memo
# --------------------------------------------------------------------------------------
class _KeyCache:
    """Unwrapped data keys shared by the threads of a process, least recently used out."""

    def __init__(self, size: int = 256):
        self.size = size
        self._items: OrderedDict[tuple, AESGCM] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> AESGCM | None:
        with self._lock:
            cipher = self._items.get(key)
            if cipher is not None:
                self._items.move_to_end(key)
            return cipher

    def put(self, key: tuple, cipher: AESGCM) -> None:
        with self._lock:
            self._items[key] = cipher
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def forget(self, user_id: int) -> None:
        with self._lock:
            for key in [key for key in self._items if key[0] == user_id]:
                del self._items[key]


_cache = _KeyCache()


class _Scope:
    """Keys already looked up in this request. A key made in a transaction counts only
    once that transaction commits, so a rollback can't leave a key that isn't stored."""

    def __init__(self):
        self.keys: dict[int, AESGCM] = {}
        self.pending: set[int] = set()

    def settle(self, user_id: int, cipher: AESGCM) -> None:
        self.pending.discard(user_id)
        self.keys[user_id] = cipher


_scope: ContextVar[_Scope | None] = ContextVar("almost_key_scope", default=None)


@contextmanager
def key_scope():
    """Look each account's key up once inside this block. Requests get one by themselves;
    management commands that read many rows can use it."""
    token = _scope.set(_Scope())
    try:
        yield
    finally:
        _scope.reset(token)


def data_key(user_id: int, *, create: bool = False) -> AESGCM:
    """The account's data key, ready to seal and open. Makes one if `create` and none exists.

    Queries: one per account per request or key scope; making a key adds an insert.
    """
    scope = _scope.get()
    if scope is not None and user_id in scope.keys:
        return scope.keys[user_id]
    from accounts.models import DataKey

    master = master_key()
    row = DataKey.objects.filter(user_id=user_id).values_list("wrapped", "master_key_id").first()
    created = False
    if row is None:
        if not create:
            raise SealError(
                f"Account {user_id} has no data key, so its text can't be opened. "
                "It was deleted with the account, or the table was emptied."
            )
        row, created = _create_data_key(DataKey, master, user_id)
    wrapped, wrapped_by = row
    cipher = _cache.get((user_id, wrapped_by, wrapped)) if wrapped_by == master.id else None
    if cipher is None:
        cipher = AESGCM(unwrap_data_key(master, user_id, wrapped, wrapped_by))
        _cache.put((user_id, wrapped_by, wrapped), cipher)
    if scope is not None:
        if created:
            scope.pending.add(user_id)
            transaction.on_commit(lambda: scope.settle(user_id, cipher))
        elif user_id not in scope.pending:
            scope.keys[user_id] = cipher
    return cipher


def _create_data_key(DataKey, master: MasterKey, user_id: int) -> tuple[tuple[str, str], bool]:
    wrapped = wrap_data_key(master, user_id, os.urandom(KEY_BYTES))
    try:
        with transaction.atomic():
            DataKey.objects.create(user_id=user_id, wrapped=wrapped, master_key_id=master.id)
    except IntegrityError:
        # Another request made this account's key first: use theirs.
        row = DataKey.objects.filter(user_id=user_id).values_list("wrapped", "master_key_id")
        if not row:
            raise
        return row[0], False
    return (wrapped, master.id), True


def forget_key(sender, instance, **kwargs) -> None:
    """Drop a deleted account key from memory too."""
    _cache.forget(instance.user_id)
    scope = _scope.get()
    if scope is not None:
        scope.keys.pop(instance.user_id, None)


def begin_request(**kwargs) -> None:
    _scope.set(_Scope())


def end_request(**kwargs) -> None:
    _scope.set(None)


# --------------------------------------------------------------------------------------
# Checks: a missing or wrong master key stops `migrate`, `serve` and `check --database`
# --------------------------------------------------------------------------------------
@checks.register(checks.Tags.security)
def check_master_key(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    try:
        master_key()
    except MasterKeyError as error:
        return [checks.Error(str(error), id="accounts.E001")]
    return []


@checks.register(checks.Tags.security)
def check_master_key_apart(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Warn at start when the master key file sits where a copy of the backups takes it."""
    try:
        master = master_key()
    except MasterKeyError:
        return []  # accounts.E001 already says so.
    if not key_beside_backups(master):
        return []
    return [
        checks.Warning(
            f"The master key ({master.file}) sits beside the backups "
            f"({settings.BACKUP_DIR}): one copy of that folder takes both, and together "
            "they open everything people wrote here.",
            hint=f"Stop Almost, move the key into {settings.KEY_DIR} (or point "
            "ALMOST_MASTER_KEY_FILE at a file kept elsewhere, such as a Docker secret), "
            "start it again, and keep your copy of the key apart from the backups.",
            id="accounts.W001",
        )
    ]


@checks.register(checks.Tags.database)
def check_data_keys(app_configs=None, databases=None, **kwargs) -> list[checks.CheckMessage]:
    """Unwrap one account key per master key id found: a wrong master key fails here."""
    if not databases:
        return []
    try:
        master = master_key()
    except MasterKeyError:
        return []  # accounts.E001 already says so.
    from accounts.models import DataKey

    errors = []
    for alias in databases:
        keys = DataKey.objects.using(alias).order_by()
        try:
            ids = set(keys.values_list("master_key_id", flat=True).distinct())
        except DatabaseError:
            continue  # Not migrated yet: nothing is sealed.
        for wrapped_by in sorted(ids):
            user_id, wrapped = keys.filter(master_key_id=wrapped_by).values_list(
                "user_id", "wrapped"
            )[0]
            try:
                unwrap_data_key(master, user_id, wrapped, wrapped_by)
            except MasterKeyError as error:
                count = keys.filter(master_key_id=wrapped_by).count()
                errors.append(
                    checks.Error(
                        f"The master key can't open {count} account key(s) in the "
                        f"'{alias}' database: {error}",
                        hint="Set ALMOST_MASTER_KEY or ALMOST_MASTER_KEY_FILE to the key "
                        "this database was made with (put your copy of the master key "
                        "back if it was lost).",
                        id="accounts.E002",
                    )
                )
    return errors
