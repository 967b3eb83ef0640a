"""The six journeys of issue 8, in headless Chromium against the live server.

Each journey runs twice: on a desktop in light mode and on a phone (375x812) in dark
mode, with axe-core on every page it reaches and the watch asserting no console error,
failed request, CSP violation or request off the server. The features that promise to
work without JavaScript (logging, editing, corrections, deleting and undoing, reading
guidance, the chart's table) run again with it turned off.
"""

import json
import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from journal import rollups
from journal.models import EntryCategory, Interaction
from journal.signs import facts_for, label_entry
from patterns.charts import week_of
from patterns.classifier import classify
from patterns.classifier.categories import BY_SLUG
from tests.browser.conftest import axe_check, fits_the_width, go, log_in, screenshot, settle

LOOKS = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 375, "height": 812, "dark": True},
}
PASSWORD = "correct horse battery"  # alice's, from tests/conftest.py

BRUSHED_OFF = "Sent a long message about my week and how the new job scares me. Got back 'cool'."
SEEN = "Seen at 9, still nothing by midnight."
CANCELLED = "Dinner got cancelled again, he said he is just so busy this week. Maybe sometime."


@pytest.fixture(params=list(LOOKS))
def look(request) -> str:
    return request.param


def check(page, watch, state: str = "") -> None:
    """The page as it is now: loaded, no serious axe violation, nothing wrong in the watch."""
    settle(page)
    axe_check(page, state)
    assert watch.problems == [], watch.problems


def mark(page) -> None:
    """Set a marker that only survives as long as no full page load happens."""
    page.evaluate("() => { window.marker = 'still here'; }")


def still_marked(page) -> bool:
    return page.evaluate("() => window.marker") == "still here"


def entry_card(page, text: str):
    return page.locator("#timeline .entry", has_text=text)


def chip_of(entry, label: str):
    """The chip of one category on an entry (not the "Add a sign" one, which lists them all)."""
    return entry.locator("details.chip:not(.chip-add)", has_text=label)


def open_chip(entry, label: str):
    """Open a category chip the way a person does (a click on its summary, no hover)."""
    chip = chip_of(entry, label)
    chip.locator("summary").click()
    expect(chip.locator(".chip-pop")).to_be_visible()
    return chip


def stored_reason(text_start: str, category: str) -> str:
    """What the chip should say: the classifier's reasons for that entry and category."""
    entry = next(
        row.interaction
        for row in EntryCategory.objects.filter(category=category, active=True)
        if row.interaction.text.startswith(text_start)
    )
    return "Why: " + "; ".join(classify(entry.text, facts_for(entry))[category].reasons) + "."


def write(user, person, text: str, feeling: int, ago: timedelta, **facts) -> Interaction:
    """An entry saved and classified as the log form would."""
    entry = Interaction.objects.create(
        user=user,
        person=person,
        occurred_at=timezone.now() - ago,
        text=text,
        feeling=feeling,
        **facts,
    )
    label_entry(entry)
    rollups.refresh_entries(user, [entry])  # the week sums the charts read, as logging keeps
    return entry


@pytest.fixture
def three_entries(alice, sam) -> list[Interaction]:
    return [
        write(alice, sam, CANCELLED, -2, timedelta(hours=3)),
        write(alice, sam, SEEN, -2, timedelta(days=1)),
        write(alice, sam, BRUSHED_OFF, -1, timedelta(days=2)),
    ]


# 1 -------------------------------------------------------------------------------------


def test_1_a_visitor_signs_up_picks_a_time_zone_and_is_told_what_to_do_first(make_page, db, look):
    page, watch = make_page(**LOOKS[look], timezone_id="America/Chicago")
    go(page, "/")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    check(page, watch, "login")
    page.get_by_role("link", name="Make an account").click()
    expect(page.get_by_role("heading", name="Make an account")).to_be_visible()
    # almost.js preselects the browser's zone.
    expect(page.get_by_label("Your time zone")).to_have_value("America/Chicago")
    check(page, watch, "signup")

    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password", exact=True).fill("a long enough secret")
    page.get_by_label("Password confirmation").fill("a long enough secret")
    page.get_by_role("button", name="Make my account").click()

    expect(page.get_by_role("heading", name="Log an interaction")).to_be_visible()
    empty = page.locator("#timeline .empty")
    expect(empty).to_contain_text("Nothing logged yet.")
    expect(empty).to_contain_text("Start with the last time you heard from someone")
    expect(empty.get_by_role("link", name="what micro-rejections are")).to_be_visible()
    expect(page.get_by_label("Or someone new")).to_be_visible()
    assert fits_the_width(page)
    check(page, watch, "empty")
    screenshot(page, f"log-empty-{look}")
    assert User.objects.get(username="robin").time_zone == "America/Chicago"


def test_1_signing_up_works_without_javascript(make_page, db):
    page, watch = make_page(js=False, timezone_id="America/Chicago")
    go(page, "/accounts/signup/")
    # Without the script the server's default stands, and the person picks by hand.
    page.get_by_label("Your time zone").select_option("Asia/Tokyo")
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password", exact=True).fill("a long enough secret")
    page.get_by_label("Password confirmation").fill("a long enough secret")
    page.get_by_role("button", name="Make my account").click()
    expect(page.locator("#timeline")).to_contain_text("Nothing logged yet.")
    assert User.objects.get(username="robin").time_zone == "Asia/Tokyo"
    assert watch.problems == [], watch.problems


# 2 -------------------------------------------------------------------------------------

LOGGED = [
    (BRUSHED_OFF, "-1 A bit off", {"one_word_replies": "One-word replies"}),
    (SEEN, "-2 Bad", {"left_on_read": "Left on read"}),
    (
        CANCELLED,
        "-2 Bad",
        {"busy_excuses": '"Busy" as a cover', "avoided_plans": "Avoided plans"},
    ),
]


def test_2_they_log_three_interactions_with_htmx_and_see_why_each_was_marked(
    make_page, alice, look
):
    page, watch = make_page(**LOOKS[look])
    log_in(page)
    mark(page)
    for number, (text, feeling, categories) in enumerate(LOGGED, 1):
        if number == 1:
            page.get_by_label("Or someone new").fill("Jordan")
        else:  # the form keeps the last person
            expect(page.get_by_label("Who")).to_have_value(str(alice.person_set.get().pk))
        page.get_by_label("What happened", exact=True).fill(text)
        if number == 1:  # the live hint names the sign before saving
            expect(page.locator("#hint")).to_contain_text("One-word replies")
        page.locator("label", has_text=feeling).click()
        page.get_by_role("button", name="Log it").click()
        expect(page.locator("#messages")).to_contain_text("Logged your text with Jordan.")
        expect(page.locator("#timeline .entry")).to_have_count(number)
        entry = entry_card(page, text)
        expect(entry).to_contain_text(feeling[3:])
        for slug, label in categories.items():
            chip = open_chip(entry, label)
            expect(chip.locator(".chip-why")).to_have_text(stored_reason(text[:20], slug))
            expect(chip.get_by_role("link", name=f"About {BY_SLUG[slug].quoted}")).to_be_visible()
        assert still_marked(page), "the log form reloaded the page"
    assert Interaction.objects.filter(user=alice, person__name="Jordan").count() == 3
    assert fits_the_width(page)
    check(page, watch, "three entries, a chip open")
    page.keyboard.press("Escape")
    screenshot(page, f"log-{look}")


def test_2_logging_works_without_javascript(make_page, alice):
    page, watch = make_page(js=False)
    log_in(page)
    page.get_by_label("Or someone new").fill("Jordan")
    page.get_by_label("What happened", exact=True).fill(SEEN)
    page.locator("label", has_text="-2 Bad").click()
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#messages")).to_contain_text("Logged your text with Jordan.")
    entry = entry_card(page, SEEN)
    chip = open_chip(entry, "Left on read")
    expect(chip.locator(".chip-why")).to_have_text(stored_reason(SEEN, "left_on_read"))
    # A mistake comes back with its message, and what was typed stays.
    page.get_by_label("What happened", exact=True).fill("Forgot to say how it felt")
    page.get_by_role("button", name="Log it").click()
    expect(page.get_by_text("Say how it felt, from -3 to +3.")).to_be_visible()
    expect(page.get_by_label("What happened", exact=True)).to_have_value(
        "Forgot to say how it felt"
    )
    axe_check(page, "form error")
    assert watch.problems == [], watch.problems


def focus_is_visible(page) -> bool:
    """The focused element, or the pill label around a hidden radio or checkbox, shows
    an outline that is not 'none'."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return false;
            const shown = n => getComputedStyle(n).outlineStyle !== 'none'
                && parseFloat(getComputedStyle(n).outlineWidth) > 0;
            return shown(el) || (el.closest('label') !== null && shown(el.closest('label')));
        }"""
    )


def tab_to(page, name: str, limit: int = 60) -> None:
    """Press Tab until the element called `name` has the focus, checking every stop on
    the way shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert focus_is_visible(page), page.evaluate("() => document.activeElement.outerHTML")
        label = page.evaluate(
            """() => {
                const el = document.activeElement;
                return (el.labels && el.labels[0] ? el.labels[0].textContent : el.textContent || '').trim();
            }"""
        )
        if label.startswith(name):
            return
    raise AssertionError(f"Tab never reached {name}")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_2_an_entry_can_be_logged_by_keyboard_alone_with_visible_focus(make_page, alice, sam, size):
    page, watch = make_page(**LOOKS[size])
    log_in(page)
    mark(page)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    tab_to(page, "Who")
    page.keyboard.type("Sam")  # type-ahead in the closed select
    expect(page.get_by_label("Who")).to_have_value(str(sam.pk))
    tab_to(page, "What happened")
    page.keyboard.type(SEEN)
    tab_to(page, "-3 Awful")  # into the feeling group
    for _ in range(4):  # -3 -> +1
        page.keyboard.press("ArrowRight")
    tab_to(page, "anxious")
    page.keyboard.press("Space")
    tab_to(page, "Log it")
    page.keyboard.press("Enter")
    expect(page.locator("#messages")).to_contain_text("Logged your text with Sam.")
    entry = Interaction.objects.get(user=alice)
    assert (entry.person, entry.text, entry.feeling, entry.feelings) == (
        sam,
        SEEN,
        1,
        ["anxious"],
    )
    assert still_marked(page)
    # Ready for the next one. Waiting for it also lets htmx finish moving the focus
    # before the chip below takes it.
    expect(page.locator("#id_text")).to_be_focused()

    # A chip opens with Enter and closes with Escape: nothing needs hover.
    chip = chip_of(page.locator("#timeline"), "Left on read")
    chip.locator("summary").focus()
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(chip.locator(".chip-why")).to_be_visible()
    page.keyboard.press("Escape")
    expect(chip.locator(".chip-why")).to_be_hidden()
    expect(chip.locator("summary")).to_be_focused()
    settle(page)
    assert watch.problems == [], watch.problems


# 3 -------------------------------------------------------------------------------------


def test_3_they_correct_a_category_edit_an_entry_delete_one_and_undo(
    make_page, alice, three_entries, look
):
    cancelled, seen, brushed_off = three_entries
    page, watch = make_page(**LOOKS[look])
    log_in(page)
    mark(page)

    # Not "Avoided plans" after all: remove it from the chip.
    entry = entry_card(page, CANCELLED)
    chip = open_chip(entry, "Avoided plans")
    check(page, watch, "chip open")
    chip.get_by_role("button", name="Not this, remove it from the entry about Sam").click()
    expect(chip_of(entry, "Avoided plans")).to_have_count(0)
    expect(chip_of(entry, '"Busy" as a cover')).to_have_count(1)
    expect(entry.locator(".chip-add > summary")).to_be_focused()  # not lost to the page
    expect(page.locator("#messages")).to_have_text("Sign removed: Avoided plans.")

    # And it was joked off too: add a sign.
    entry = entry_card(page, SEEN)
    entry.locator(".chip-add > summary", has_text="Add a sign").click()
    entry.get_by_label("Sign").select_option(label="Joked off")
    assert fits_the_width(page)  # the last chip of the row opens on screen
    check(page, watch, "add a sign open")
    entry.get_by_role("button", name="Add it to the entry about Sam").click()
    expect(chip_of(entry, "Joked off").locator("summary")).to_be_focused()
    chip = open_chip(entry, "Joked off")
    expect(chip.locator(".chip-why")).to_have_text("You added this.")
    entry.locator(".entry-text").click()  # a click outside closes it
    expect(chip.locator(".chip-why")).to_be_hidden()
    assert still_marked(page)
    assert set(cancelled.categories.filter(active=True).values_list("category", flat=True)) == {
        "busy_excuses"
    }

    # Edit the entry: a page of its own, then back to the timeline.
    entry.get_by_role("link", name="Edit entry about Sam").click()
    expect(page.get_by_role("heading", name="Edit entry")).to_be_visible()
    assert fits_the_width(page)
    check(page, watch, "edit")
    page.get_by_label("What happened", exact=True).fill(SEEN + " Then a meme at 2am.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#messages")).to_contain_text("Saved your changes.")
    entry = entry_card(page, "Then a meme at 2am.")
    expect(entry).to_be_focused()  # the keyboard carries on from the entry just edited
    expect(chip_of(entry, "Joked off")).to_have_count(1)  # kept

    # Delete one, then change their mind.
    mark(page)
    entry = entry_card(page, BRUSHED_OFF)
    entry.get_by_role("button", name="Delete entry about Sam").click()
    placeholder = page.locator(f"#entry-{brushed_off.pk}")
    expect(placeholder).to_contain_text("Moved to the trash.")
    check(page, watch, "deleted")
    placeholder.get_by_role("button", name="Undo").click()
    expect(entry_card(page, BRUSHED_OFF).locator("details.chip")).to_have_count(2)  # + Add
    expect(entry_card(page, BRUSHED_OFF)).to_be_focused()  # back where it was, focus with it
    assert still_marked(page)
    brushed_off.refresh_from_db()
    assert brushed_off.deleted is None
    assert fits_the_width(page)
    check(page, watch, "restored")


def test_3_corrections_edits_deleting_and_undo_work_without_javascript(
    make_page, alice, three_entries
):
    cancelled, seen, brushed_off = three_entries
    page, watch = make_page(js=False)
    log_in(page)

    entry = entry_card(page, CANCELLED)
    chip = open_chip(entry, "Avoided plans")  # <details> opens without script
    chip.get_by_role("button", name="Not this, remove it from the entry about Sam").click()
    expect(page.get_by_role("heading", name="Log an interaction")).to_be_visible()
    expect(chip_of(entry_card(page, CANCELLED), "Avoided plans")).to_have_count(0)

    entry = entry_card(page, SEEN)
    entry.locator(".chip-add > summary", has_text="Add a sign").click()
    entry.get_by_label("Sign").select_option(label="Joked off")
    entry.get_by_role("button", name="Add it to the entry about Sam").click()
    expect(chip_of(entry_card(page, SEEN), "Joked off")).to_have_count(1)

    entry_card(page, SEEN).get_by_role("link", name="Edit entry about Sam").click()
    page.get_by_label("What happened", exact=True).fill(SEEN + " Then a meme at 2am.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#messages")).to_contain_text("Saved your changes.")
    expect(entry_card(page, "Then a meme at 2am.")).to_have_count(1)

    # Delete: the message offers Undo.
    entry_card(page, BRUSHED_OFF).get_by_role("button", name="Delete entry about Sam").click()
    message = page.locator("#messages .message")
    expect(message).to_contain_text("Moved to the trash.")
    expect(entry_card(page, BRUSHED_OFF)).to_have_count(0)
    axe_check(page, "deleted")
    message.get_by_role("button", name="Undo").click()
    expect(page.locator("#messages")).to_contain_text("Restored.")
    expect(entry_card(page, BRUSHED_OFF)).to_have_count(1)

    # Or from the trash, later.
    entry_card(page, CANCELLED).get_by_role("button", name="Delete entry about Sam").click()
    go(page, "/trash/")
    axe_check(page)
    page.get_by_role("button", name="Restore entry about Sam").click()
    expect(page.get_by_text("The trash is empty.")).to_be_visible()
    assert Interaction.objects.in_trash(alice).count() == 0
    assert watch.problems == [], watch.problems


# 4 -------------------------------------------------------------------------------------


@pytest.fixture
def weeks_of_entries(alice, sam, three_entries):
    """Sam avoided plans three times on a Wednesday two weeks back (the tallest bar, whatever
    today is), and a calm coffee with Kim before that."""
    kim = alice.person_set.create(name="Kim")
    wednesday = week_of(timezone.localdate(timezone.now(), alice.tz)) - timedelta(days=12)
    for hour, text in enumerate(AVOIDED, 12):
        entry = Interaction.objects.create(
            user=alice,
            person=sam,
            occurred_at=datetime.combine(wednesday, time(hour), tzinfo=alice.tz),
            feeling=-2,
            text=text,
        )
        EntryCategory.objects.create(interaction=entry, category="avoided_plans", reasons=["t"])
    write(alice, kim, "Coffee by the river, easy and warm.", 2, timedelta(days=30))
    rollups.rebuild(alice)  # the week sums the charts read, as logging keeps them
    return kim


def two_weeks_back(page):
    """The table row of the week with the three avoided plans."""
    start = week_of(timezone.localdate(timezone.now(), User.objects.get().tz)) - timedelta(days=14)
    return page.locator("#weekly-table tr", has_text=f"{start:%-d %b %Y}")


AVOIDED = ["Dinner moved to 'some other time' again", "We'll see, he said", "Maybe next month"]


def test_4_they_read_their_weeks_switch_range_and_person_and_open_a_week(
    make_page, alice, sam, weeks_of_entries, look
):
    page, watch = make_page(**LOOKS[look])
    log_in(page)
    page.get_by_role("link", name="Patterns").click()
    expect(page.get_by_role("heading", name="Your weeks")).to_be_visible()
    chart = page.locator("#weekly")
    expect(chart.locator(".main-svg").first).to_be_visible()
    assert fits_the_width(page)
    check(page, watch, "12 weeks")
    screenshot(page, f"weekly-{look}")

    mark(page)
    page.get_by_role("link", name="6 months").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="6 months")).to_have_attribute("aria-current", "true")
    expect(page.get_by_role("link", name="6 months")).to_be_focused()  # the keyboard stays
    page.wait_for_function("() => document.getElementById('weekly')?.data?.[0]?.x.length === 26")
    page.get_by_label("Person").focus()
    page.get_by_label("Person").select_option("Sam")
    expect(page).to_have_url(re.compile(rf"/patterns/\?range=6m&person={sam.pk}$"))
    expect(page.get_by_label("Person")).to_be_focused()
    expect(page.get_by_role("heading", name="This week with Sam")).to_be_visible()
    expect(chart.locator(".main-svg").first).to_be_visible()

    if look == "desktop":  # a click near the top of the tallest bar, clear of the line
        box = page.evaluate(
            """() => {
                const bars = [...document.querySelectorAll('#weekly .trace.bars .point path')]
                    .map(p => p.getBoundingClientRect()).sort((a, b) => b.height - a.height);
                return {x: bars[0].x + bars[0].width / 2, y: bars[0].y + 4};
            }"""
        )
        page.mouse.click(box["x"], box["y"])
    else:  # a tap on the table's link
        page.get_by_text("Show the numbers as a table").click()
        two_weeks_back(page).get_by_role("link").click()
    week = page.locator("#week-entries")
    expect(week.locator(".entry")).to_have_count(3)
    for text in AVOIDED:
        expect(week).to_contain_text(text)
    expect(page.locator("#week-entries-heading")).to_be_focused()
    assert still_marked(page)
    assert fits_the_width(page)
    page.get_by_text("Show the numbers as a table").first.evaluate(
        "(s) => s.parentNode.open = true"
    )
    check(page, watch, "Sam, 6 months, a week open, table shown")


def test_4_the_weeks_table_opens_a_week_without_javascript(make_page, alice, weeks_of_entries):
    page, watch = make_page(js=False)
    log_in(page)
    go(page, "/patterns/")
    expect(page.locator("#weekly")).to_be_hidden()  # the chart needs script; the table doesn't
    expect(page.locator("#weekly-table")).to_be_visible()  # open, with nothing to click
    two_weeks_back(page).get_by_role("link").click()
    expect(page.locator(".week-entries-list .entry")).to_have_count(3)
    axe_check(page)
    page.get_by_role("link", name="Back to the chart").click()
    expect(page.get_by_role("heading", name="Your weeks")).to_be_visible()
    assert watch.problems == [], watch.problems


# 5 -------------------------------------------------------------------------------------


def test_5_a_chip_leads_to_its_guidance_and_back_and_they_ask_for_clarity(
    make_page, alice, sam, three_entries, look
):
    page, watch = make_page(**LOOKS[look])
    log_in(page)
    open_chip(entry_card(page, SEEN), "Left on read").get_by_role(
        "link", name="About “Left on read”"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Left on read")
    assert fits_the_width(page)
    check(page, watch, "sign")
    screenshot(page, f"guidance-{look}")
    page.go_back()
    expect(entry_card(page, SEEN)).to_be_visible()

    entry_card(page, SEEN).get_by_role("link", name="Sam", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam")
    expect(page.locator("#person-signs .main-svg").first).to_be_visible()
    assert fits_the_width(page)
    check(page, watch, "person")
    screenshot(page, f"person-{look}")

    page.get_by_role("link", name="Ask Sam for clarity, once").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask Sam for clarity, once")
    assert fits_the_width(page)
    check(page, watch, "clarity")
    page.get_by_role("radio", name="This is the one I sent (way 1)").check()
    page.get_by_role("button", name="I asked").click()
    expect(page.locator("#messages")).to_contain_text("Logged that you asked Sam")
    expect(page.get_by_text("You asked for clarity on")).to_be_visible()
    assert Interaction.objects.get(person=sam, asked_clarity=True).text
    check(page, watch, "after asking")


def test_5_guidance_from_a_chip_reads_without_javascript(make_page, alice, three_entries):
    page, watch = make_page(js=False)
    log_in(page)
    open_chip(entry_card(page, SEEN), "Left on read").get_by_role(
        "link", name="About “Left on read”"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Left on read")
    page.get_by_role("link", name="See your entries marked “Left on read”").click()
    expect(page.locator("#timeline .entry")).to_have_count(1)
    page.go_back()
    page.get_by_role("link", name="Guidance", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe_check(page)
    assert watch.problems == [], watch.problems


# 6 -------------------------------------------------------------------------------------


def test_6_they_export_their_data_and_delete_their_account(make_page, alice, three_entries, look):
    page, watch = make_page(**LOOKS[look])
    log_in(page)
    page.get_by_role("link", name="Account").click()
    expect(page.get_by_role("heading", name="Your account", exact=True)).to_be_visible()
    check(page, watch, "account")

    page.get_by_role("link", name="Everything, as JSON").click()
    expect(page.get_by_role("heading", name="Confirm it's you")).to_be_visible()
    check(page, watch, "confirm password")
    page.get_by_label("Your password").fill(PASSWORD)
    with page.expect_download() as download:
        page.get_by_role("button", name="Continue").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert download.value.suggested_filename.endswith(".json")
    assert {e["text"] for e in data["interactions"]} == {CANCELLED, SEEN, BRUSHED_OFF}
    assert [p["name"] for p in data["people"]] == ["Sam"]
    # The download starts from the account page: the browser doesn't stay on the form.
    expect(page.get_by_role("heading", name="Your account", exact=True)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Your download is starting.")
    check(page, watch, "export started")

    go(page, "/accounts/settings/")
    page.get_by_role("link", name="Delete your account and everything in it").click()
    expect(page.get_by_role("heading", name="Delete your account?")).to_be_visible()
    expect(page.get_by_text("1 person and 3 entries")).to_be_visible()
    assert fits_the_width(page)
    check(page, watch, "delete account")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("Type your username").fill("alice")
    page.get_by_role("button", name="Delete everything").click()
    expect(page.locator("#messages")).to_contain_text("Your account and everything in it are gone.")
    check(page, watch, "after deleting")
    assert not User.objects.filter(username="alice").exists()
    assert not Interaction.objects.exists()

    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".form-errors")).to_be_visible()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    settle(page)
    assert watch.problems == [], watch.problems
