"""`manage.py backup` and `restore`: a backup comes back whole, into a fresh database.

The backup reads the test database (committed data, hence transaction=True); the
restore runs in a separate process against a brand-new database, as it would on a
new server, and every table must come back with the same number of rows.
"""

import gzip
import os
import subprocess
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import DataKey, User
from journal.backups import pg_environment
from journal.models import EntryCategory, Interaction, Person
from portability.models import ImportRun
from tests.processes import environment, manage

pytestmark = pytest.mark.django_db(transaction=True)

NATIVE = ".dump" if connection.vendor == "postgresql" else ".sqlite3"
MARKER = "marigold-umbrella-7"
TEXTS = ["k", f"Sorry, so busy this week! {MARKER}", "Long call, felt close.", "Cancelled again."]
READ_TEXTS = (
    "from journal.models import Interaction, Person; "
    "print(sorted(e.text for e in Interaction.objects.all())); "
    "print(sorted(p.notes for p in Person.objects.all()))"
)


@pytest.fixture
def two_journals(alice, bob) -> None:
    """Two accounts with people, entries (one in the trash) and categories."""
    now = timezone.now()
    sam = Person.objects.create(user=alice, name="Samwise", notes="Met at the climbing gym.")
    jo = Person.objects.create(user=alice, name="Jo", relationship="friend")
    for number, text in enumerate(TEXTS):
        entry = Interaction.objects.create(
            user=alice,
            person=sam if number % 2 else jo,
            occurred_at=now - timedelta(days=number),
            text=text,
            feeling=-number,
            feelings=["hurt"] if number else [],
        )
        EntryCategory.objects.create(
            interaction=entry, category="one_word_replies", score=0.9, reasons=["k"]
        )
    entry.deleted = now  # the last one sits in the trash
    entry.save(update_fields=["deleted"])
    pat = Person.objects.create(user=bob, name="Pat")
    Interaction.objects.create(user=bob, person=pat, text="Lunch.", feeling=1)


def make_backup(tmp_path: Path, *options: str) -> Path:
    """A new backup in tmp_path/backups; the keyring is written beside it."""
    folder = tmp_path / "backups"
    before = set(folder.iterdir()) if folder.exists() else set()
    call_command("backup", "--output", str(folder), *options)
    (path,) = set(folder.glob("almost-*")) - before
    return path


def counts_here() -> dict[str, int]:
    with connection.cursor() as cursor:
        return {
            table: cursor.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for table in connection.introspection.table_names()
        }


class FreshDatabase:
    """An empty database beside the test one, reached by URL from another process."""

    def __init__(self, url: str, counts) -> None:
        self.url = url
        self.counts = counts

    def manage(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        return manage(*args, env=environment(DATABASE_URL=self.url, **env))


@pytest.fixture
def fresh_database(tmp_path) -> Iterator[FreshDatabase]:
    if connection.vendor == "sqlite":
        import sqlite3

        path = tmp_path / "fresh.sqlite3"

        def sqlite_counts() -> dict[str, int]:
            with sqlite3.connect(path) as db:
                tables = db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'"
                ).fetchall()
                return {
                    name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
                    for (name,) in tables
                }

        yield FreshDatabase(f"sqlite:///{path}", sqlite_counts)
        return

    import psycopg

    given = connection.settings_dict
    server = {
        key: given[setting]
        for key, setting in [("host", "HOST"), ("port", "PORT"), ("user", "USER")]
        if given.get(setting)
    }
    if given.get("PASSWORD"):
        server["password"] = given["PASSWORD"]
    name = f"almost_restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dbname=given["NAME"], autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')

    def postgres_counts() -> dict[str, int]:
        with psycopg.connect(dbname=name, **server) as db:
            tables = db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
            return {
                table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                for (table,) in tables
            }

    auth = quote(server.get("user", ""))
    if "password" in server:
        auth += ":" + quote(server["password"], safe="")
    port = f":{server['port']}" if "port" in server else ""
    url = f"postgres://{auth}@{server.get('host', '')}{port}/{name}"
    try:
        yield FreshDatabase(url, postgres_counts)
    finally:
        with psycopg.connect(dbname=given["NAME"], autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.parametrize("options", [(), ("--json",)], ids=["native", "json"])
def test_a_backup_comes_back_whole_in_a_fresh_database(
    two_journals, tmp_path, fresh_database, options
):
    backup = make_backup(tmp_path, *options)
    assert backup.name.endswith(".json.gz" if options else NATIVE)
    before = counts_here()
    assert before["journal_interaction"] == 5
    assert before["patterns_entrycategory"] == 4

    restored = fresh_database.manage("restore", str(backup))

    assert restored.returncode == 0, restored.stderr
    assert "Everything is back" in restored.stdout
    assert fresh_database.counts() == before
    shown = fresh_database.manage("shell", "-c", READ_TEXTS)
    assert shown.returncode == 0, shown.stderr
    texts, notes = shown.stdout.splitlines()[-2:]
    assert texts == str(sorted([*TEXTS, "Lunch."]))
    assert "Met at the climbing gym." in notes


# What a JSON backup made before issue 18 called the models that changed app since:
# as the model of a row, and inside the natural keys of content types ([app, model])
# and permissions ([codename, app, model]) that admin history and permissions name.
BEFORE_THE_MOVE = [
    (b'"journal.entrycategory"', b'"patterns.entrycategory"'),
    (b'"journal", "entrycategory"]', b'"patterns", "entrycategory"]'),
    (b'"portability.importrun"', b'"accounts.importrun"'),
    (b'"portability", "importrun"]', b'"accounts", "importrun"]'),
]


def as_before_the_move(backup: Path, *, naming: list[bytes]) -> None:
    """Rewrite a JSON backup as one made before issue 18 moved models between apps.

    `naming` lists the labels of today that this backup must hold, so the rewrite can't
    quietly miss what it is meant to change.
    """
    rows = gzip.decompress(backup.read_bytes())
    for now, before in BEFORE_THE_MOVE:
        assert (now in rows) == (now in naming), now
        rows = rows.replace(now, before)
    backup.write_bytes(gzip.compress(rows))


def test_a_json_backup_from_before_models_changed_app_comes_back(
    two_journals, alice, tmp_path, fresh_database
):
    """Issue 18 moved the signs to journal and import runs to portability."""
    ImportRun.objects.create(user=alice, kind="almost", started=timezone.now())
    backup = make_backup(tmp_path, "--json")
    as_before_the_move(backup, naming=[b'"journal.entrycategory"', b'"portability.importrun"'])

    restored = fresh_database.manage("restore", str(backup))

    assert restored.returncode == 0, restored.stderr
    assert fresh_database.counts()["patterns_entrycategory"] == 4
    assert fresh_database.counts()["accounts_importrun"] == 1


READ_ADMIN_RECORDS = (
    "from django.contrib.admin.models import LogEntry; "
    "from accounts.models import User; "
    "print(sorted(e.content_type.model_class()._meta.label for e in LogEntry.objects.all())); "
    "alice = User.objects.get(username='alice'); "
    "print(sorted(alice.get_user_permissions()), sorted(alice.get_group_permissions()))"
)


def test_admin_history_and_permissions_on_moved_models_come_back_from_an_older_backup(
    two_journals, alice, tmp_path, fresh_database
):
    run = ImportRun.objects.create(user=alice, kind="almost", started=timezone.now())
    for thing in [EntryCategory.objects.first(), run]:
        LogEntry.objects.create(
            user=alice,
            content_type=ContentType.objects.get_for_model(thing),
            object_id=str(thing.pk),
            object_repr=str(thing),
            action_flag=CHANGE,
        )
    alice.user_permissions.add(Permission.objects.get(codename="change_entrycategory"))
    readers = Group.objects.create(name="import readers")
    readers.permissions.add(Permission.objects.get(codename="view_importrun"))
    alice.groups.add(readers)
    backup = make_backup(tmp_path, "--json")
    as_before_the_move(backup, naming=[now for now, _ in BEFORE_THE_MOVE])

    restored = fresh_database.manage("restore", str(backup))

    assert restored.returncode == 0, restored.stderr
    shown = fresh_database.manage("shell", "-c", READ_ADMIN_RECORDS)
    assert shown.returncode == 0, shown.stderr
    history, permissions = shown.stdout.splitlines()[-2:]
    assert history == str(["journal.EntryCategory", "portability.ImportRun"])
    assert permissions == f"{['journal.change_entrycategory']} {['portability.view_importrun']}"


def readable(backup: Path) -> bytes:
    """Every byte of a backup in a form a string can be searched for in."""
    if backup.name.endswith(".gz"):
        return gzip.decompress(backup.read_bytes())
    if backup.name.endswith(".dump"):
        return subprocess.run(
            ["pg_restore", "--file=-", str(backup)], capture_output=True, check=True
        ).stdout
    return backup.read_bytes()


def backup_as_before(tmp_path: Path) -> Path:
    """A native backup made the way Almost made them before: every table, sessions too."""
    folder = tmp_path / "old"
    folder.mkdir()
    if connection.vendor == "postgresql":
        path = folder / "almost-old.dump"
        env = {**os.environ, **pg_environment(connection.settings_dict)}
        subprocess.run(["pg_dump", "--format=custom", f"--file={path}"], env=env, check=True)
        return path
    import sqlite3

    path = folder / "almost-old.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy, pages=-1)
    copy.close()
    return path


@pytest.mark.parametrize("options", [(), ("--json",)], ids=["native", "json"])
def test_a_backup_keeps_sealed_text_sealed(two_journals, tmp_path, options):
    backup = make_backup(tmp_path, *options)
    content = readable(backup)

    assert b"Samwise" in content  # names are plain: the search does see the rows
    assert MARKER.encode() not in content
    assert b"climbing gym" not in content


@pytest.mark.parametrize("options", [(), ("--json",)], ids=["native", "json"])
def test_a_second_restore_needs_force(two_journals, tmp_path, fresh_database, options):
    backup = make_backup(tmp_path, *options)
    assert fresh_database.manage("restore", str(backup)).returncode == 0

    again = fresh_database.manage("restore", str(backup))
    assert again.returncode != 0
    assert "This database is not empty" in again.stderr
    assert "accounts.user" in again.stderr

    forced = fresh_database.manage("restore", "--force", str(backup))
    assert forced.returncode == 0, forced.stderr
    assert fresh_database.counts() == counts_here()


@pytest.mark.parametrize("options", [(), ("--json",)], ids=["native", "json"])
def test_a_backup_holds_no_session_that_could_log_its_thief_in(
    two_journals, alice, tmp_path, fresh_database, options
):
    browser = Client()
    browser.force_login(alice)
    session_key = browser.session.session_key
    assert Session.objects.filter(session_key=session_key).exists()

    backup = make_backup(tmp_path, *options)

    assert session_key.encode() not in readable(backup)
    assert fresh_database.manage("restore", str(backup)).returncode == 0
    assert fresh_database.counts()["django_session"] == 0
    assert browser.get("/").status_code == 200  # the live session itself still works


def test_restore_brings_no_session_back_even_from_an_older_backup(
    two_journals, alice, tmp_path, fresh_database
):
    browser = Client()
    browser.force_login(alice)
    old = backup_as_before(tmp_path)
    assert browser.session.session_key.encode() in readable(old)

    restored = fresh_database.manage("restore", str(old))

    assert restored.returncode == 0, restored.stderr
    assert fresh_database.counts()["django_session"] == 0
    assert fresh_database.counts()["journal_interaction"] == 5


def test_restore_refuses_a_database_that_holds_data(two_journals, tmp_path):
    backup = make_backup(tmp_path)

    with pytest.raises(CommandError, match="This database is not empty"):
        call_command("restore", str(backup))

    assert Interaction.objects.count() == 5


def test_backups_are_readable_by_their_owner_only(two_journals, tmp_path, capsys):
    backup = make_backup(tmp_path)

    assert backup.stat().st_mode & 0o777 == 0o600
    assert backup.name.startswith("almost-")
    out = capsys.readouterr().out
    assert f"Backup written: {backup}" in out
    assert "master key" in out


def test_two_backups_in_the_same_second_keep_both(two_journals, tmp_path):
    folder = tmp_path / "backups"
    call_command("backup", "--output", str(folder))
    call_command("backup", "--output", str(folder))

    assert len(list(folder.glob("almost-*"))) == 2


def test_a_backup_of_the_other_database_kind_points_to_json(db, tmp_path):
    other = tmp_path / ("almost.sqlite3" if NATIVE == ".dump" else "almost.dump")
    other.write_bytes(b"not for this database")

    with pytest.raises(CommandError, match="backup --json"):
        call_command("restore", str(other))


def test_restore_says_what_it_expects_of_a_file(db, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")

    with pytest.raises(CommandError, match=r"\.dump, \.sqlite3 or \.json\.gz"):
        call_command("restore", str(notes))
    with pytest.raises(CommandError, match="There is no backup file"):
        call_command("restore", str(tmp_path / "missing.dump"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump is for PostgreSQL")
def test_without_pg_dump_postgresql_is_backed_up_as_json(
    two_journals, tmp_path, fresh_database, monkeypatch
):
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools-here"))

    backup = make_backup(tmp_path)

    assert backup.name.endswith(".json.gz")
    monkeypatch.undo()
    assert fresh_database.manage("restore", str(backup)).returncode == 0
    assert fresh_database.counts() == counts_here()


ERIN_PASSWORD = "erin's own long password"
ERIN_SECRET = "ERIN-SECRET the thing I never told anyone"
# Run in the restored install: every way the app offers to read text, tried for Erin.
LOOK_FOR_ERIN = f"""
from django.test import Client
from accounts.models import User
from journal.models import Interaction

erin = Client()
erin.post("/accounts/login/", {{"username": "erin", "password": {ERIN_PASSWORD!r}}})
print("erin logged in:", "_auth_user_id" in erin.session)
print("erin's page:", {ERIN_SECRET!r} in erin.get("/", follow=True).text)

alice = Client()
alice.post("/accounts/login/", {{"username": "alice", "password": "correct horse battery"}})
alice.post("/accounts/confirm/", {{"password": "correct horse battery"}})
export = b"".join(alice.get("/accounts/export/json/").streaming_content).decode()
print("alice's export:", {MARKER!r} in export, {ERIN_SECRET!r} in export)

print("erin's account:", User.objects.filter(username="erin").exists())
print("texts:", sorted(entry.text for entry in Interaction.objects.all()))
"""


@pytest.mark.parametrize("options", [(), ("--json",)], ids=["native", "json"])
def test_a_deleted_account_stays_sealed_in_the_backups_made_before(
    two_journals, tmp_path, fresh_database, options
):
    erin = User.objects.create_user("erin", password=ERIN_PASSWORD)
    person = Person.objects.create(user=erin, name="Rowan")
    Interaction.objects.create(user=erin, person=person, text=ERIN_SECRET, feeling=-2)
    erins_key = DataKey.objects.get(user=erin).wrapped
    first = make_backup(tmp_path, *options)
    browser = Client()
    browser.force_login(erin)
    deleted = browser.post(
        reverse("accounts-delete"), {"password": ERIN_PASSWORD, "username": "erin"}
    )
    assert deleted.status_code == 302
    second = make_backup(tmp_path, *options)

    # No file kept in the backups folder holds Erin's key, alone or together.
    kept = sorted((tmp_path / "backups").iterdir())
    for path in kept:
        assert erins_key.encode() not in readable(path), path.name
    assert kept == sorted([first, second, tmp_path / "backups" / "keyring.json"])

    # The first backup, restored as docs/backups.md says: Erin stays gone.
    restored = fresh_database.manage("restore", str(first))
    assert restored.returncode == 0, restored.stderr
    assert "1 account(s) in the backup were deleted after it was made" in restored.stdout
    looked = fresh_database.manage("shell", "-c", LOOK_FOR_ERIN, DJANGO_ALLOWED_HOSTS="testserver")
    assert looked.returncode == 0, looked.stderr
    assert looked.stdout.splitlines()[-5:] == [
        "erin logged in: False",
        "erin's page: False",
        "alice's export: True False",
        "erin's account: False",
        f"texts: {sorted([*TEXTS, 'Lunch.'])}",
    ]


def test_a_backup_without_its_keyring_is_refused_saying_where_the_keys_are(
    two_journals, tmp_path, fresh_database
):
    backup = make_backup(tmp_path)
    (tmp_path / "backups" / "keyring.json").unlink()

    restored = fresh_database.manage("restore", str(backup))

    assert restored.returncode != 0
    assert "holds no account keys" in restored.stderr
    assert "--keyring" in restored.stderr


def test_a_keyring_older_than_the_backup_is_refused(two_journals, tmp_path, fresh_database):
    make_backup(tmp_path)
    older = tmp_path / "keyring-kept-aside.json"
    older.write_bytes((tmp_path / "backups" / "keyring.json").read_bytes())
    newcomer = User.objects.create_user("newcomer", password=ERIN_PASSWORD)
    person = Person.objects.create(user=newcomer, name="Kit")
    Interaction.objects.create(user=newcomer, person=person, text="First entry.", feeling=0)
    backup = make_backup(tmp_path)

    restored = fresh_database.manage("restore", "--keyring", str(older), str(backup))

    assert restored.returncode != 0
    assert "was written before 1 account(s) of this backup were made" in restored.stderr


WRONG_KEY = "d3JvbmctbWFzdGVyLWtleS0zMi1ieXRlcy1sb25nISE="


def with_master_key(key: str, tmp_path: Path) -> dict[str, str]:
    """A restore that runs with the real settings and the given master key."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "ALMOST_MASTER_KEY": key,
        "ALMOST_DATA_DIR": str(tmp_path / "new-install"),
    }


@pytest.mark.parametrize("options", [(), ("--json",)], ids=["native", "json"])
def test_restore_with_the_wrong_master_key_fails_before_restoring_anything(
    two_journals, tmp_path, fresh_database, options
):
    backup = make_backup(tmp_path, *options)

    restored = fresh_database.manage("restore", str(backup), **with_master_key(WRONG_KEY, tmp_path))

    assert restored.returncode != 0
    assert "Everything is back" not in restored.stdout
    assert "doesn't open the account keys in keyring.json" in restored.stderr
    assert "Nothing was restored" in restored.stderr
    assert not any(fresh_database.counts().values())


def test_restore_of_an_older_backup_with_the_wrong_master_key_says_so(
    two_journals, tmp_path, fresh_database
):
    old = backup_as_before(tmp_path)  # its keys inside, no keyring

    restored = fresh_database.manage("restore", str(old), **with_master_key(WRONG_KEY, tmp_path))

    assert restored.returncode != 0
    assert "Everything is back" not in restored.stdout
    assert "none of its text can be read here" in restored.stderr
    assert "Set the master key of the install this backup came from" in restored.stderr
