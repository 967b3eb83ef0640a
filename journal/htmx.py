"""Pages that htmx can ask a fragment of: one way to pick the fragment.

A URL that answers both a whole page and, for htmx, one `{% partialdef %}` of it marks
its responses `Vary: HX-Request`, so a browser's cache never shows the fragment where
the page belongs (after going back, say).
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (its docs' type hint recipe:
    django-htmx ships no such class)."""

    htmx: HtmxDetails


def wants_fragment(request: HtmxHttpRequest, target: str | None = None) -> bool:
    """Whether htmx asks for a fragment (swapped into `target`, when given). A history
    restore (a page htmx had not cached) wants the whole page."""
    htmx = request.htmx
    if not htmx or htmx.history_restore_request:
        return False
    return target is None or htmx.target == target


def render_page(
    request: HtmxHttpRequest,
    template: str,
    context: dict,
    *,
    partial: str,
    target: str | None = None,
) -> HttpResponse:
    """`template`, or only its `partial` when `wants_fragment(request, target)`."""
    if wants_fragment(request, target):
        template = f"{template}#{partial}"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response
