"""The entry card: an entry with its signs and its actions, as every list of entries shows it.

The card is built here with `format_html` rather than in a template. It is the one loop
on the log page, the person page and a week's entries, and the template engine took about
1 ms a card (30 a page: most of the log page's time in bench/run.py); this takes a
twentieth of that. Everything is escaped by `format_html`; the markup is written once,
below, and `templates/journal/*.html` call it through the `entry_card` tag.
"""

from functools import cache

from django.middleware.csrf import get_token
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from journal.htmx import HtmxHttpRequest
from journal.models import Source
from journal.signs import facts_for
from patterns.classifier import classify, clear_answer, pulling_away
from patterns.classifier.categories import BY_SLUG, CATEGORIES


def clarity_answer_url() -> str:
    """The guidance on taking an answer, once it has come."""
    return reverse("guidance-page", args=["ask-for-clarity"]) + "#how-to-hear-the-answer"


def pulling_away_url() -> str:
    """The guidance for the one stepping back."""
    return reverse("guidance-page", args=["pulling-away"])


class Links:
    """The URLs of one entry's card. Each route is reversed once a page, not once a card."""

    _routes = ("journal-person", "journal-entry-edit", "journal-entry-delete", "patterns-correct")

    def __init__(self):
        # 0 stands in for the id: reverse() checks the route, the id goes in per card.
        self._parts = {name: reverse(name, args=[0]).rsplit("/0/", 1) for name in self._routes}
        self.guidance = {c.slug: reverse("guidance-category", args=[c.slug]) for c in CATEGORIES}
        self.clarity = clarity_answer_url()
        self.pulling_away = pulling_away_url()

    def __call__(self, name: str, pk: int) -> str:
        head, tail = self._parts[name]
        return f"{head}/{pk}/{tail}"


def _shared_by_cards(request) -> dict:
    """What every card on one page shares, made on the first card and kept on the request."""
    shared = getattr(request, "_entry_cards", None)
    if shared is None:
        shared = request._entry_cards = {
            "links": Links(),
            "csrf": format_html(
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
            ),
            "next": _back_to(request),
        }
    return shared


def _back_to(request: HtmxHttpRequest) -> str:
    """Where a card's forms send the person back to without JavaScript: this page, or for
    an htmx post, the page htmx posted from (an htmx GET is the page itself, or the one
    it is about to put in the address bar)."""
    if request.method == "POST" and request.htmx and request.htmx.current_url_abs_path:
        return request.htmx.current_url_abs_path
    return request.get_full_path()


def chip_reason(entry, category, shown: set[str]) -> str:
    """What a sign's chip says: why it is on the entry, worked out again from the opened text.

    Reasons quote the entry ("answered with “cool”"), so only a version without the quotes
    is stored in the plain category table; the full one is made here, once per entry
    shown, and never touches the database. Only the rules of the `shown` signs run.
    A sign the person added says so, unless the classifier finds it too (one they
    removed and put back).
    """
    verdicts = getattr(entry, "_verdicts", None)
    if verdicts is None:
        verdicts = entry._verdicts = classify(entry.text, facts_for(entry), only=shown)
    fresh = verdicts.get(category.category)
    found = fresh.reasons if fresh is not None and fresh.label else ()
    if category.source == Source.PERSON:
        return f"Why: {'; '.join(found)}." if found else "You added this."
    return f"Why: {'; '.join(found or category.reasons)}."


CHIP = """
    <details class="chip chip-{slug}">
      <summary{focus}>{label}<span class="visually-hidden">: why?</span></summary>
      <div class="chip-pop">
        <p class="chip-why">{why}</p>
        <p><a href="{guide}">About {quoted}</a></p>
        <form method="post" action="{url}" class="inline" hx-post="{url}" hx-target="#chips-{pk}" hx-swap="outerHTML">{csrf}
          <input type="hidden" name="category" value="{slug}">
          <input type="hidden" name="present" value="0">
          <input type="hidden" name="next" value="{next}">
          <button type="submit" class="link">Not this, remove it<span class="visually-hidden"> from the entry about {person}</span></button>
        </form>
      </div>
    </details>"""

CHIPS = """<div class="chips" id="chips-{pk}">{chips}
  <details class="chip chip-add">
    <summary{focus}>+ <span class="visually-hidden">Add a sign to this entry</span><span aria-hidden="true">Add a sign</span></summary>
    <form method="post" action="{url}" class="chip-pop" hx-post="{url}" hx-target="#chips-{pk}" hx-swap="outerHTML">{csrf}
      <label for="add-{pk}">Sign</label>
      <select id="add-{pk}" name="category">{options}</select>
      <input type="hidden" name="present" value="1">
      <input type="hidden" name="next" value="{next}">
      <button type="submit">Add<span class="visually-hidden"> it to the entry about {person}</span></button>
    </form>
  </details>
</div>"""


@cache
def missing_options(shown: frozenset[str]) -> SafeString:
    """The <option>s of the signs an entry doesn't have yet (made once per set of signs)."""
    return format_html_join(
        "",
        '<option value="{}">{}</option>',
        ((c.slug, c.label) for c in CATEGORIES if c.slug not in shown),
    )


# htmx moves the focus to an autofocus element it swaps in. Constants, no input in them.
AUTOFOCUS = mark_safe(" autofocus")  # nosec B308 B703  # a constant
FOCUSED_CARD = mark_safe(' tabindex="-1" autofocus')  # nosec B308 B703  # a constant


def chips(entry, request, focus: str = "") -> SafeString:
    """The entry's signs, each opening on why it is there, and a way to add one.

    After a correction, `focus` names the sign just added, or "add" (one was removed):
    the keyboard stays where the person was working, instead of falling to the page."""
    page = _shared_by_cards(request)
    url = page["links"]("patterns-correct", entry.pk)
    shown = {cat.category for cat in entry.active_categories}
    found = [
        format_html(
            CHIP,
            slug=cat.category,
            label=cat.label,
            quoted=BY_SLUG[cat.category].quoted,
            why=chip_reason(entry, cat, shown),
            guide=page["links"].guidance[cat.category],
            focus=AUTOFOCUS if focus == cat.category else "",
            url=url,
            pk=entry.pk,
            csrf=page["csrf"],
            next=page["next"],
            person=entry.person.name,
        )
        for cat in entry.active_categories
    ]
    return format_html(
        CHIPS,
        pk=entry.pk,
        chips=format_html_join("", "{}", ((chip,) for chip in found)),
        url=url,
        csrf=page["csrf"],
        options=missing_options(frozenset(shown)),
        focus=AUTOFOCUS if focus == "add" else "",
        next=page["next"],
        person=entry.person.name,
    )


CARD = """<article class="entry" id="entry-{pk}" aria-labelledby="entry-{pk}-title"{focus}>
  <header class="entry-head">
    <h4 id="entry-{pk}-title" class="entry-title">
      <a href="{person_url}">{person}</a>
      <span class="meta">· {channel}{reached}</span>
    </h4>
    <time datetime="{iso}">{time}</time>
    <span class="feeling feeling-{tone}" title="How it felt">{feeling} <span class="visually-hidden">out of 3,</span> {feeling_label}</span>
  </header>{text}{words}{clear}
  {chips}
  <footer class="entry-actions">
    <a href="{edit_url}">Edit<span class="visually-hidden"> entry about {person}</span></a>
    <form method="post" action="{delete_url}" class="inline" hx-post="{delete_url}" hx-target="#entry-{pk}" hx-swap="outerHTML">{csrf}
      <input type="hidden" name="next" value="{next}">
      <button type="submit" class="link danger">Delete<span class="visually-hidden"> entry about {person}</span></button>
    </form>
  </footer>
</article>"""

REACHED = {"me": " · you reached out", "them": " · they reached out"}

CLEAR = """
  <p class="entry-clear">{lead} It can sting. It also means you know where you stand. <a href="{guide}">More on hearing a clear answer</a></p>"""


PULLING = """
  <p class="entry-clear">{lead} That's allowed, and saying so kindly is better than fading out. <a href="{guide}">When you're the one pulling away</a></p>"""


def clear_note(
    entry, guide: str, lead: str = "This reads as a clear answer, not a micro-rejection."
) -> str:
    """A word on a clear answer ("not feeling a connection") in an entry with no sign, or
    "" for any other entry. `entry` comes from journal.lookups.with_categories; `guide` is
    clarity_answer_url()."""
    if entry.active_categories or not clear_answer(entry.text):
        return ""
    return format_html(CLEAR, lead=lead, guide=guide)


def pulling_note(
    entry, guide: str, lead: str = "It sounds like you're the one stepping back."
) -> str:
    """A word for the writer stepping back ("I want to end things"), or "": the guide on
    ending things clearly, at the moment it matters. `guide` is pulling_away_url()."""
    if not pulling_away(entry.text):
        return ""
    return format_html(PULLING, lead=lead, guide=guide)


def entry_card(entry, request, focus: bool = False) -> SafeString:
    """One entry as a card. `entry` comes from journal.lookups.with_categories.

    `focus`: the card takes the keyboard focus when htmx puts it in (after an undo)."""
    page = _shared_by_cards(request)
    links = page["links"]
    at = timezone.localtime(entry.occurred_at)
    words = ""
    if entry.feelings or entry.asked_clarity:
        clarity = '<span class="tag tag-clarity">{}</span> '
        words = format_html(
            '\n  <p class="entry-words">{}{}</p>',
            format_html(clarity, "asked for clarity") if entry.asked_clarity else "",
            format_html_join("", '<span class="tag">{}</span> ', ((w,) for w in entry.feelings)),
        )
    return format_html(
        CARD,
        pk=entry.pk,
        focus=FOCUSED_CARD if focus else "",
        person_url=links("journal-person", entry.person_id),
        person=entry.person.name,
        channel=entry.get_channel_display(),
        reached=REACHED.get(entry.initiated_by, ""),
        iso=at.isoformat(),
        time=at.strftime("%H:%M"),
        tone=entry.feeling_tone,
        feeling=f"{entry.feeling:+d}",
        feeling_label=entry.feeling_label,
        text=format_html('\n  <p class="entry-text">{}</p>', linebreaksbr(entry.text))
        if entry.text
        else "",
        words=words,
        clear=clear_note(entry, links.clarity) or pulling_note(entry, links.pulling_away),
        chips=chips(entry, request),
        edit_url=links("journal-entry-edit", entry.pk),
        delete_url=links("journal-entry-delete", entry.pk),
        csrf=page["csrf"],
        next=page["next"],
    )
