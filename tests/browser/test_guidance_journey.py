"""A reader's way through guidance: from a chip to its page and back, the clarity flow,
phone widths, and reading without JavaScript."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from guidance.pages import PAGES
from journal.models import EntryCategory, Interaction

PASSWORD = "correct horse battery"  # alice's, from tests/conftest.py


def settle(page) -> None:
    """Let the page finish loading (favicon, chart bundles) before leaving it, so the
    watch doesn't report requests the next navigation cut short."""
    page.wait_for_load_state("networkidle")


def go(page, path: str) -> None:
    page.goto(path, wait_until="networkidle")


def log_in(page) -> None:
    go(page, "/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Log an interaction")).to_be_visible()
    settle(page)


def fits_the_width(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def local_input(minutes_ago: int, user) -> str:
    moment = timezone.localtime(timezone.now() - timedelta(minutes=minutes_ago), user.tz)
    return moment.strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def signed_entry(alice, sam) -> Interaction:
    entry = Interaction.objects.create(
        user=alice,
        person=sam,
        occurred_at=timezone.now() - timedelta(days=2),
        text="Sent him photos from the trip. Seen at 9, still nothing by midnight.",
        feeling=-2,
    )
    EntryCategory.objects.create(interaction=entry, category="left_on_read", reasons=["seen"])
    Interaction.objects.create(
        user=alice,
        person=sam,
        occurred_at=timezone.now() - timedelta(days=3),
        text="Coffee by the river, easy and warm.",
        feeling=2,
    )
    return entry


def test_a_chip_leads_to_its_guidance_and_to_the_entries_it_explains(make_page, signed_entry):
    page, watch = make_page()
    log_in(page)
    page.get_by_text("Left on read: why?").click()
    page.get_by_role("link", name="About “Left on read”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Left on read")
    expect(page.get_by_role("heading", name="Related")).to_be_visible()
    expect(page.locator(".site-footer")).to_contain_text("not therapy")
    settle(page)

    page.get_by_role("link", name="See your entries marked “Left on read”").click()
    expect(page.locator("#timeline .entry")).to_have_count(1)
    expect(page.locator("#timeline")).to_contain_text("Seen at 9")
    settle(page)
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Left on read")
    settle(page)
    page.go_back()
    expect(page.get_by_role("heading", name="Log an interaction")).to_be_visible()
    assert watch.problems == [], watch.problems


def test_the_clarity_flow_copies_logs_and_reads_the_answer(make_page, live_server, alice, sam):
    page, watch = make_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    log_in(page)
    go(page, f"/people/{sam.pk}/")
    page.get_by_role("link", name="Ask Sam for clarity, once").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask Sam for clarity, once")
    settle(page)

    way = page.get_by_role("textbox", name="Way 2")
    way.fill("Hey Sam, honest question: is this something you'd like to grow?")
    page.get_by_role("button", name="Copy way 2").click()
    expect(page.get_by_role("button", name="Copy way 2")).to_have_text("Copied")
    expect(page.get_by_role("status")).to_have_text("Copied. Paste it into your chat with them.")
    assert page.evaluate("() => navigator.clipboard.readText()") == way.input_value()

    page.get_by_role("radio", name="This is the one I sent (way 2)").check()
    page.get_by_label("When").fill(local_input(180, alice))
    page.get_by_label("How").select_option("social_dm")
    page.get_by_role("button", name="I asked").click()
    expect(page.locator(".message")).to_contain_text("Logged that you asked Sam")
    expect(page.get_by_text("You asked for clarity on")).to_be_visible()
    settle(page)
    asked = Interaction.objects.get(person=sam, asked_clarity=True)
    assert asked.text == "Hey Sam, honest question: is this something you'd like to grow?"
    assert asked.channel == "social_dm"

    go(page, "/")
    page.get_by_label("What happened", exact=True).fill(
        "Asked where we stand. He said 'lol why so serious' and changed the subject"
    )
    page.locator("label", has_text="-2 Bad").click()
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#timeline .entry")).to_have_count(2)

    go(page, f"/people/{sam.pk}/")
    answer = page.locator(".pattern", has_text="That is an answer too.")
    expect(answer).to_be_visible()
    answer.get_by_role("link", name="What this can mean").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for clarity, once")
    assert watch.problems == [], watch.problems


def test_every_guidance_page_fits_a_phone(make_page, db):
    page, watch = make_page(width=375, height=740)
    for guide in [None, *PAGES]:
        go(page, f"/guidance/{guide.slug}/" if guide else "/guidance/")
        assert fits_the_width(page), guide
        size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
        assert size >= 16
    go(page, "/guidance/messages/?name=Alex")
    assert fits_the_width(page)
    assert watch.problems == [], watch.problems


def test_the_clarity_page_fits_a_phone(make_page, alice, sam):
    page, watch = make_page(width=375, height=740)
    log_in(page)
    go(page, f"/guidance/clarity/{sam.pk}/")
    assert fits_the_width(page)
    assert watch.problems == [], watch.problems


def test_guidance_reads_and_works_without_javascript(make_page, db):
    page, watch = make_page(width=375, height=740, js=False)
    go(page, "/guidance/")
    page.get_by_role("link", name="When you're the one pulling away").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("When you're the one pulling away")
    expect(page.get_by_role("heading", name="Related")).to_be_visible()
    settle(page)
    page.get_by_role("link", name="Messages to adapt", exact=True).click()
    settle(page)
    page.get_by_label("Their name").fill("Alex")
    page.get_by_role("button", name="Fill in the name").click()
    expect(page.get_by_label("Draft: After a few dates")).to_have_value(
        "Hi Alex, thank you for the last few weeks, I've enjoyed our dates. I've been "
        "thinking about it, and I don't feel the kind of connection I'm looking for. I'd "
        "rather tell you honestly than let things drift. I wish you the very best."
    )
    assert fits_the_width(page)
    assert watch.problems == [], watch.problems


def test_the_guidance_pages_pass_an_accessibility_check(make_page, alice, sam):
    from axe_playwright_python.sync_playwright import Axe

    page, watch = make_page()
    log_in(page)
    for path in (
        "/guidance/",
        "/guidance/hot-and-cold/",
        "/guidance/messages/?name=Alex",
        f"/guidance/clarity/{sam.pk}/",
    ):
        go(page, path)
        violations = Axe().run(page).response["violations"]
        serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == [], (path, serious)
    assert watch.problems == [], watch.problems
