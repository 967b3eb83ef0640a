"""Sealed text: free text the code reads as plain strings and the database holds encrypted.

`SealedTextField` is a TextField whose attribute on a model instance is the plain text,
while its column holds a token, "v1:" + base64(12-byte random nonce + AES-GCM
ciphertext), sealed with the owner's data key (accounts.crypto). The associated data
binds each token to its table, column, row and owner:

    b"journal_interaction|text|<row uuid hex>|<user id>"

The row is a UUID field that exists before the insert (so bulk_create can seal too), so
a token copied to another row or account fails to open. Values open lazily, on the first
read of the attribute, and are sealed again with a fresh nonce in pre_save(). The empty
string is stored as it is: it holds no secret, and `if entry.text` costs nothing.

Refused loudly, with SealError: writes with no row to seal for (`QuerySet.update()` and
`bulk_update()` of a sealed field, lookups like `text__icontains`), opening a token bound
to another row or account, and turning unopened ciphertext into a string (`.values()`
gives `Sealed` objects; load instances, or use `opened()`).
"""

import binascii
import os
import uuid

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models.query_utils import DeferredAttribute

from accounts.crypto import NONCE_BYTES, SealError, data_key

PREFIX = "v1:"
TAG_BYTES = 16


class Sealed:
    """A token as read from the database, not opened yet. It never passes for text."""

    __slots__ = ("token",)

    def __init__(self, token: str):
        self.token = token

    def __repr__(self) -> str:
        return "<Sealed text>"

    def __str__(self) -> str:
        raise SealError(
            "Sealed text can't be shown before it is opened. Load model instances, or use "
            "journal.sealing.opened(), instead of .values()."
        )

    def __eq__(self, other) -> bool:
        return isinstance(other, Sealed) and other.token == self.token

    def __hash__(self) -> int:
        return hash(self.token)


class _Token(str):
    """A token sealed just now: the one kind of non-empty string a sealed column accepts."""


def _decode(value: str) -> bytes | None:
    """The nonce and ciphertext inside a token, or None if `value` is not a token."""
    if not value.startswith(PREFIX):
        return None
    try:
        blob = binascii.a2b_base64(value[len(PREFIX) :], strict_mode=True)
    except binascii.Error:
        return None
    return blob if len(blob) >= NONCE_BYTES + TAG_BYTES else None


def looks_sealed(value: str) -> bool:
    """Whether a column value is a token (used by the data migration to skip those)."""
    return _decode(value) is not None


def binding(table: str, column: str, row, owner_id) -> bytes:
    """The associated data of a value: which table, column, row and account it belongs to."""
    if isinstance(row, uuid.UUID):
        row = row.hex
    elif not (isinstance(row, str) and len(row) == 32 and row.islower()):
        row = uuid.UUID(str(row)).hex  # SQLite's hex passes as it is; anything else is parsed
    return f"{table}|{column}|{row}|{int(owner_id)}".encode()


def seal(cipher: AESGCM, aad: bytes, text: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    blob = nonce + cipher.encrypt(nonce, text.encode(), aad)
    return PREFIX + binascii.b2a_base64(blob, newline=False).decode()


def unseal(cipher: AESGCM, aad: bytes, token: str, where: str) -> str:
    blob = _decode(token)
    if blob is None:
        raise SealError(f"{where} holds text that was never sealed. Run `manage.py migrate`.")
    try:
        return cipher.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad).decode()
    except InvalidTag:
        raise SealError(
            f"{where} can't be opened: this sealed text belongs to another row or account, "
            "or it was changed in the database."
        ) from None


class SealedAttribute(DeferredAttribute):
    """The model attribute: plain text for the code, opened on first read."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if isinstance(value, Sealed):
            value = self.field.open(instance, value)
            instance.__dict__[self.field.attname] = value
        return value

    def __set__(self, instance, value) -> None:
        instance.__dict__[self.field.attname] = value


class SealedTextField(models.TextField):
    """A TextField stored sealed, bound to the row's `row` UUID field and `owner` account."""

    descriptor_class = SealedAttribute
    non_db_attrs = (*models.TextField.non_db_attrs, "row", "owner")

    def __init__(self, *args, row: str, owner: str = "user", **kwargs):
        self.row = row
        self.owner = owner
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["row"] = self.row
        if self.owner != "user":
            kwargs["owner"] = self.owner
        return name, path, args, kwargs

    @property
    def owner_attname(self) -> str:
        return self.model._meta.get_field(self.owner).attname

    def where(self, pk=None) -> str:
        row = f" of row {pk}" if pk is not None else ""
        return f"{self.model._meta.db_table}.{self.column}{row}"

    def binding_for(self, instance) -> tuple[int, bytes]:
        owner_id = getattr(instance, self.owner_attname)
        row = getattr(instance, self.row)
        if owner_id is None or row is None:
            raise SealError(f"{self.where(instance.pk)} needs its owner and row id to be sealed.")
        return owner_id, binding(self.model._meta.db_table, self.column, row, owner_id)

    def open(self, instance, value: Sealed) -> str:
        owner_id, aad = self.binding_for(instance)
        return unseal(data_key(owner_id), aad, value.token, self.where(instance.pk))

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if not value:
            return value
        owner_id, aad = self.binding_for(model_instance)
        return _Token(seal(data_key(owner_id, create=True), aad, str(value)))

    def get_lookup(self, lookup_name):
        # The database holds tokens: a text lookup would quietly match nothing.
        if lookup_name not in {"exact", "isnull"}:
            raise SealError(
                f"{self.where()} is sealed, so the database can't search it "
                f"(__{lookup_name}). Use journal.sealing.matching_pks() instead."
            )
        return super().get_lookup(lookup_name)

    def from_db_value(self, value, expression, connection):
        return Sealed(value) if value else value

    def to_python(self, value):
        return value if isinstance(value, Sealed) else super().to_python(value)

    def get_prep_value(self, value):
        if isinstance(value, Sealed):
            return value.token
        if value is None or value == "" or isinstance(value, _Token):
            return value if value is None else str(value)
        raise SealError(
            f"{self.where()} only takes sealed text. save() and bulk_create() seal it for "
            "its row; update(), bulk_update() and lookups on the text have no row to seal "
            "for, so they are refused."
        )


def sealed_fields(model) -> dict[str, SealedTextField]:
    return {f.name: f for f in model._meta.concrete_fields if isinstance(f, SealedTextField)}


class SealedQuerySet(models.QuerySet):
    """A QuerySet that refuses bulk writes that would skip sealing."""

    def update(self, **kwargs):
        for name in sealed_fields(self.model).keys() & kwargs.keys():
            if kwargs[name] != "":
                raise SealError(
                    f"update({name}=...) is refused: {name} is sealed per row. "
                    "Change it on each instance and save() it."
                )
        return super().update(**kwargs)

    update.alters_data = True

    def bulk_update(self, objs, fields, batch_size=None):
        refused = sealed_fields(self.model).keys() & set(fields)
        if refused:
            raise SealError(
                f"bulk_update() of {', '.join(sorted(refused))} is refused: sealed text "
                "is written by save() or bulk_create()."
            )
        return super().bulk_update(objs, fields, batch_size=batch_size)

    bulk_update.alters_data = True


def opened(queryset, name: str):
    """Yield (pk, plain text) for each row of a queryset, opening its sealed field `name`.

    Queries: one for the rows, plus one per account for its key.
    """
    field = sealed_fields(queryset.model)[name]
    table, column = field.model._meta.db_table, field.column
    values = queryset.select_related(None).prefetch_related(None)
    values = values.values_list("pk", field.owner_attname, field.row, name)
    # Rows straight from the cursor: Django's per-row converters would cost more than
    # opening the text (4x on 20,000 rows), and the tokens need none.
    try:
        sql, params = values.query.get_compiler(using=values.db).as_sql()
    except EmptyResultSet:
        return
    with connections[values.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    keys: dict[int, AESGCM] = {}
    for pk, owner_id, row, value in rows:
        if value:
            cipher = keys.get(owner_id) or keys.setdefault(owner_id, data_key(owner_id))
            aad = binding(table, column, row, owner_id)
            value = unseal(cipher, aad, value, field.where(pk))
        yield pk, value or ""


def matching_pks(queryset, name: str, query: str) -> list[int]:
    """Primary keys of the rows whose sealed `name` contains every word of `query`, in any
    order and ignoring case, in the queryset's order. The text is opened here, in Python:
    the database can't search it.
    """
    words = query.casefold().split()
    found = []
    for pk, text in opened(queryset, name):
        low = text.casefold()
        if all(word in low for word in words):
            found.append(pk)
    return found


class MatchingRows:
    """A queryset's rows whose sealed field contains a query, as a sequence for Paginator.

    Finding the matches opens the text of every row once (one query); each page then
    loads only its own rows (one query, plus the queryset's prefetches).
    """

    def __init__(self, queryset, name: str, query: str):
        self.queryset = queryset
        self.pks = matching_pks(queryset, name, query)

    def __len__(self) -> int:
        return len(self.pks)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        pks = self.pks[index]
        found = {row.pk: row for row in self.queryset.filter(pk__in=pks)}
        return [found[pk] for pk in pks if pk in found]
