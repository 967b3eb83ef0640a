"""Whole-database backups, and bringing one back into an empty database.

Three formats, told apart by the file name:

- `.dump`: PostgreSQL's custom format, written by pg_dump, read by pg_restore.
- `.sqlite3`: a copy of an SQLite database made with SQLite's online backup API.
- `.json.gz`: every row as Django's JSON fixtures. Works on any database, and is the
  way to move an install from SQLite to PostgreSQL.

Each one is a consistent snapshot: pg_dump and SQLite's backup read one snapshot, and
the JSON dump runs in a single repeatable-read transaction. All three hold the journal
as the database holds it: sealed text stays sealed (plain dumpdata would open it, and
loaddata would refuse it), rows keep their ids, and the master key is never in a backup.
So a restore needs the master key the backup was made under.

None of them holds the server's live state (LIVE_MODELS): the sessions, which would log
whoever holds the file in, and django-axes's record of login attempts. `restore` empties
those tables too, so even a backup from before this rule brings no session back.

Nor do they hold the accounts' data keys: those go into the keyring beside them
(journal.keyring), which every backup replaces, so that a deleted account stays sealed
in the backups made before it was deleted. `restore` takes the keys from the keyring.
"""

import gzip
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import Deserializer as FixtureReader
from django.core.serializers.json import Serializer as FixtureWriter
from django.db import router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from accounts.crypto import MasterKey, MasterKeyError, check_data_keys, master_key
from accounts.keyring import NAME as KEYRING
from accounts.keyring import Keyring, KeyringError, apply_keyring, read_keyring, write_keyring
from accounts.models import DataKey

# _Token marks a stored token as already sealed, so it is written back as it is.
from journal.sealing import Sealed, SealedTextField, _Token, looks_sealed, sealed_fields

NATIVE = {"postgresql": ".dump", "sqlite": ".sqlite3"}
JSON = ".json.gz"
JSON_SUFFIXES = (".json", ".json.gz")

# Rows that `migrate` makes by itself in every new database. A JSON backup leaves them
# out (loading them again would clash), and a database holding only these is empty.
GENERATED_MODELS = {"contenttypes.contenttype", "auth.permission"}
# The running server's state, never the journal's: no backup holds these rows and a
# restore starts them empty. A session key read out of a backup would log its thief in.
LIVE_MODELS = {
    "sessions.session",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
}
# In the keyring, never in a dated backup.
KEYRING_MODELS = {"accounts.datakey"}
LEFT_OUT = LIVE_MODELS | KEYRING_MODELS


# Models that changed app since older JSON backups were made: (old label, new label).
MOVED_MODELS = {
    "accounts.importrun": "portability.importrun",
    **{
        f"patterns.{name}": f"journal.{name}"
        for name in ("basic", "decision", "entrycategory", "tuning", "weekrollup")
    },
}


class BackupError(Exception):
    """Something the person running the command can fix; the message says how."""


def backup(connection: BaseDatabaseWrapper, directory: Path, *, as_json: bool = False) -> Path:
    """Write a timestamped backup of the whole database into `directory`; return its path.

    PostgreSQL goes through pg_dump when it is installed, SQLite through its backup
    API; with `as_json`, or on PostgreSQL without pg_dump, every row goes out as JSON.
    """
    vendor = connection.vendor
    if not as_json and vendor == "postgresql" and shutil.which("pg_dump") is None:
        as_json = True
    suffix = JSON if as_json else NATIVE.get(vendor, JSON)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = _free_name(directory, suffix)
    partial = target.with_name(f".partial-{target.name}")
    # Created private before anything is written into it: this is someone's journal.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    try:
        if suffix == ".dump":
            left_out = [f"--exclude-table-data={table}" for table in tables_of(LEFT_OUT)]
            _run(["pg_dump", "--format=custom", *left_out, f"--file={partial}"], connection)
        elif suffix == ".sqlite3":
            _sqlite_copy(connection, partial)
        else:
            _json_dump(connection, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    # After the backup: every account whose text it holds already had its key.
    write_keyring(connection, directory)
    return target


def restore(
    connection: BaseDatabaseWrapper,
    path: Path,
    *,
    force: bool = False,
    keyring_path: Path | None = None,
) -> list[int]:
    """Bring back a backup made by `backup` (or by pg_dump -Fc) into this database.

    The accounts' keys come from the keyring (by default the one beside the backup);
    accounts it doesn't list were deleted since, and are dropped: their ids are returned.
    Refuses a database that already holds data unless `force`. Afterwards the schema is
    migrated to this version of Almost, so an older backup comes back up to date.
    """
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}.")
    keyring = _find_keyring(path, keyring_path)
    master = _master_key()
    if keyring is not None:
        try:
            keyring.check_master_key(master)
        except KeyringError as error:
            raise BackupError(str(error)) from None
    kind = backup_kind(path)
    vendor = connection.vendor
    if kind != "json" and NATIVE.get(vendor) != "." + kind:
        other = {"dump": "PostgreSQL", "sqlite3": "SQLite"}[kind]
        here = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(vendor, vendor)
        raise BackupError(
            f"{path.name} is a {other} backup and this database is {here}. To move "
            f"between the two, make a JSON backup with `manage.py backup --json`."
        )
    if not force:
        holding = tables_with_data(connection)
        if holding:
            raise BackupError(
                "This database is not empty: it already holds "
                f"{', '.join(holding)}. Restore into a new, empty database, or pass "
                "--force to overwrite what is there."
            )
    if kind == "dump":
        if shutil.which("pg_restore") is None:
            raise BackupError(
                "pg_restore is not installed here. Install the PostgreSQL client, or "
                "restore from the database container: see docs/backups.md."
            )
        # --clean drops the tables that a first start's `migrate` already made.
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(path),
            ],
            connection,
        )
        connection.close()
    elif kind == "sqlite3":
        _sqlite_restore(connection, path)
    else:
        call_command("migrate", interactive=False, verbosity=0, database=connection.alias)
        _json_load(connection, path, into_empty=not force)
    call_command("migrate", interactive=False, verbosity=0, database=connection.alias)
    _empty_live_tables(connection)
    if keyring is not None:
        try:
            return apply_keyring(connection, keyring)
        except KeyringError as error:
            raise BackupError(str(error)) from None
    if not DataKey.objects.using(connection.alias).exists() and _has_sealed_text(connection):
        raise BackupError(
            f"{path.name} holds no account keys: they are in the keyring that `backup` "
            f"wrote beside it ({KEYRING}). Put that file beside the backup, or name it "
            "with --keyring, then run restore again with --force."
        )
    # A backup from before keyrings, with its keys inside: they must open too.
    problems = check_data_keys(databases=[connection.alias])
    if problems:
        raise BackupError(
            f"{path.name} is restored, but none of its text can be read here: "
            f"{problems[0].msg} Set the master key of the install this backup came from, "
            "and nothing needs restoring again."
        )
    return []


def _master_key() -> MasterKey:
    try:
        return master_key()
    except MasterKeyError as error:
        raise BackupError(f"{error} Nothing was restored.") from None


def _find_keyring(path: Path, given: Path | None) -> Keyring | None:
    if given is None and not (path.parent / KEYRING).is_file():
        return None
    try:
        return read_keyring(given or path.parent / KEYRING)
    except KeyringError as error:
        raise BackupError(str(error)) from None


def _has_sealed_text(connection: BaseDatabaseWrapper) -> bool:
    """Whether any row here holds sealed text. One query per model with sealed fields."""
    for model in apps.get_models():
        for name in sealed_fields(model):
            rows = model._base_manager.using(connection.alias).exclude(**{name: ""})
            if rows.exists():
                return True
    return False


def backup_kind(path: Path) -> str:
    """Which kind of backup a file is, from its name: dump, sqlite3 or json."""
    name = path.name.lower()
    if name.endswith(".dump"):
        return "dump"
    if name.endswith(".sqlite3"):
        return "sqlite3"
    if name.endswith(JSON_SUFFIXES):
        return "json"
    raise BackupError(
        f"{path.name} does not look like a backup: expected a name ending in .dump, "
        ".sqlite3 or .json.gz."
    )


def tables_with_data(connection: BaseDatabaseWrapper) -> list[str]:
    """Labels of the models that have rows here, leaving out those migrate makes itself.

    Runs one small query per model whose table exists.
    """
    existing = set(connection.introspection.table_names())
    holding = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in GENERATED_MODELS | LIVE_MODELS or model._meta.db_table not in existing:
            continue
        if model._base_manager.using(connection.alias).exists():
            holding.append(label)
    return holding


def tables_of(labels: set[str]) -> list[str]:
    """The tables of these models that this install has."""
    return sorted(
        model._meta.db_table for model in apps.get_models() if model._meta.label_lower in labels
    )


def _empty_live_tables(connection: BaseDatabaseWrapper) -> None:
    existing = set(connection.introspection.table_names())
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for table in tables_of(LIVE_MODELS):
            if table in existing:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # nosec B608  # our own table names


def pg_environment(settings_dict: dict) -> dict[str, str]:
    """libpq variables for pg_dump and pg_restore: the password never goes on a command line."""
    options = settings_dict.get("OPTIONS", {})
    values = {
        "PGDATABASE": settings_dict.get("NAME"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGCONNECT_TIMEOUT": options.get("connect_timeout"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
        "PGPASSFILE": options.get("passfile"),
        "PGSERVICE": options.get("service"),
    }
    return {name: str(value) for name, value in values.items() if value not in (None, "")}


def _free_name(directory: Path, suffix: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = directory / f"almost-{stamp}{suffix}"
    number = 1
    while target.exists():
        number += 1
        target = directory / f"almost-{stamp}-{number}{suffix}"
    return target


def _run(args: list[str], connection: BaseDatabaseWrapper) -> None:
    env = {**os.environ, **pg_environment(connection.settings_dict)}
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = result.stderr.strip() or f"exit code {result.returncode}"
        hint = ""
        if "version mismatch" in detail:
            hint = (
                " The pg_dump here is older than the server: install a matching "
                "PostgreSQL client, or make a JSON backup with --json."
            )
        raise BackupError(f"{args[0]} failed: {detail}{hint}")


def _sqlite_copy(connection: BaseDatabaseWrapper, target: Path) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(target, isolation_level=None)
    try:
        # One step (pages=-1): the copy is a single consistent snapshot.
        connection.connection.backup(copy, pages=-1)
        # One file, no -wal beside it. Then the live rows go, and VACUUM rewrites the
        # file so their bytes don't linger on its free pages.
        copy.execute("PRAGMA journal_mode=DELETE")
        existing = {name for (name,) in copy.execute("SELECT name FROM sqlite_master")}
        for table in tables_of(LEFT_OUT):
            if table in existing:
                copy.execute(f'DELETE FROM "{table}"')  # nosec B608  # our own table names
        copy.execute("VACUUM")
        _check_sqlite(copy, target)
    finally:
        copy.close()


def _sqlite_restore(connection: BaseDatabaseWrapper, path: Path) -> None:
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        _check_sqlite(source, path)
        connection.ensure_connection()
        source.backup(connection.connection, pages=-1)
    finally:
        source.close()
    # The next query reconnects and sets the connection's pragmas again.
    connection.close()


def _check_sqlite(database: sqlite3.Connection, path: Path) -> None:
    try:
        (result,) = database.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path.name} is not a readable SQLite database: {error}") from None
    if result != "ok":
        raise BackupError(f"{path.name} failed SQLite's integrity check: {result}")


class SealedFixtureWriter(FixtureWriter):
    """Django's JSON fixtures, with sealed text written as stored: still sealed."""

    def _value_from_field(self, obj, field):
        if isinstance(field, SealedTextField):
            stored = obj.__dict__.get(field.attname)  # as read from the database, unopened
            return stored.token if isinstance(stored, Sealed) else stored
        return super()._value_from_field(obj, field)

    def handle_fk_field(self, obj, field):
        # Natural keys only where ids differ between databases; every other reference
        # keeps its id (cheaper to load, and sealed text is bound to account ids).
        if field.related_model._meta.label_lower in GENERATED_MODELS:
            return super().handle_fk_field(obj, field)
        self._current[field.name] = self._value_from_field(obj, field)


def backup_models(alias: str) -> list:
    """The models a JSON backup holds, in an order that loads (natural keys first)."""
    app_list = []
    for config in apps.get_app_configs():
        models = [
            model
            for model in config.get_models()
            if model._meta.label_lower not in GENERATED_MODELS | LEFT_OUT
            and model._meta.managed
            and not model._meta.proxy
            and router.allow_migrate_model(alias, model)
        ]
        if models:
            app_list.append((config, models))
    return serializers.sort_dependencies(app_list, allow_cycles=True)


def _json_dump(connection: BaseDatabaseWrapper, target: Path) -> None:
    alias = connection.alias

    def rows() -> Iterator:
        for model in backup_models(alias):
            queryset = model._base_manager.using(alias).order_by(model._meta.pk.name)
            yield from queryset.iterator(chunk_size=2000)

    connection.ensure_connection()
    with transaction.atomic(using=alias), gzip.open(target, "wt", encoding="utf-8") as stream:
        if connection.vendor == "postgresql":
            # The first statement of the transaction: every table is read from one snapshot.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        SealedFixtureWriter().serialize(rows(), stream=stream, use_natural_foreign_keys=True)


def _json_load(connection: BaseDatabaseWrapper, path: Path, *, into_empty: bool) -> None:
    """Load a JSON backup the way loaddata does, but take sealed text as it is stored.

    Into an empty database every row is a plain INSERT (loaddata tries an UPDATE first).
    """
    alias = connection.alias
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    loaded = set()
    deferred = []
    with opener(path, "rt", encoding="utf-8") as stream, transaction.atomic(using=alias):
        with connection.constraint_checks_disabled():
            reader = _MovedModelsReader(stream, using=alias, handle_forward_references=True)
            for item in reader:
                _keep_sealed(item.object)
                item.save(using=alias, force_insert=into_empty)
                loaded.add(type(item.object))
                if item.deferred_fields:
                    deferred.append(item)
            for item in deferred:
                item.save_deferred_fields(using=alias)
        connection.check_constraints(table_names=[model._meta.db_table for model in loaded])
        # Rows came with their ids: new rows must be numbered after them.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), loaded):
                cursor.execute(statement)


class _MovedModelsReader(FixtureReader):
    """Reads what an older backup says of models that moved app in today's terms.

    Their rows come under their label of today (MOVED_MODELS), and so do the natural keys
    that name them in other rows: the content type ([app, model]) of an admin history
    entry, and the permissions ([codename, app, model]) of users and groups. Content type
    and permission rows themselves need nothing: no backup ever held them.
    """

    def _handle_object(self, obj):
        obj["model"] = MOVED_MODELS.get(obj["model"].lower(), obj["model"])
        try:
            model = apps.get_model(obj["model"])
        except (LookupError, ValueError):
            model = None  # Django's reader says what is wrong with the label.
        if model is not None:
            for name, value in obj.get("fields", {}).items():
                obj["fields"][name] = _relabelled(model, name, value)
        yield from super()._handle_object(obj)


def _relabelled(model, name: str, value):
    """A field's value with the natural keys of content types and permissions of today."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return value
    if not field.is_relation or field.related_model._meta.label_lower not in GENERATED_MODELS:
        return value
    if field.many_to_many and isinstance(value, list):
        return [_key_of_today(key) for key in value]
    return _key_of_today(value)


def _key_of_today(key):
    """[app, model] or [codename, app, model] naming a model that moved, with its new app.

    Anything else (an id, a key of a model that stayed) comes back as it is.
    """
    if not isinstance(key, list) or len(key) not in (2, 3):
        return key
    *codename, app_label, model_name = key
    moved = MOVED_MODELS.get(f"{app_label}.{model_name}".lower())
    return [*codename, *moved.split(".")] if moved else key


def _keep_sealed(instance) -> None:
    for field in sealed_fields(type(instance)).values():
        stored = instance.__dict__.get(field.attname)
        if not stored:
            continue
        if not looks_sealed(stored):
            raise BackupError(
                f"{field.where(instance.pk)} holds unsealed text in this backup. Only "
                "backups made by `manage.py backup` can be restored."
            )
        instance.__dict__[field.attname] = _Token(stored)
