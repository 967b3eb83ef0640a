"""My basics and the weekly review, on a 375 px phone and by keyboard, axe on each page.

Issue 22's targets: setting a basic takes under 20 seconds, a review of three people
under two minutes. Each journey prints its time (run with -s to see it) and records it
as a test property.
"""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from journal.models import Basic, Decision, EntryCategory, Interaction, Person
from tests.browser.conftest import axe_check, fits_the_width, go, log_in, settle

PHONE = {"width": 375, "height": 812}


def check(page, watch) -> None:
    settle(page)
    assert fits_the_width(page)
    axe_check(page, "phone")
    assert watch.problems == [], watch.problems


def test_setting_a_basic_by_keyboard_on_a_phone(make_page, alice, sam, record_property):
    page, watch = make_page(**PHONE)
    log_in(page)
    go(page, "/patterns/basics/")
    check(page, watch)
    started = time.perf_counter()
    # Typing picks an option of a focused select, as a person does on a keyboard.
    page.get_by_label("Your line", exact=True).focus()
    page.keyboard.type("No more")
    page.keyboard.press("Tab")
    page.keyboard.type("1")  # the number
    page.keyboard.press("Tab")
    page.keyboard.type("Sam")  # for Sam, not everyone
    page.keyboard.press("Tab")  # past their own words
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").or_(page.locator(".message"))).to_contain_text(
        "Saved your line"
    )
    seconds = time.perf_counter() - started
    print(f"\nsetting a basic by keyboard on a 375 px screen: {seconds:.1f} s")
    record_property("basic_seconds", round(seconds, 1))
    assert seconds < 20
    basic = Basic.objects.get()
    assert (basic.line, basic.number, basic.person) == ("cancellations", 1, sam)
    expect(page.locator(".basics-list")).to_contain_text("for Sam")
    check(page, watch)


@pytest.fixture
def three_people(alice) -> list[Person]:
    people = []
    for name in ("Jamie", "Riley", "Sam"):
        person = Person.objects.create(user=alice, name=name)
        entry = Interaction.objects.create(
            user=alice,
            person=person,
            occurred_at=timezone.now() - timedelta(days=2),
            feeling=-2,
            plan_outcome="cancelled",
        )
        EntryCategory.objects.create(interaction=entry, category="avoided_plans")
        people.append(person)
    Basic.objects.create(user=alice, line="cancellations", number=0)
    return people


def test_a_review_of_three_people_by_keyboard_on_a_phone(
    make_page, alice, three_people, record_property
):
    page, watch = make_page(**PHONE)
    log_in(page)
    go(page, "/patterns/")
    page.get_by_role("link", name="Review your week").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your week with Jamie")
    check(page, watch)
    started = time.perf_counter()
    today = timezone.localdate(timezone=alice.tz).isoformat()
    # Keep going, step back, step back: arrows move along the choices.
    for name, arrows, note in (("Jamie", 0, ""), ("Riley", 2, "Enough."), ("Sam", 2, "")):
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Your week with {name}")
        expect(page.get_by_text("cancelled once in 30 days")).to_be_visible()
        page.get_by_label("How did this week feel with them?").focus()
        page.keyboard.type("-1")
        page.keyboard.press("Tab")  # onto the first choice
        page.keyboard.press("Space")
        for _ in range(arrows):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        page.keyboard.type(note)
        if name == "Sam":  # look again today: it shows on the log page at once
            page.get_by_label("Look at this again on (optional)").fill(today)
        # The date field's day, month and year each take a Tab: go to the button at once.
        page.get_by_role("button", name="Save and go on").focus()
        page.keyboard.press("Enter")
        settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your weekly review")
    seconds = time.perf_counter() - started
    print(f"\na review of three people by keyboard on a 375 px screen: {seconds:.1f} s")
    record_property("review_seconds", round(seconds, 1))
    assert seconds < 120
    check(page, watch)
    choices = dict(Decision.objects.values_list("person__name", "choice"))
    assert choices == {"Jamie": "keep", "Riley": "step_back", "Sam": "step_back"}
    assert Decision.objects.get(person__name="Riley").note == "Enough."

    go(page, "/")
    expect(page.get_by_role("heading", name="Time to look again")).to_be_visible()
    check(page, watch)
    page.get_by_role("button", name="I've looked at Sam").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam")
    expect(page.get_by_role("heading", name="Your decisions")).to_be_visible()
    check(page, watch)
    go(page, "/")
    expect(page.get_by_role("heading", name="Time to look again")).to_have_count(0)
