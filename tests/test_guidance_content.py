"""Checks on the guidance pages and message drafts. Plain files only: no database."""

import re
import string
from pathlib import Path

import pytest

from guidance.drafts import CLARITY_QUESTIONS, ENDING_DRAFTS
from guidance.pages import BY_SLUG, PAGES, page_for_category
from patterns.classifier.categories import SLUGS

CONTENT = Path(__file__).resolve().parent.parent / "guidance" / "content"

# The seven slugs of the taxonomy contract, pinned to TAXONOMY.md in test_classifier.py.
TAXONOMY_SLUGS = set(SLUGS)

# Words the voice guide rules out: clinical jargon and leftover placeholders.
JARGON = (
    "attachment style",
    "cognitive dissonance",
    "intermittent reinforcement",
    "gaslight",
    "narcissis",
    "trauma bond",
    "therapist",
    "therapy",
)
PLACEHOLDERS = re.compile(r"\b(todo|lorem|ipsum|tbd|fixme)\b", re.IGNORECASE)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]*)\)")


def body(slug: str) -> str:
    return (CONTENT / f"{slug}.md").read_text(encoding="utf-8")


def words(text: str) -> int:
    return len(text.split())


page_slugs = pytest.mark.parametrize("slug", [p.slug for p in PAGES])


def test_every_page_has_a_content_file_and_every_file_has_a_page():
    files = {path.stem for path in CONTENT.glob("*.md")}
    assert files == set(BY_SLUG)


def test_slugs_are_unique_and_url_safe():
    slugs = [p.slug for p in PAGES]
    assert len(slugs) == len(set(slugs))
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug


@page_slugs
def test_each_page_is_300_to_700_words(slug):
    assert 300 <= words(body(slug)) <= 700


@page_slugs
def test_related_pages_exist_and_do_not_point_to_themselves(slug):
    related = BY_SLUG[slug].related
    assert 2 <= len(related) <= 4
    assert len(related) == len(set(related))
    assert slug not in related
    for other in related:
        assert other in BY_SLUG, f"{slug} relates to unknown page {other!r}"


def test_every_taxonomy_category_has_exactly_one_page():
    categories = [p.category for p in PAGES if p.category is not None]
    assert sorted(categories) == sorted(TAXONOMY_SLUGS)
    for category in TAXONOMY_SLUGS:
        page = page_for_category(category)
        assert page.category == category
        assert page.slug == category.replace("_", "-")


def test_an_unknown_category_has_no_page():
    with pytest.raises(KeyError):
        page_for_category("not_a_category")


def test_every_page_has_a_section_and_sections_read_in_one_run():
    sections = [p.section for p in PAGES]
    assert all(sections)
    runs = [s for i, s in enumerate(sections) if i == 0 or s != sections[i - 1]]
    assert len(runs) == len(set(runs)), f"a section is split up in the reading order: {runs}"


@page_slugs
def test_summary_is_one_line_under_140_characters(slug):
    page = BY_SLUG[slug]
    assert page.title.strip() and "\n" not in page.title
    assert page.summary.strip()
    assert "\n" not in page.summary
    assert len(page.summary) < 140


@page_slugs
def test_page_has_no_placeholders(slug):
    page = BY_SLUG[slug]
    for text in (body(slug), page.title, page.summary):
        assert not PLACEHOLDERS.search(text), PLACEHOLDERS.search(text)


@page_slugs
def test_page_starts_with_the_body_not_a_title_or_front_matter(slug):
    text = body(slug)
    assert text.strip() and not text.startswith("---")
    assert not re.search(r"^# ", text, re.MULTILINE), "the template renders the title"


@page_slugs
def test_links_only_point_to_other_guidance_pages(slug):
    for target in LINK.findall(body(slug)):
        match = re.fullmatch(r"\.\./([a-z0-9-]+)/", target)
        assert match, f"{slug} links to {target!r}; use ../<slug>/"
        assert match[1] in BY_SLUG, f"{slug} links to unknown page {match[1]!r}"
        assert match[1] != slug


@page_slugs
def test_page_keeps_plain_words_and_straight_quotes(slug):
    text = body(slug)
    lowered = text.lower()
    for term in JARGON:
        assert term not in lowered, f"{slug} uses {term!r}"
    assert not set(text) & set("\u2018\u2019\u201c\u201d"), "keep ASCII quotes throughout"


def placeholder_names(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_clarity_questions_are_short_and_use_only_the_name_slot():
    assert 5 <= len(CLARITY_QUESTIONS) <= 6
    assert len(set(CLARITY_QUESTIONS)) == len(CLARITY_QUESTIONS)
    for question in CLARITY_QUESTIONS:
        assert placeholder_names(question) <= {"name"}
        assert "?" in question
        assert len(question) <= 240
        question.format(name="Sam")  # fills cleanly: no stray braces
        assert not PLACEHOLDERS.search(question)


def test_ending_drafts_have_a_title_and_a_text_with_a_name_slot():
    assert 5 <= len(ENDING_DRAFTS) <= 8
    titles = [title for title, _ in ENDING_DRAFTS]
    assert len(titles) == len(set(titles))
    for title, text in ENDING_DRAFTS:
        assert title.strip() and "\n" not in title
        assert placeholder_names(text) == {"name"}
        assert "Sam" in text.format(name="Sam")
        assert not PLACEHOLDERS.search(title + text)
