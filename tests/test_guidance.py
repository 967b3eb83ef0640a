"""The guidance pages, their links into the journal, and the message drafts."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guidance.drafts import ENDING_DRAFTS
from guidance.pages import PAGES
from journal.models import EntryCategory, Interaction, Person
from patterns.classifier.categories import CATEGORIES

CARE = "not therapy"
every_page = pytest.mark.parametrize("page", PAGES, ids=[p.slug for p in PAGES])


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def hrefs(response) -> set[str]:
    return {html.unescape(h) for h in re.findall(r'href="([^"]*)"', response.content.decode())}


@every_page
def test_anyone_can_read_every_page_with_its_title_summary_related_and_care_line(client, db, page):
    response = client.get(reverse("guidance-page", args=[page.slug]))
    assert response.status_code == 200
    body = text_of(response)
    assert f"<h1>{page.title}</h1>" in body
    assert f"<title>{page.title} · Almost</title>" in body
    assert page.summary in body
    assert "Related" in body
    for slug in page.related:
        assert reverse("guidance-page", args=[slug]) in hrefs(response)
    assert CARE in body
    assert "emergency number" in body


@every_page
def test_a_logged_in_reader_sees_every_page_too(alice_client, page):
    response = alice_client.get(reverse("guidance-page", args=[page.slug]))
    assert response.status_code == 200
    assert f"<h1>{page.title}</h1>" in text_of(response)


def test_an_unknown_page_is_not_found(client, db):
    assert client.get("/guidance/no-such-page/").status_code == 404


def test_the_index_links_to_every_page_and_the_message_drafts(client, db):
    response = client.get(reverse("guidance-index"))
    assert response.status_code == 200
    links = hrefs(response)
    for page in PAGES:
        assert reverse("guidance-page", args=[page.slug]) in links
        assert page.summary in text_of(response)
    assert reverse("guidance-messages") in links
    assert CARE in text_of(response)


def test_the_navigation_links_to_guidance_for_everyone(client, alice_client):
    index = reverse("guidance-index")
    assert index in hrefs(alice_client.get("/"))
    client.logout()
    assert index in hrefs(client.get(reverse("login")))


@pytest.mark.parametrize("category", CATEGORIES, ids=[c.slug for c in CATEGORIES])
def test_a_chip_link_leads_to_the_page_of_its_category(client, db, category):
    response = client.get(reverse("guidance-category", args=[category.slug]))
    assert response.status_code == 302
    assert response["Location"] == reverse("guidance-page", args=[category.slug.replace("_", "-")])


def test_an_unknown_category_is_not_found(client, db):
    assert client.get(reverse("guidance-category", args=["not_a_sign"])).status_code == 404


def test_the_guidance_pages_need_no_query_for_a_visitor(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get(reverse("guidance-index"))
        client.get(reverse("guidance-page", args=["ask-for-clarity"]))
        client.get(reverse("guidance-messages"))


def entry(user, person, text, category=None):
    item = Interaction.objects.create(user=user, person=person, text=text, feeling=-1)
    if category:
        EntryCategory.objects.create(interaction=item, category=category, reasons=["test"])
    return item


@pytest.mark.parametrize("page", [p for p in PAGES if p.category], ids=lambda p: p.slug)
def test_a_category_page_links_to_exactly_the_entries_of_that_category(
    alice_client, alice, sam, page
):
    entry(alice, sam, "Marked with this sign.", page.category)
    other = next(c.slug for c in CATEGORIES if c.slug != page.category)
    entry(alice, sam, "Marked with another sign.", other)
    entry(alice, sam, "Nothing to see here.")

    response = alice_client.get(reverse("guidance-page", args=[page.slug]))
    link = f"/?category={page.category}"
    assert link in hrefs(response)
    timeline = text_of(alice_client.get(link))
    assert "Marked with this sign." in timeline
    assert "Marked with another sign." not in timeline
    assert "Nothing to see here." not in timeline


def test_a_visitor_gets_no_link_into_entries(client, db):
    response = client.get(reverse("guidance-page", args=["left-on-read"]))
    assert "?category=" not in response.content.decode()


def test_the_category_link_shows_none_of_another_accounts_entries(bob_client, alice, sam):
    entry(alice, sam, "Alice's private entry.", "left_on_read")
    timeline = text_of(bob_client.get("/?category=left_on_read"))
    assert "Alice's private entry." not in timeline


def test_the_pulling_away_page_links_to_the_message_drafts(client, db):
    response = client.get(reverse("guidance-page", args=["pulling-away"]))
    assert reverse("guidance-messages") in hrefs(response)


def test_the_clarity_page_offers_to_ask_the_readers_own_people(alice_client, sam, bob):
    theirs = Person.objects.create(user=bob, name="Bobs Friend")
    response = alice_client.get(reverse("guidance-page", args=["ask-for-clarity"]))
    assert reverse("guidance-clarity", args=[sam.pk]) in hrefs(response)
    assert reverse("guidance-clarity", args=[theirs.pk]) not in hrefs(response)
    assert "Bobs Friend" not in text_of(response)


def test_the_message_drafts_keep_a_name_slot_until_a_name_is_given(client, db):
    response = client.get(reverse("guidance-messages"))
    assert response.status_code == 200
    body = text_of(response)
    for title, text in ENDING_DRAFTS:
        assert title in body
        assert text.format(name="[name]") in body
    assert CARE in body


def test_the_message_drafts_fill_in_the_name_without_javascript(client, db):
    response = client.get(reverse("guidance-messages"), {"name": "  Alex  "})
    body = text_of(response)
    for _, text in ENDING_DRAFTS:
        assert text.format(name="Alex") in body
    assert 'value="Alex"' in body
    assert "{name}" not in body and "[name]" not in body


def test_the_message_drafts_are_editable_and_copyable(client, db):
    body = client.get(reverse("guidance-messages"), {"name": "Alex"}).content.decode()
    ids = re.findall(r'<textarea id="([^"]+)"', body)
    assert len(ids) == len(ENDING_DRAFTS)
    for textarea in ids:
        assert f'<label for="{textarea}"' in body
        assert re.search(
            rf'<button type="button" data-copy="{textarea}" aria-label="Copy[^"]+"', body
        )


def test_the_message_page_never_offers_to_send(client, db):
    body = client.get(reverse("guidance-messages"), {"name": "Alex"}).content.decode()
    assert 'method="post"' not in body.lower()
    buttons = re.findall(r"<button[^>]*>(.*?)</button>", body, re.S)
    assert buttons and not any("send" in b.lower() for b in buttons)
    assert "Nothing is sent from here" in body


def test_a_name_cannot_inject_markup_into_the_drafts(client, db):
    body = client.get(reverse("guidance-messages"), {"name": "<script>x</script>"}).content.decode()
    assert "<script>x</script>" not in body
    assert "&lt;script&gt;x" in body


def test_a_logged_in_reader_costs_the_same_queries_however_many_people(alice_client, alice):
    def count_queries(slug: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert alice_client.get(reverse("guidance-page", args=[slug])).status_code == 200
        return len(queries)

    Person.objects.create(user=alice, name="Sam")
    count_queries("left-on-read")  # the first visit after logging in also stamps the session
    few = count_queries("ask-for-clarity")
    plain = count_queries("left-on-read")
    Person.objects.bulk_create(Person(user=alice, name=f"Person {i}") for i in range(30))
    assert count_queries("ask-for-clarity") == few == plain + 1  # one query for the people
    assert count_queries("left-on-read") == plain
