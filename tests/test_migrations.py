"""Every migration of ours can be undone, so an upgrade can be rolled back.

A migration that truly cannot be reversed (a data change that loses information) must
say why in its own docstring, and be listed in IRREVERSIBLE below with that reason.
These tests then stop at it instead of failing. The list is empty, and should stay so.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from journal.models import EntryCategory, Interaction, Person, WeekRollup
from portability.models import ImportRun

pytestmark = pytest.mark.django_db(transaction=True)

IRREVERSIBLE: dict[tuple[str, str], str] = {}


def project_apps() -> list[str]:
    """Our own apps with migrations: the flat folders at the top of the repository."""
    base = Path(settings.BASE_DIR)
    return [
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).parent == base and (Path(config.path) / "migrations").is_dir()
    ]


def pending() -> list:
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def floor(app: str) -> str:
    """How far back `app` can go: zero, or the latest migration that cannot be undone."""
    stops = [name for (label, name) in IRREVERSIBLE if label == app]
    return max(stops) if stops else "zero"


def our_tables() -> set[str]:
    tables = set(connection.introspection.table_names())
    return {
        model._meta.db_table
        for label in project_apps()
        for model in apps.get_app_config(label).get_models()
        if model._meta.db_table in tables
    }


def test_all_our_migrations_run_backwards_to_zero_and_forwards_again():
    assert our_tables(), "the test database starts fully migrated"
    try:
        for app in project_apps():
            call_command("migrate", app, floor(app), interactive=False, verbosity=0)
        if not IRREVERSIBLE:
            assert our_tables() == set()
    finally:
        call_command("migrate", interactive=False, verbosity=0)

    assert pending() == []
    assert {m._meta.db_table for m in (Person, Interaction, EntryCategory)} <= our_tables()


def test_the_latest_migration_of_each_app_steps_back_and_forth_keeping_data(alice):
    """With data in place: what a data migration does, its reverse undoes."""
    sam = Person.objects.create(user=alice, name="Sam", notes="Met at the climbing gym.")
    entry = Interaction.objects.create(
        user=alice, person=sam, text="Said they were so busy, again.", feeling=-2
    )
    EntryCategory.objects.create(interaction=entry, category="busy_excuses", score=0.8)
    graph = MigrationExecutor(connection).loader.graph
    stepped = []
    try:
        for app, name in sorted(graph.leaf_nodes()):
            if app not in project_apps() or (app, name) in IRREVERSIBLE:
                continue
            parents = [p for p in graph.node_map[(app, name)].parents if p.key[0] == app]
            if not parents:
                continue  # the initial migration: going back drops the tables
            call_command("migrate", app, parents[0].key[1], interactive=False, verbosity=0)
            call_command("migrate", interactive=False, verbosity=0)
            stepped.append(f"{app}.{name}")
    finally:
        call_command("migrate", interactive=False, verbosity=0)

    if not stepped:
        pytest.skip("every app has only its initial migration so far")
    entry = Interaction.objects.get()
    assert entry.text == "Said they were so busy, again."
    assert entry.person.notes == "Met at the climbing gym."
    assert entry.categories.get().category == "busy_excuses"


def test_rows_written_before_the_signs_moved_to_journal_stay_theirs(alice):
    """patterns 0006 / journal 0010 move five models between apps without touching rows."""
    sam = Person.objects.create(user=alice, name="Sam")
    entry = Interaction.objects.create(user=alice, person=sam, text="Busy again.", feeling=-1)
    kind = ContentType.objects.get_for_model(EntryCategory)
    before_main = [("journal", "0009_chat_conversation"), ("patterns", "0005_basics_and_decisions")]
    try:
        call_command("migrate", "patterns", "0005", interactive=False, verbosity=0)
        assert ContentType.objects.get(pk=kind.pk).app_label == "patterns"
        old = MigrationExecutor(connection).loader.project_state(before_main).apps
        old.get_model("patterns", "EntryCategory").objects.create(
            interaction_id=entry.pk, category="busy_excuses", score=0.7, reasons=["Busy."]
        )
        old.get_model("patterns", "WeekRollup").objects.create(
            user_id=alice.pk, person_id=sam.pk, week="2026-11-30", total=1, counts={"x": 1}
        )
    finally:
        call_command("migrate", interactive=False, verbosity=0)

    assert pending() == []
    sign = EntryCategory.objects.get()
    assert (sign.interaction, sign.category, sign.reasons) == (entry, "busy_excuses", ["Busy."])
    assert WeekRollup.objects.get().counts == {"x": 1}
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(EntryCategory).pk == kind.pk
    assert Permission.objects.get(codename="change_entrycategory").content_type_id == kind.pk


def test_import_runs_keep_their_content_type_when_they_move_to_portability():
    """portability 0001 relabels the row accounts made, so permissions follow the model."""
    kind = ContentType.objects.get_for_model(ImportRun)
    assert kind.app_label == "portability"
    try:
        call_command("migrate", "portability", "zero", interactive=False, verbosity=0)
        assert ContentType.objects.get(pk=kind.pk).app_label == "accounts"
    finally:
        call_command("migrate", interactive=False, verbosity=0)

    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(ImportRun).pk == kind.pk
    assert Permission.objects.get(codename="change_importrun").content_type_id == kind.pk
