"""The lookups every app's views share: a user's own entry or person, ids from query
strings, where to go back to, and entries ready for the cards that show them.

Every view that takes an id loads its object through `get_entry_for_user` or
`get_person_for_user`: another account's id answers 404.
"""

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from journal.models import EntryCategory, Interaction, Person


def get_entry_for_user(request: HttpRequest, pk: int) -> Interaction:
    """The signed-in user's entry `pk` (outside the trash), with its person; else 404."""
    return get_object_or_404(
        Interaction.objects.for_user(request.user).select_related("person"), pk=pk
    )


def get_person_for_user(request: HttpRequest, pk: int) -> Person:
    """The signed-in user's person `pk`; else 404."""
    return get_object_or_404(Person.objects.for_user(request.user), pk=pk)


def parse_id(value: str) -> int | None:
    """An id from a query string, or None. "²" and 30-digit numbers are not ids."""
    if value.isascii() and value.isdigit() and len(value) < 19:
        return int(value)
    return None


def back_url(request: HttpRequest, entry: Interaction | None = None) -> str:
    """Where to go after a change: the page the form came from, if it is ours, at the
    entry's card when there is one (without JavaScript the page loads from the top)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("journal-log")
    return f"{target.split('#')[0]}#entry-{entry.pk}" if entry else target


def with_categories(entries: QuerySet) -> QuerySet:
    """Entries with their person and active categories, in two queries whatever their number."""
    return entries.select_related("person", "user").prefetch_related(
        Prefetch(
            "categories",
            queryset=EntryCategory.objects.filter(active=True).order_by("category"),
            to_attr="active_categories",
        )
    )


def with_days(entries: list, tz=None) -> list:
    """`entries`, each given `.day`, its date in `tz` (by default the active zone): what
    the timeline's `{% regroup ... by day %}` and `journal/log.html#day` group them by."""
    for entry in entries:
        entry.day = timezone.localdate(entry.occurred_at, tz)
    return entries
