"""Write an Almost export into an empty account (the page: portability.views.import_page).

Nothing is written until the whole file has been read and checked (portability.export_file);
then it is written in batches, each in a short transaction of its own. Uploads stay in
memory (see FILE_UPLOAD_HANDLERS).
"""

from itertools import batched

from django.db import connection, transaction

from accounts.crypto import data_key
from journal import rollups
from journal.models import (
    Basic,
    ChatConversation,
    Decision,
    EntryCategory,
    Interaction,
    Person,
    Tuning,
)
from portability.export_file import Plan, PlannedEntry

BATCH = 500


def account_is_empty(user) -> bool:
    return not Person.objects.filter(user=user).exists()


def restore(user, plan: Plan) -> tuple[int, int]:
    """Write a checked export into an empty account: settings and people, then entries
    with their categories, BATCH entries a transaction, so other people's posts never
    wait long for the database (on SQLite, one writer at a time). Returns the number of
    people and of entries. If a write fails, everything written is deleted again (the
    account was empty) and the error goes on. Queries: a few per BATCH entries.
    """
    data_key(user.pk, create=True)  # Made now, not inside the first batch's transaction.
    people = {}
    entries = 0
    try:
        with transaction.atomic():
            user.time_zone, user.week_start = plan.time_zone, plan.week_start
            user.save(update_fields=["time_zone", "week_start"])
            for key, person, _created in plan.people:
                person.user = user
                people[key] = person
            Person.objects.bulk_create(people.values(), batch_size=BATCH)
            for _key, person, created in plan.people:
                person.created = created or person.created
            Person.objects.bulk_update(people.values(), ["created"], batch_size=BATCH)
            _write_basics_and_decisions(user, people, plan)
            if plan.tuning is not None:
                Tuning.objects.create(
                    user=user, weights=plan.tuning.to_json(), corrections=plan.tuning.corrections
                )
        for batch in batched(plan.entries(), BATCH):
            with transaction.atomic():
                _write_entries(user, people, batch)
            entries += len(batch)
    except BaseException:
        Person.objects.filter(user=user).delete()  # Their entries and categories go too.
        Tuning.objects.filter(user=user).delete()
        Basic.objects.filter(user=user).delete()  # The lines for everyone.
        raise
    return len(people), entries


def _write_basics_and_decisions(user, people: dict[str, Person], plan: Plan) -> None:
    for key, basic in plan.basics:
        basic.user, basic.person = user, people.get(key)
    Basic.objects.bulk_create([basic for _key, basic in plan.basics])
    for key, decision in plan.decisions:
        decision.user, decision.person = user, people[key]
    Decision.objects.bulk_create([decision for _key, decision in plan.decisions])


def _write_entries(user, people: dict[str, Person], batch: list[PlannedEntry]) -> None:
    """Insert a batch of entries and their categories, with the entries' own times."""
    entries = []
    for key, entry, _created, _updated, _categories in batch:
        entry.user, entry.person = user, people[key]
        entries.append(entry)
    Interaction.objects.bulk_create(entries)
    # Django stamps created and updated with the time of the insert: put the file's back.
    # One statement run for each entry: bulk_update's CASE over a batch cost 20 times more.
    table = connection.ops.quote_name(Interaction._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET created = %s, updated = %s WHERE id = %s",  # nosec B608  # a quoted table name, values as parameters
            [
                (adapt(created), adapt(updated), entry.pk)
                for _k, entry, created, updated, _c in batch
            ],
        )
    rows = []
    for _key, entry, _created, _updated, categories in batch:
        for row in categories:
            row.interaction = entry
            rows.append(row)
    EntryCategory.objects.bulk_create(rows)
    chats = []
    for _key, entry, _created, _updated, _categories in batch:
        if entry.imported_chat is not None:
            entry.imported_chat.interaction = entry
            chats.append(entry.imported_chat)
    ChatConversation.objects.bulk_create(chats)
    rollups.refresh_entries(user, entries)
