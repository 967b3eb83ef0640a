"""Bring data in: an Almost export into an empty account (Daylio: portability.daylio_views).

Nothing is written until the whole file has been read and checked (portability.export_file);
then it is written in batches, each in a short transaction of its own. Uploads stay in
memory (see FILE_UPLOAD_HANDLERS).
"""

import logging
from itertools import batched

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import DataError, IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

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
from portability import import_runs
from portability.export_file import (
    MAX_EXPORT_BYTES,
    ExportFileError,
    Plan,
    PlannedEntry,
    read_export,
)
from portability.forms import DaylioForm, UploadForm, oversized
from portability.models import ImportRun

BATCH = 500
log = logging.getLogger("almost.imports")


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


# Views --------------------------------------------------------------------------------


def import_form_page(request: HttpRequest, export_form=None, daylio_form=None) -> HttpResponse:
    context = {
        "export_form": export_form or UploadForm(),
        "daylio_form": daylio_form or DaylioForm(user=request.user),
        "empty": account_is_empty(request.user),
        "nav": "account",
    }
    return render(request, "portability/import.html", context)


SAVE_FAILED = (
    "The database turned part of this file down, so nothing was imported. If it happens "
    "again, the file may have been edited: export it from Almost again."
)
NOT_EMPTY = (
    "This account already has people or entries, so an import could mix two journals. "
    "Import into a new, empty account instead."
)


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    """The two upload forms; a POST here is the Almost export."""
    if request.method != "POST":
        return import_form_page(request)
    form = UploadForm(request.POST, request.FILES, oversized=oversized(request, MAX_EXPORT_BYTES))
    if form.is_valid():
        try:
            # One import at a time: a second post of the same file finds the account
            # taken while the first runs, and not empty once it is done.
            with import_runs.running(request.user, ImportRun.Kind.ALMOST) as run:
                if not account_is_empty(request.user):
                    raise ExportFileError([NOT_EMPTY])
                people, run.entries = restore(request.user, read_export(form.cleaned_data["file"]))
        except ExportFileError as error:
            for problem in error.problems:
                form.add_error("file", problem)
        except (IntegrityError, DataError) as error:
            # restore() took back what it wrote. The class name only: the database's
            # message can quote what the file held.
            log.warning("import failed: %s", type(error).__name__)
            form.add_error("file", SAVE_FAILED)
        except (import_runs.ImportBusy, import_runs.TooManyImports) as error:
            form.add_error("file", str(error))
            response = import_form_page(request, export_form=form)
            response.status_code = 429 if isinstance(error, import_runs.TooManyImports) else 200
            return response
        else:
            messages.success(request, f"Imported {people} people and {run.entries} entries.")
            return redirect("journal-log")
    return import_form_page(request, export_form=form)
