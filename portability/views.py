"""The import pages: an Almost export (import_page, which shows the Daylio form too;
Daylio's preview and confirm are in portability.daylio_views), and a chat export:
upload, preview (who is who), confirm.

A chat's upload stays in memory (settings.FILE_UPLOAD_HANDLERS) and is read once; between
the preview and the confirm only portability.pending's signed summary travels. No chat
text is logged: the chat views log nothing, and error reports hide the pending form field.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import DataError, IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from journal.lookups import parse_id
from journal.models import ChatSource, Person
from portability import import_runs
from portability.chat import figures
from portability.chat.parse import MAX_BYTES, ChatError, DateOrderUnknown, pick_me, read_chat
from portability.chats import check_dates, count_known, kept_text, store_chat
from portability.export_file import MAX_EXPORT_BYTES, ExportFileError, read_export
from portability.forms import ChatForm, DaylioForm, UploadForm, oversized
from portability.imports import account_is_empty, restore
from portability.models import ImportRun
from portability.pending import (
    TICKABLE_CONVERSATIONS,
    TICKABLE_MESSAGES,
    ChatPending,
    PendingError,
)

log = logging.getLogger("almost.imports")


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


def _upload_page(request: HttpRequest, form: ChatForm) -> HttpResponse:
    return render(request, "portability/chat_upload.html", {"form": form, "nav": "account"})


@login_required
@require_GET
def chat_upload(request: HttpRequest) -> HttpResponse:
    """The upload form; ?person=<id> picks one of the user's people."""
    person = Person.objects.for_user(request.user).filter(
        pk=parse_id(request.GET.get("person", ""))
    )
    form = ChatForm(user=request.user, initial={"person": person.first()})
    return _upload_page(request, form)


@login_required
@require_POST
@sensitive_post_parameters("pending")
def chat_preview(request: HttpRequest) -> HttpResponse:
    """Read an uploaded chat (or show a preview again with another "me"). Writes nothing."""
    if "pending" in request.POST:
        try:
            pending = ChatPending.unsign(request.POST["pending"], request.user)
        except PendingError as error:
            messages.error(request, str(error))
            return redirect("portability-chat")
        return _preview(request, pending, request.POST.get("me"))
    form = ChatForm(
        request.POST, request.FILES, user=request.user, oversized=oversized(request, MAX_BYTES)
    )
    if not form.is_valid():
        return _upload_page(request, form)
    try:
        chat = read_chat(form.cleaned_data["file"], form.cleaned_data["date_order"] or None)
        check_dates(chat, request.user.tz)
    except ChatError as error:
        field = "date_order" if isinstance(error, DateOrderUnknown) else "file"
        form.add_error(field, str(error))
        return _upload_page(request, form)
    person = form.cleaned_data["person"]
    pending = ChatPending(
        person_id=person.pk if person else None,
        new_person=form.cleaned_data["new_person"],
        chat=chat,
        texts=_tickable(chat),
    )
    return _preview(request, pending, None)


def _tickable(chat) -> dict[int, str]:
    """The texts of the latest messages, which may be kept: the last few conversations,
    found by walking back over the gaps between them, or the last messages of a long one."""
    messages = chat.messages
    first, starts = len(messages) - 1, 0
    while first > 0 and len(messages) - first < TICKABLE_MESSAGES:
        if messages[first].minute - messages[first - 1].minute >= figures.NEW_CONVERSATION:
            starts += 1
            if starts == TICKABLE_CONVERSATIONS:
                break
        first -= 1
    return {i: messages[i].text for i in range(first, len(messages))}


def _preview(request: HttpRequest, pending: ChatPending, me: str | None) -> HttpResponse:
    """The preview page for a pending chat. Queries: 2 (the person, their conversations)."""
    chat, user = pending.chat, request.user
    person = pending.person(user)
    name = person.name if person else pending.new_person
    if me not in chat.senders:
        try:
            me = pick_me(chat, None, name)
        except ChatError:
            me = None
    points = figures.points(chat.messages, me or "")
    found = figures.conversations(points)
    known = count_known(person, found, user.tz)
    summary = figures.summarise(points, found) if me else None
    context = {
        "token": pending.sign(user),
        "chat": chat,
        "me": me,
        "name": name,
        "new_person": person is None,
        "summary": summary,
        "late": {k: _percent(v) for k, v in summary["late_night_share"].items()} if summary else {},
        "source": ChatSource(chat.source).label,
        "total": len(found),
        "known": known,
        "new": len(found) - known,
        "tickable": [(i, chat.messages[i], chat.messages[i].sender == me) for i in pending.texts],
        "nav": "account",
    }
    return render(request, "portability/chat_preview.html", context)


@login_required
@require_POST
@sensitive_post_parameters("pending")
def chat_confirm(request: HttpRequest) -> HttpResponse:
    """Store the previewed chat: each conversation once, however often this is sent."""
    try:
        pending = ChatPending.unsign(request.POST.get("pending", ""), request.user)
    except PendingError as error:
        messages.error(request, str(error))
        return redirect("portability-chat")
    chat, me = pending.chat, request.POST.get("me")
    if me not in chat.senders:
        messages.error(request, "Say which one is you, then import.")
        return _preview(request, pending, None)
    person = pending.person(request.user)
    if person is None and pending.person_id is not None:
        messages.error(request, "That person is gone. Upload the chat again.")
        return redirect("portability-chat")
    found = figures.conversations(figures.points(chat.messages, me))
    name = person.name if person else pending.new_person
    kept = _kept(pending, found, me, name, request.POST.getlist("keep"))
    try:
        check_dates(chat, request.user.tz)
        stored = store_chat(request.user, person, pending.new_person, chat, me, found, kept)
    except ChatError as error:
        messages.error(request, str(error))
        return redirect("portability-chat")
    messages.success(request, _said(stored.created, stored.already_there))
    return redirect("journal-person", stored.person.pk)


def _kept(pending: ChatPending, found, me: str, name: str, keep: list[str]) -> dict[int, str]:
    """The ticked messages' text, by conversation (only those the preview offered)."""
    ticked = {i for i in map(parse_id, keep) if i in pending.texts}
    kept = {}
    for index, c in enumerate(found):
        chosen = [pending.chat.messages[i] for i in range(c.first, c.last + 1) if i in ticked]
        if chosen:
            kept[index] = kept_text(chosen, me, name)
    return kept


def _said(created: int, already: int) -> str:
    if not created:
        return f"Nothing new: all {already} conversations were imported before."
    new = f"Imported {created} conversation{'s' if created != 1 else ''} from the chat."
    return new + (f" {already} were there already." if already else "")


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"
