"""The guidance pages: reading order and metadata.

Plain Python with no Django import, so the content can be checked without a
database. Each page's body lives in ``content/<slug>.md``; the template renders
the title from here, so the Markdown files never repeat it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    summary: str  # one line for the index
    related: tuple[str, ...]  # slugs of 2-4 related pages
    category: str | None = None  # taxonomy slug, set only on the seven category pages
    section: str = ""


UNDERSTANDING = "Understanding"
SIGNS = "The seven signs"
WHAT_TO_DO = "What to do"

PAGES: tuple[Page, ...] = (
    # Understanding
    Page(
        slug="micro-rejections",
        title="What micro-rejections are",
        summary="Small, deniable signs that someone isn't fully choosing you.",
        related=("why-they-hurt", "almost-relationships", "patterns-not-potential"),
        section=UNDERSTANDING,
    ),
    Page(
        slug="why-they-hurt",
        title="Why they hurt",
        summary="Why small, unclear moments can weigh more than a plain no.",
        related=("micro-rejections", "trust-how-you-feel", "hot-and-cold"),
        section=UNDERSTANDING,
    ),
    Page(
        slug="almost-relationships",
        title='The "almost" relationship',
        summary="Lots of potential, no promises, and the stories we tell to stay.",
        related=("patterns-not-potential", "dont-settle-for-breadcrumbs", "ask-for-clarity"),
        section=UNDERSTANDING,
    ),
    Page(
        slug="why-people-do-it",
        title="Why people do it",
        summary="What's usually behind the mixed signals. An explanation, not an excuse.",
        related=("micro-rejections", "ask-for-clarity", "pulling-away"),
        section=UNDERSTANDING,
    ),
    # The seven signs, in the taxonomy's order
    Page(
        slug="one-word-replies",
        title="One-word replies",
        summary='You write a paragraph; they send back "ok" or a thumbs-up.',
        related=("left-on-read", "joked-off", "trust-how-you-feel"),
        category="one_word_replies",
        section=SIGNS,
    ),
    Page(
        slug="busy-excuses",
        title='"Busy" as a cover',
        summary='When "crazy week" explains every silence and never comes with a new plan.',
        related=("avoided-plans", "left-on-read", "patterns-not-potential"),
        category="busy_excuses",
        section=SIGNS,
    ),
    Page(
        slug="avoided-plans",
        title="Avoided plans",
        summary='Plans that keep moving, dissolve, or die in "maybe sometime".',
        related=("busy-excuses", "ask-for-clarity", "patterns-not-potential"),
        category="avoided_plans",
        section=SIGNS,
    ),
    Page(
        slug="left-on-read",
        title="Left on read",
        summary="Your message was seen, and the answer doesn't come.",
        related=("one-word-replies", "busy-excuses", "trust-how-you-feel"),
        category="left_on_read",
        section=SIGNS,
    ),
    Page(
        slug="late-night-only",
        title="Late-night only",
        summary="They reach out at midnight, or when they're bored, and rarely otherwise.",
        related=("dont-settle-for-breadcrumbs", "avoided-plans", "hot-and-cold"),
        category="late_night_only",
        section=SIGNS,
    ),
    Page(
        slug="joked-off",
        title="Joked off",
        summary="You bring up something that matters and get a joke or a new topic.",
        related=("one-word-replies", "ask-for-clarity", "trust-how-you-feel"),
        category="joked_off",
        section=SIGNS,
    ),
    Page(
        slug="hot-and-cold",
        title="Hot and cold",
        summary="Warm and eager one day, distant the next, and you never know which.",
        related=("why-they-hurt", "patterns-not-potential", "dont-settle-for-breadcrumbs"),
        category="hot_and_cold",
        section=SIGNS,
    ),
    # What to do
    Page(
        slug="patterns-not-potential",
        title="Patterns, not potential",
        summary="Judge what keeps happening, not what might happen one day.",
        related=("almost-relationships", "hot-and-cold", "trust-how-you-feel"),
        section=WHAT_TO_DO,
    ),
    Page(
        slug="trust-how-you-feel",
        title="Trust how you feel",
        summary="Your feelings are information, even when you can't prove anything.",
        related=("why-they-hurt", "patterns-not-potential", "ask-for-clarity"),
        section=WHAT_TO_DO,
    ),
    Page(
        slug="ask-for-clarity",
        title="Ask for clarity, once",
        summary="One clear, kind question about where things stand, and how to hear the answer.",
        related=("trust-how-you-feel", "dont-settle-for-breadcrumbs", "what-you-can-expect"),
        section=WHAT_TO_DO,
    ),
    Page(
        slug="dont-settle-for-breadcrumbs",
        title="Don't settle for breadcrumbs",
        summary="A little attention now and then isn't the same as being chosen.",
        related=("late-night-only", "ask-for-clarity", "what-you-can-expect"),
        section=WHAT_TO_DO,
    ),
    Page(
        slug="pulling-away",
        title="When you're the one pulling away",
        summary="How to end or pause things clearly and kindly, with messages to adapt.",
        related=("why-people-do-it", "ask-for-clarity", "what-you-can-expect"),
        section=WHAT_TO_DO,
    ),
    Page(
        slug="what-you-can-expect",
        title="What you're allowed to expect",
        summary="Consistency, clarity and care: not too much to ask.",
        related=("dont-settle-for-breadcrumbs", "patterns-not-potential", "micro-rejections"),
        section=WHAT_TO_DO,
    ),
)

BY_SLUG: dict[str, Page] = {p.slug: p for p in PAGES}

_BY_CATEGORY: dict[str, Page] = {p.category: p for p in PAGES if p.category}


def page_for_category(slug: str) -> Page:
    """Return the guidance page for a taxonomy slug such as ``"left_on_read"``.

    Raises ``KeyError`` for a slug that has no page.
    """
    return _BY_CATEGORY[slug]
