"""The log page, entries and the trash."""

from dataclasses import dataclass
from urllib.parse import urlsplit
from uuid import uuid4

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from journal import rollups
from journal.cards import entry_card
from journal.entries import save_entry
from journal.forms import EntryForm
from journal.htmx import (
    HtmxHttpRequest,
    render_fragment,
    render_page,
    vary_on_htmx,
    wants_fragment,
)
from journal.lookups import back_url, get_entry_for_user, parse_id, with_categories, with_days
from journal.models import (
    TRASH_DAYS,
    Decision,
    Interaction,
    Person,
    purge_expired_trash,
)
from journal.sealing import MatchingRows
from patterns.classifier.categories import CATEGORIES

PAGE_SIZE = 20


@dataclass(frozen=True)
class Page:
    """One page of the timeline. Pages are not counted: a count reads the whole journal."""

    object_list: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_of(entries, number: str) -> Page:
    """Page `number` (from 1; anything else is page 1) of `entries`, PAGE_SIZE to a page."""
    number = min(max(parse_id(number) or 1, 1), 10**6)
    start = (number - 1) * PAGE_SIZE
    rows = list(entries[start : start + PAGE_SIZE + 1])
    return Page(rows[:PAGE_SIZE], number, has_next=len(rows) > PAGE_SIZE)


def timeline(request: HttpRequest, params: QueryDict | None = None):
    """One page of the timeline, filtered by ?person=, ?q= and ?category= in `params`
    (by default the request's own)."""
    params = request.GET if params is None else params
    entries = Interaction.objects.for_user(request.user)
    person_id = params.get("person", "")
    query = params.get("q", "").strip()[:200]
    category = params.get("category", "")
    if parse_id(person_id) is not None:
        entries = entries.filter(person_id=person_id)
    if category in {c.slug for c in CATEGORIES}:
        entries = entries.filter(categories__category=category, categories__active=True)
    entries = with_categories(entries)
    if query:
        # The text is sealed in the database: it is searched here, once opened.
        entries = MatchingRows(entries, "text", query)
    page = page_of(entries, params.get("page", ""))
    with_days(page.object_list)
    filters = {"person": person_id, "q": query, "category": category}
    return page, filters


def _log_context(request: HttpRequest, form: EntryForm, params: QueryDict | None = None) -> dict:
    page, filters = timeline(request, params)
    people = list(Person.objects.for_user(request.user))
    return {
        "form": form,
        "page": page,
        "filters": filters,
        "people": people,
        "filtered": any(filters.values()),
        "categories": CATEGORIES,
        "trash_days": TRASH_DAYS,
    }


def _blank_form(request: HttpRequest, last: Interaction | None = None) -> EntryForm:
    """A fresh entry form with the person of the entry logged last (`last`, or looked up;
    not the latest in time: it may be backdated) picked."""
    if last is not None:
        person = last.person_id
    else:
        mine = Interaction.objects.for_user(request.user).order_by("-pk")
        person = mine.values_list("person_id", flat=True).first()
    return EntryForm(user=request.user, initial={"token": uuid4(), "person": person})


@login_required
def log(request: HtmxHttpRequest) -> HttpResponse:
    context = _log_context(request, _blank_form(request))
    if not wants_fragment(request, target="timeline"):
        # Decisions whose "look again" date has come: 1 query, on the full page only.
        today = timezone.localdate(timezone=request.user.tz)
        context["due"] = list(Decision.objects.due(request.user, today).select_related("person"))
    return render_page(request, "journal/log.html", context, partial="timeline", target="timeline")


@login_required
@require_POST
def entry_create(request: HtmxHttpRequest) -> HttpResponse:
    form = EntryForm(request.POST, user=request.user)
    if form.is_valid():
        entry = save_entry(form)
        if wants_fragment(request):
            return _logged(request, entry)
        messages.success(request, entry.logged_message)
        return redirect(f"{reverse('journal-log')}#entry-{entry.pk}")
    if wants_fragment(request):  # focus moves to the errors (see _entry_fields.html)
        context = {"form": form, "focus": True}
        return render_fragment(request, "journal/log.html", context, partial="entry-form")
    return render(request, "journal/log.html", _log_context(request, form))


def _logged(request: HtmxHttpRequest, entry: Interaction) -> HttpResponse:
    """After logging with htmx: a fresh form, and the new entry on the timeline.

    On the newest page of the whole timeline, when the entry is the newest of all, only
    its card is sent, on top of its day; otherwise the page's timeline is drawn again.
    """
    form = _blank_form(request, last=entry)
    form.fields["text"].widget.attrs["autofocus"] = True  # ready for the next one
    shown = QueryDict(urlsplit(request.htmx.current_url or "").query)
    newest_before = (
        Interaction.objects.for_user(request.user)
        .exclude(pk=entry.pk)
        .values_list("occurred_at", flat=True)
        .first()
    )
    if shown or newest_before is None or entry.occurred_at < newest_before:
        context = _log_context(request, form, shown) | {"just_logged": entry}
        return render_fragment(request, "journal/log.html", context, partial="logged")
    entry = with_categories(Interaction.objects.filter(pk=entry.pk)).get()
    day = timezone.localdate(entry.occurred_at)
    same_day = day == timezone.localdate(newest_before)
    context = {
        "form": form,
        "people": list(Person.objects.for_user(request.user)),
        "filters": {},
        "just_logged": entry,
        "on_top": "day" if same_day else "new-day",
        "day": {"grouper": day, "list": [entry]},
    }
    return render_fragment(request, "journal/log.html", context, partial="logged")


@login_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_entry_for_user(request, pk)
    form = EntryForm(request.POST or None, instance=entry, user=request.user)
    if request.method == "POST" and form.is_valid():
        save_entry(form)
        messages.success(request, "Saved your changes.")
        return redirect(back_url(request, entry))
    return render(request, "journal/entry_edit.html", {"form": form, "entry": entry})


@login_required
def entry_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    entry = get_entry_for_user(request, pk)
    if request.method != "POST":
        return render(request, "journal/entry_delete.html", {"entry": entry})
    with transaction.atomic():
        entry.deleted = timezone.now()
        entry.save(update_fields=["deleted"])
        rollups.refresh_entries(request.user, [entry])
    purge_expired_trash(request.user)
    if wants_fragment(request):
        return render_fragment(request, "journal/log.html", {"entry": entry}, partial="deleted")
    messages.success(request, "Moved to the trash.", extra_tags=f"undo:{entry.pk}")
    return redirect(back_url(request))


@login_required
@require_POST
def entry_restore(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(Interaction.objects.in_trash(request.user), pk=pk)
    with transaction.atomic():
        entry.deleted = None
        entry.save(update_fields=["deleted"])
        rollups.refresh_entries(request.user, [entry])
    if wants_fragment(request):
        entry = with_categories(Interaction.objects.filter(pk=entry.pk)).get()
        return vary_on_htmx(HttpResponse(entry_card(entry, request, focus=True)))
    messages.success(request, "Restored.")
    return redirect(back_url(request))


@login_required
def trash(request: HttpRequest) -> HttpResponse:
    # Past TRASH_DAYS an entry is gone, even before the daily purge deletes it.
    entries = Interaction.objects.in_trash(request.user)
    entries = entries.select_related("person").order_by("-deleted")
    return render(request, "journal/trash.html", {"entries": entries, "days": TRASH_DAYS})
