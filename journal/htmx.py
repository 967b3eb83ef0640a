"""Pages that htmx can ask a fragment of: one way to pick the fragment.

A URL that answers both a whole page and, for htmx, one `{% partialdef %}` of it marks
its responses `Vary: HX-Request`, so a browser's cache never shows the fragment where
the page belongs (after going back, say). A form that htmx posts is answered with a
fragment (`render_fragment`), and without htmx with a redirect or the whole page.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
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
        return render_fragment(request, template, context, partial=partial)
    return vary_on_htmx(render(request, template, context))


def render_fragment(
    request: HtmxHttpRequest, template: str, context: dict, *, partial: str
) -> HttpResponse:
    """Only the `partial` of `template`: the answer to htmx, whatever it swaps it into."""
    return vary_on_htmx(render(request, _fragment(template, partial), context))


def fragment_html(template: str, context: dict, *, partial: str) -> str:
    """The `partial` of `template` as HTML, for an answer built of several pieces."""
    return render_to_string(_fragment(template, partial), context)


def _fragment(template: str, partial: str) -> str:
    """The name Django's loader knows `{% partialdef partial %}` of `template` by."""
    return f"{template}#{partial}"


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    """`response`, marked as one that differs for htmx (`Vary: HX-Request`)."""
    patch_vary_headers(response, ("HX-Request",))
    return response
