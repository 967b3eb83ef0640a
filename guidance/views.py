"""Guidance pages: our own words, rendered from Markdown in guidance/content/.

The pages and the message drafts are public: they show nothing from anyone's journal.
Links into a person's own entries appear only when they are logged in.
"""

from functools import cache
from itertools import groupby
from pathlib import Path

import markdown
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe

from guidance.drafts import ENDING_DRAFTS
from guidance.pages import BY_SLUG, PAGES, page_for_category
from journal.models import Person

CONTENT = Path(__file__).resolve().parent / "content"
NAME_MAX = 40
NAME_SLOT = "[name]"  # what the drafts show until a name is typed


@cache
def page_html(slug: str) -> SafeString:
    """The page body as HTML. Our own Markdown, read once per process."""
    text = (CONTENT / f"{slug}.md").read_text(encoding="utf-8")
    return mark_safe(markdown.markdown(text, extensions=["smarty", "toc"]))  # noqa: S308  # nosec B308 B703  # our own Markdown files, never user input


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
    if slug == "ask-for-clarity" and request.user.is_authenticated:
        # One query: whom the reader could ask, for the link into the clarity flow.
        context["people"] = list(Person.objects.for_user(request.user).active())
    return render(request, "guidance/page.html", context)


def category(request: HttpRequest, slug: str) -> HttpResponse:
    """The guidance page for a taxonomy slug (chips link here)."""
    try:
        return redirect("guidance-page", page_for_category(slug).slug)
    except KeyError:
        raise Http404("No such category.") from None


def messages(request: HttpRequest) -> HttpResponse:
    """Drafts for ending or pausing things clearly. ?name= fills them in; nothing is sent."""
    name = " ".join(request.GET.get("name", "").split())[:NAME_MAX]
    drafts = [
        {"id": f"draft-{i}", "title": title, "text": text.format(name=name or NAME_SLOT)}
        for i, (title, text) in enumerate(ENDING_DRAFTS, start=1)
    ]
    context = {"drafts": drafts, "name": name, "name_max": NAME_MAX, "nav": "guidance"}
    return render(request, "guidance/messages.html", context)
