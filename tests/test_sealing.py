"""Free text is sealed at rest: unreadable in the database, plain on the page."""

import base64
import os
import shutil
import stat
import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Value
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import crypto
from accounts.models import DataKey, User
from journal.models import Interaction, Person
from journal.sealing import Sealed, SealError
from journal.views import PAGE_SIZE
from tests.clock import LATE_2026
from tests.test_log_page import entry_data

MARKER = "Zebra-7431-quill"


def raw(table: str, column: str, pk: int) -> str:
    """A column as the database holds it, read past the ORM."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def copy_column(table: str, column: str, source: int, target: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {column} = (SELECT {column} FROM {table} WHERE id = %s) "
            "WHERE id = %s",
            [source, target],
        )


def full_dump() -> str:
    """Everything the database holds, as a backup or a thief would see it."""
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    db = connection.settings_dict
    if shutil.which("pg_dump"):
        command = ["pg_dump", "--no-owner", "--dbname", db["NAME"]]
        for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
            if db[key]:
                command += [flag, str(db[key])]
        env = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
        return subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    lines = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            lines += [repr(row) for row in cursor.fetchall()]
    return "\n".join(lines)


def new_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def entry(person: Person, text: str, **fields) -> Interaction:
    return Interaction.objects.create(
        user=person.user, person=person, text=text, feeling=fields.pop("feeling", 0), **fields
    )


@pytest.fixture
def bobs_friend(bob) -> Person:
    return Person.objects.create(user=bob, name="Robin")


@pytest.mark.django_db(transaction=True)
@pytest.mark.clock(LATE_2026, tick=True)  # it logs an entry on a fixed day of 2026
def test_a_marker_typed_in_the_log_form_is_absent_from_the_database_but_on_the_page(
    alice_client,
):
    response = alice_client.post(reverse("journal-entry-create"), entry_data(text=MARKER))
    assert response.status_code == 302
    pk = Interaction.objects.get().pk

    stored = raw("journal_interaction", "text", pk)
    assert MARKER not in stored
    assert stored.startswith("v1:")
    dump = full_dump()
    assert "journal_interaction" in dump and "Sam" in dump  # the dump does hold the data
    assert MARKER not in dump
    assert MARKER.lower() not in dump.lower()
    assert MARKER in alice_client.get("/").content.decode()


def test_the_same_text_twice_seals_to_different_tokens(sam):
    first, second = entry(sam, "Same words."), entry(sam, "Same words.")
    assert raw("journal_interaction", "text", first.pk) != raw(
        "journal_interaction", "text", second.pk
    )
    before = raw("journal_interaction", "text", first.pk)
    first.save()
    assert raw("journal_interaction", "text", first.pk) != before
    assert Interaction.objects.get(pk=first.pk).text == "Same words."


def test_text_moved_to_another_row_fails_to_open(alice_client, sam):
    secret, other = entry(sam, f"{MARKER} secret."), entry(sam, "Something else.")
    copy_column("journal_interaction", "text", secret.pk, other.pk)

    with pytest.raises(SealError, match="belongs to another row or account"):
        _ = Interaction.objects.get(pk=other.pk).text
    with pytest.raises(SealError):
        alice_client.get("/")  # an error page, never ciphertext shown as text
    assert Interaction.objects.get(pk=secret.pk).text == f"{MARKER} secret."


def test_text_moved_to_another_account_fails_to_open(sam, bobs_friend):
    alices, bobs = entry(sam, f"{MARKER} hers."), entry(bobs_friend, "His.")
    copy_column("journal_interaction", "text", alices.pk, bobs.pk)
    with pytest.raises(SealError, match="belongs to another row or account"):
        _ = Interaction.objects.get(pk=bobs.pk).text


def test_a_changed_token_fails_to_open(sam):
    secret = entry(sam, "Do not touch.")
    token = raw("journal_interaction", "text", secret.pk)
    flipped = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE journal_interaction SET text = %s WHERE id = %s", [flipped, secret.pk]
        )
    with pytest.raises(SealError):
        _ = Interaction.objects.get(pk=secret.pk).text


def test_person_notes_are_sealed_too(alice_client, sam):
    response = alice_client.post(
        reverse("journal-person-edit", args=[sam.pk]),
        {"name": "Sam", "relationship": "dating", "notes": f"Notes with {MARKER}."},
    )
    assert response.status_code == 302
    assert MARKER not in raw("journal_person", "notes", sam.pk)
    assert raw("journal_person", "name", sam.pk) == "Sam"  # names stay plain
    page = alice_client.get(reverse("journal-person", args=[sam.pk])).content.decode()
    assert f"Notes with {MARKER}." in page


def test_empty_text_is_stored_empty(sam):
    blank = entry(sam, "")
    assert raw("journal_interaction", "text", blank.pk) == ""
    assert Interaction.objects.get(pk=blank.pk).text == ""


def test_bulk_create_seals(alice, sam):
    Interaction.objects.bulk_create(
        Interaction(user=alice, person=sam, text=f"{MARKER} {i}", feeling=0) for i in range(3)
    )
    for pk in Interaction.objects.values_list("pk", flat=True):
        assert MARKER not in raw("journal_interaction", "text", pk)
    assert sorted(e.text for e in Interaction.objects.all()) == [f"{MARKER} {i}" for i in range(3)]


def test_writes_that_would_skip_sealing_are_refused(sam):
    kept = entry(sam, "Kept as it was.")
    entries = Interaction.objects.filter(pk=kept.pk)
    with pytest.raises(SealError, match="refused"):
        entries.update(text="Plain text")
    with pytest.raises(SealError, match="refused"):
        entries.update(text=Value("Plain text"))
    with pytest.raises(SealError, match="refused"):
        Person.objects.filter(pk=sam.pk).update(notes="Plain notes")
    kept.text = "Changed"
    with pytest.raises(SealError, match="refused"):
        Interaction.objects.bulk_update([kept], ["text"])
    with pytest.raises(SealError, match="can't search it"):
        list(Interaction.objects.filter(text__icontains="kept"))
    with pytest.raises(SealError, match="only takes sealed text"):
        list(Interaction.objects.filter(text="Kept as it was."))
    assert Interaction.objects.get(pk=kept.pk).text == "Kept as it was."
    assert entries.update(feeling=2) == 1  # plain columns update as before


def test_values_hand_out_sealed_objects_that_never_pass_for_text(sam):
    entry(sam, "Private.")
    [value] = Interaction.objects.values_list("text", flat=True)
    assert isinstance(value, Sealed)
    with pytest.raises(SealError):
        str(value)


@pytest.mark.clock(LATE_2026, tick=True)  # it logs an entry on a fixed day of 2026
def test_classification_reads_the_plain_text(alice_client, monkeypatch):
    from journal import signs as labels

    seen = []
    real = labels.classify
    monkeypatch.setattr(
        labels, "classify", lambda text, facts, **kw: seen.append(text) or real(text, facts, **kw)
    )
    alice_client.post(reverse("journal-entry-create"), entry_data(text=f"{MARKER}, so busy."))
    assert seen == [f"{MARKER}, so busy."]


def test_search_opens_the_text_of_ones_own_entries_only(alice_client, sam, bobs_friend):
    entry(sam, "Coffee at the PARK.")
    entry(sam, "Dinner in town.")
    entry(bobs_friend, "A walk in the park.")
    body = alice_client.get("/", {"q": "park"}).content.decode()
    assert "Coffee at the PARK." in body
    assert "Dinner in town." not in body
    assert "A walk in the park." not in body


def test_search_pages_through_many_matches(alice_client, sam):
    for i in range(45):
        entry(sam, f"Match {i:02d}." if i % 3 else f"Other {i:02d}.")
    first = alice_client.get("/", {"q": "match"})
    second = alice_client.get("/", {"q": "match", "page": 2})
    assert len(first.context["page"].object_list) == PAGE_SIZE < 30
    assert first.context["page"].has_next and not second.context["page"].has_next
    shown = {e.text for p in (first, second) for e in p.context["page"].object_list}
    assert len(shown) == 30 and all(text.startswith("Match") for text in shown)


@pytest.mark.parametrize("query", ["", "entry"])
def test_the_log_page_queries_stay_flat_with_sealed_text(alice_client, sam, query):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert alice_client.get("/", {"q": query}).status_code == 200
        return len(queries)

    for i in range(3):
        entry(sam, f"Entry {i}.")
    alice_client.get("/")  # the first request of a session may write the session
    few = count()
    for i in range(40):
        entry(sam, f"Entry {i}.")
    assert count() == few


def test_the_page_reads_the_key_once(alice_client, sam):
    for i in range(10):
        entry(sam, f"Entry {i}.")
    with CaptureQueriesContext(connection) as queries:
        alice_client.get("/")
    assert sum("accounts_datakey" in q["sql"] for q in queries.captured_queries) == 1


def test_a_wrong_master_key_fails_at_start_and_on_read(alice_client, sam, settings):
    secret = entry(sam, "Only with the right key.")
    call_command("check", "--database", "default")  # the right key passes
    settings.MASTER_KEY = new_key()

    with pytest.raises(SystemCheckError, match="accounts.E002"):
        call_command("check", "--database", "default")
    with pytest.raises(crypto.MasterKeyError, match="wrapped by master key"):
        _ = Interaction.objects.get(pk=secret.pk).text
    with pytest.raises(crypto.MasterKeyError):
        alice_client.get("/")
    with pytest.raises(crypto.MasterKeyError), transaction.atomic():
        entry(sam, "Never stored under a key no one can open.")
    assert Interaction.objects.count() == 1


def test_a_missing_master_key_file_fails_at_start_and_on_read(sam, settings, tmp_path):
    secret = entry(sam, "Needs the key.")
    settings.MASTER_KEY = ""
    settings.MASTER_KEY_FILE = str(tmp_path / "gone")
    with pytest.raises(SystemCheckError, match="accounts.E001"):
        call_command("check")
    with pytest.raises(crypto.MasterKeyError, match="can't be read"):
        _ = Interaction.objects.get(pk=secret.pk).text


def test_a_malformed_master_key_is_refused(settings, db):
    settings.MASTER_KEY = "too-short"
    with pytest.raises(SystemCheckError, match="32 random bytes"):
        call_command("check")


def test_without_a_key_one_is_made_in_the_keys_folder_once(settings, tmp_path, capsys, sam):
    entry(sam, "Made under the test key.")
    settings.MASTER_KEY = ""
    settings.KEY_DIR = settings.DATA_DIR = tmp_path
    made = crypto.master_key()
    path = tmp_path / "master_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Back it up" in capsys.readouterr().err
    crypto.forget_master_key()
    assert crypto.master_key().id == made.id
    assert capsys.readouterr().err == ""  # warned once, when it was made
    # A new key can't open what an old one wrapped: lost keys are noticed at start.
    with pytest.raises(SystemCheckError, match="accounts.E002"):
        call_command("check", "--database", "default")


def test_rotation_keeps_everything_readable_with_the_new_key_only(
    settings, tmp_path, monkeypatch, sam, bobs_friend
):
    sam.notes = "Notes about Sam."
    sam.save()
    texts = {entry(sam, "Hers.").pk: "Hers.", entry(bobs_friend, "His.").pk: "His."}
    carol = User.objects.create_user("carol", password="a third long secret")
    texts[entry(Person.objects.create(user=carol, name="Kim"), "Theirs.").pk] = "Theirs."
    tokens = {pk: raw("journal_interaction", "text", pk) for pk in texts}
    old, key_file = settings.MASTER_KEY, tmp_path / "new_key"
    key_file.write_text(new_key())
    new_id = crypto.key_id(base64.b64decode(key_file.read_text()))

    # Interrupted in the second batch: the first batch is done, the second rolled back.
    real, calls = crypto.wrap_data_key, []

    def flaky(*args):
        calls.append(args)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(crypto, "wrap_data_key", flaky)
    with pytest.raises(KeyboardInterrupt):
        call_command("rotate_master_key", "--new-key-file", key_file, "--batch-size", 2)
    assert DataKey.objects.filter(master_key_id=new_id).count() == 2
    monkeypatch.setattr(crypto, "wrap_data_key", real)

    call_command("rotate_master_key", "--new-key-file", key_file, "--batch-size", 2)
    assert set(DataKey.objects.values_list("master_key_id", flat=True)) == {new_id}
    assert {pk: raw("journal_interaction", "text", pk) for pk in texts} == tokens  # untouched

    settings.MASTER_KEY, settings.MASTER_KEY_FILE = "", str(key_file)
    call_command("check", "--database", "default")
    assert {e.pk: e.text for e in Interaction.objects.all()} == texts
    assert Person.objects.get(pk=sam.pk).notes == "Notes about Sam."

    settings.MASTER_KEY, settings.MASTER_KEY_FILE = old, ""
    with pytest.raises(crypto.MasterKeyError):
        _ = Interaction.objects.first().text


def test_deleting_an_account_deletes_its_key(alice, sam):
    secret = entry(sam, "Gone with the account.")
    token = raw("journal_interaction", "text", secret.pk)
    alice.delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM accounts_datakey WHERE user_id = %s", [alice.pk])
        assert cursor.fetchone()[0] == 0
    # An old backup still holds the token, but nothing that can open it.
    with pytest.raises(SealError, match="no data key"):
        crypto.data_key(alice.pk)
    assert token.startswith("v1:")


@pytest.mark.django_db(transaction=True)
def test_the_migration_seals_old_text_is_safe_to_rerun_and_reversible(alice):
    sam = Person.objects.create(user=alice, name="Sam", notes="Old notes.")
    secret = entry(sam, "Written before sealing.")
    call_command("migrate", "journal", "0004", verbosity=0)
    try:
        assert raw("journal_interaction", "text", secret.pk) == "Written before sealing."
        assert raw("journal_person", "notes", sam.pk) == "Old notes."
    finally:
        call_command("migrate", verbosity=0)
    sealed = raw("journal_interaction", "text", secret.pk)
    assert sealed.startswith("v1:")
    assert "Old notes." not in raw("journal_person", "notes", sam.pk)

    # As if it stopped before being recorded: running it again leaves sealed rows alone.
    call_command("migrate", "journal", "0005", verbosity=0)  # undo the later ones first
    MigrationRecorder(connection).migration_qs.filter(
        app="journal", name="0005_seal_existing_text"
    ).delete()
    call_command("migrate", verbosity=0)
    assert raw("journal_interaction", "text", secret.pk) == sealed
    assert Interaction.objects.get().text == "Written before sealing."
    assert Person.objects.get().notes == "Old notes."
