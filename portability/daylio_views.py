"""Import a Daylio CSV for one person: upload, preview, confirm, report.

The upload is parsed by portability.daylio. Between the preview and the confirm step it
travels in the confirm form, compressed and signed (portability.pending.DaylioPending):
nothing is kept on the server.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.crypto import data_key
from journal import rollups, tuning
from journal.models import Channel, EntryCategory, Interaction, Person
from journal.signs import auto_rows
from portability import daylio, import_runs
from portability.forms import DaylioForm, oversized
from portability.models import ImportRun
from portability.pending import DaylioPending, PendingError
from portability.views import import_form_page

PREVIEW_ROWS = 20
BATCH = 500


def _prepare(pending: DaylioPending, user) -> tuple[daylio.Result, Person | None]:
    """Parse the upload and skip rows already in the journal. Queries: 2."""
    result = daylio.parse(pending.data, user.tz)
    person = pending.person(user)
    span = result.span()
    if person is not None and span is not None:
        existing = Interaction.objects.filter(
            user=user, person=person, occurred_at__range=span
        ).iterator(chunk_size=BATCH)
        result.drop_existing({(entry.occurred_at, entry.text) for entry in existing})
    return result, person


@login_required
@require_POST
def daylio_preview(request: HttpRequest) -> HttpResponse:
    """Show what a Daylio file will become. Nothing is written."""
    form = DaylioForm(
        request.POST,
        request.FILES,
        user=request.user,
        oversized=oversized(request, daylio.MAX_BYTES),
    )
    if not form.is_valid():
        return import_form_page(request, daylio_form=form)
    person = form.cleaned_data["person"]
    pending = DaylioPending(
        person_id=person.pk if person else None,
        new_person="" if person else form.cleaned_data["new_person"],
        data=form.cleaned_data["file"],
    )
    try:
        # Reading a big file takes seconds: it counts towards the hour's imports.
        with import_runs.running(request.user, ImportRun.Kind.DAYLIO_PREVIEW):
            result, person = _prepare(pending, request.user)
    except (daylio.DaylioError, import_runs.ImportBusy, import_runs.TooManyImports) as error:
        form.add_error("file", str(error))
        response = import_form_page(request, daylio_form=form)
        response.status_code = 429 if isinstance(error, import_runs.TooManyImports) else 200
        return response
    token = pending.sign(request.user)
    if len(token) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE - 64 * 1024:
        form.add_error("file", "That file is too big to import in one go. Export it in parts.")
        return import_form_page(request, daylio_form=form)
    context = {
        "result": result,
        "first_rows": result.rows[:PREVIEW_ROWS],
        "person_name": person.name if person else pending.new_person,
        "new_person": person is None,
        "token": token,
        "nav": "account",
    }
    return render(request, "portability/import_preview.html", context)


@login_required
@require_POST
def daylio_confirm(request: HttpRequest) -> HttpResponse:
    """Write the previewed rows (see save_rows), and say what happened.

    One import runs at a time per account (portability.import_runs): a second confirm of
    the same preview, sent while the first still runs, writes nothing and says so; one
    sent after it finds every row already in the journal.
    """
    token = request.POST.get("pending", "")
    try:
        pending = DaylioPending.unsign(token, request.user)
    except PendingError as error:
        messages.error(request, str(error))
        return redirect("accounts-import")
    try:
        with import_runs.running(
            request.user, ImportRun.Kind.DAYLIO, import_runs.digest(token)
        ) as run:
            response, run.entries = _confirm(request, pending)
    except import_runs.ImportBusy as busy:
        if busy.same:  # A double click: the first confirm is at work.
            messages.info(request, str(busy))
            return redirect("journal-log")
        messages.error(request, str(busy))
        return redirect("accounts-import")
    except import_runs.TooManyImports as error:
        messages.error(request, str(error))
        return redirect("accounts-import")
    return response


def _confirm(request: HttpRequest, pending: DaylioPending) -> tuple[HttpResponse, int]:
    """The confirm step's page, and how many entries it stored."""
    try:
        result, person = _prepare(pending, request.user)
    except daylio.DaylioError as error:
        messages.error(request, str(error))
        return redirect("accounts-import"), 0
    if person is None and result.rows:
        if pending.person_id is not None:
            messages.error(request, "That person is gone. Upload the file again.")
            return redirect("accounts-import"), 0
        person = Person.objects.get_or_create_named(request.user, pending.new_person)
    saved = save_rows(request.user, person, result.rows)
    context = {"result": result, "person": person, "imported": saved, "nav": "account"}
    return render(request, "portability/import_report.html", context), saved


def save_rows(user, person: Person, rows: list[daylio.Row]) -> int:
    """Store Daylio rows as entries of `person`, classified. Returns how many.

    BATCH rows at a time, each batch in a transaction of its own that only inserts: the
    classifier runs before it, so other people's posts never wait more than a moment
    for the database (on SQLite, one writer at a time). If something fails halfway, the
    batches before stay, and the same file imported again skips them (same moment, same
    text). Queries: 5 a batch (the last 3 count its weeks again).
    """
    data_key(user.pk, create=True)  # Made now, not inside the first batch's transaction.
    saved = 0
    learned_here = tuning.load(user.pk)  # what the account's corrections taught
    for start in range(0, len(rows), BATCH):
        entries = [
            Interaction(
                user=user,
                person=person,
                occurred_at=row.occurred_at,
                channel=Channel.OTHER,
                text=row.text,
                feeling=row.feeling,
                feelings=row.feelings,
            )
            for row in rows[start : start + BATCH]
        ]
        categories = [row for entry in entries for row in auto_rows(entry, learned_here)]
        with transaction.atomic():
            Interaction.objects.bulk_create(entries)
            EntryCategory.objects.bulk_create(categories)
            rollups.refresh_entries(user, entries)
        saved += len(entries)
    return saved
