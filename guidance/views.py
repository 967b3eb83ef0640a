"""Guidance pages: our own words, rendered from Markdown in guidance/content/."""

from functools import cache
from itertools import groupby
from pathlib import Path

import markdown
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe

from guidance.pages import BY_SLUG, PAGES, page_for_category

CONTENT = Path(__file__).resolve().parent / "content"


@cache
def page_html(slug: str) -> SafeString:
    """The page body as HTML. Our own Markdown, read once per process."""
    text = (CONTENT / f"{slug}.md").read_text(encoding="utf-8")
    return mark_safe(markdown.markdown(text, extensions=["smarty"]))  # noqa: S308 (our own text)


def index(request: HttpRequest) -> HttpResponse:
    sections = [(name, list(pages)) for name, pages in groupby(PAGES, key=lambda p: p.section)]
    return render(request, "guidance/index.html", {"sections": sections, "nav": "guidance"})


def page(request: HttpRequest, slug: str) -> HttpResponse:
    current = BY_SLUG.get(slug)
    if current is None:
        raise Http404("No such guidance page.")
    context = {
        "page": current,
        "body": page_html(slug),
        "related": [BY_SLUG[s] for s in current.related],
        "nav": "guidance",
    }
    return render(request, "guidance/page.html", context)


def category(request: HttpRequest, slug: str) -> HttpResponse:
    """The guidance page for a taxonomy slug (chips link here)."""
    try:
        return redirect("guidance-page", page_for_category(slug).slug)
    except KeyError:
        raise Http404("No such category.") from None
