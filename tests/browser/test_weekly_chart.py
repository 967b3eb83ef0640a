"""The weekly chart in headless Chromium: drawn under the strict CSP, redrawn by htmx
without a page load, and a bar (or a table cell) opens that week's entries."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from journal import rollups
from journal.models import EntryCategory, Interaction
from patterns.charts import week_of

PASSWORD = "correct horse battery"  # alice's, from tests/conftest.py


@pytest.fixture
def last_week(alice, sam):
    """Two entries marked "Avoided plans" on last week's Wednesday, one calm one this week."""
    tz = alice.tz
    wednesday = week_of(timezone.localdate(timezone.now(), tz)) - timedelta(days=5)
    texts = ["Dinner moved to 'some other time' again", "Said we'd see about the weekend"]
    for hour, text in zip((12, 19), texts, strict=True):
        entry = Interaction.objects.create(
            user=alice,
            person=sam,
            occurred_at=datetime.combine(wednesday, time(hour), tzinfo=tz),
            feeling=-2,
            initiated_by="me",
            text=text,
        )
        EntryCategory.objects.create(interaction=entry, category="avoided_plans", reasons=["test"])
    Interaction.objects.create(
        user=alice,
        person=sam,
        occurred_at=timezone.now() - timedelta(minutes=5),
        feeling=2,
        initiated_by="them",
    )
    rollups.rebuild(alice)  # the week sums the charts read, as logging keeps them
    return texts


def log_in(page) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Log an interaction")).to_be_visible()
    page.wait_for_load_state("networkidle")


def chart_weeks(page) -> int:
    return page.evaluate("() => document.getElementById('weekly').data[0].x.length")


def click_the_tallest_bar(page) -> None:
    """Plotly takes clicks through its drag layer, so click where the bar is drawn."""
    box = page.evaluate(
        """() => {
            const paths = [...document.querySelectorAll('#weekly .trace.bars .point path')];
            const bar = paths.map(p => p.getBoundingClientRect()).sort((a, b) => b.height - a.height)[0];
            return {x: bar.x + bar.width / 2, y: bar.y + bar.height / 2, height: bar.height};
        }"""
    )
    assert box["height"] > 0
    page.mouse.click(box["x"], box["y"])


def test_the_chart_draws_redraws_in_place_and_opens_a_weeks_entries(make_page, last_week, sam):
    page, watch = make_page()
    log_in(page)
    page.goto("/patterns/")
    expect(page.locator("#weekly .main-svg").first).to_be_visible()
    assert chart_weeks(page) == 12
    expect(page.locator("#weekly .legendtext", has_text="Avoided plans")).to_be_visible()
    expect(page.locator("#weekly-table")).to_be_hidden()  # folded beside the drawn chart

    page.evaluate("() => { window.notReloaded = true; }")
    page.get_by_role("link", name="6 months").click()
    expect(page).to_have_url(re.compile(r"/patterns/\?range=6m$"))
    expect(page.get_by_role("link", name="6 months")).to_have_attribute("aria-current", "true")
    expect(page.locator("#weekly .main-svg").first).to_be_visible()
    page.wait_for_function("() => document.getElementById('weekly').data?.[0]?.x.length === 26")
    assert page.evaluate("() => window.notReloaded") is True

    click_the_tallest_bar(page)
    entries = page.locator("#week-entries .entry")
    expect(entries).to_have_count(2)
    for text in last_week:
        expect(page.locator("#week-entries")).to_contain_text(text)
    expect(page.locator("#week-entries-heading")).to_be_focused()
    assert page.evaluate("() => window.notReloaded") is True

    page.get_by_label("Person").select_option("Sam")
    expect(page).to_have_url(re.compile(rf"/patterns/\?range=6m&person={sam.pk}$"))
    expect(page.locator("#weekly .main-svg").first).to_be_visible()
    expect(page.get_by_role("heading", name="This week with Sam")).to_be_visible()
    assert page.evaluate("() => window.notReloaded") is True

    # Back restores the earlier chart from htmx's history, drawn live again.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/patterns/\?range=6m$"))
    expect(page.get_by_role("heading", name="This week", exact=True)).to_be_visible()
    page.wait_for_function("() => document.getElementById('weekly')._fullLayout !== undefined")
    expect(page.locator("#weekly .main-svg").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert watch.problems == [], watch.problems


def test_on_a_phone_the_table_links_open_the_entries_by_keyboard(make_page, last_week):
    page, watch = make_page(width=375, height=812)
    log_in(page)
    page.goto("/patterns/")
    expect(page.locator("#weekly .main-svg").first).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_text("Show the numbers as a table").click()
    link = page.locator("#weekly-table a").first
    expect(link).to_be_visible()
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#week-entries .entry")).to_have_count(2)
    expect(page).to_have_url(re.compile(r"/patterns/$"))  # swapped in place
    page.wait_for_load_state("networkidle")
    assert watch.problems == [], watch.problems


def test_the_person_page_draws_its_four_charts(make_page, last_week, sam):
    page, watch = make_page(dark=True)
    log_in(page)
    page.goto(f"/people/{sam.pk}/")
    for chart in ("person-signs", "person-hours", "person-effort", "person-feeling"):
        expect(page.locator(f"#{chart} .main-svg").first).to_be_visible()
    # In dark mode the chart text takes the page's light text colour.
    colour = page.evaluate(
        "() => getComputedStyle(document.querySelector('#person-signs .xtick text')).fill"
    )
    assert colour == page.evaluate("() => getComputedStyle(document.body).color")
    page.wait_for_load_state("networkidle")
    assert watch.problems == [], watch.problems


def test_on_a_phone_the_hours_table_fits_without_scrolling_sideways(make_page, last_week, sam):
    page, watch = make_page(width=390, height=844)
    log_in(page)
    page.goto(f"/people/{sam.pk}/")
    expect(page.locator("#person-hours .main-svg").first).to_be_visible()
    numbers = page.locator("details", has=page.locator("#person-hours-table"))
    numbers.locator("summary").click()
    expect(page.locator("#person-hours-table")).to_be_visible()
    # Every day column on screen: the late hours are what this table is for.
    assert page.evaluate(
        """() => { const wrap = document.getElementById("person-hours-table").parentElement;
        return wrap.scrollWidth <= wrap.clientWidth; }"""
    )
    page.wait_for_load_state("networkidle")
    assert watch.problems == [], watch.problems


def test_the_chart_pages_pass_an_accessibility_check(make_page, last_week, sam):
    from axe_playwright_python.sync_playwright import Axe

    page, watch = make_page()
    log_in(page)
    for path in ("/patterns/", "/patterns/?range=all", f"/people/{sam.pk}/"):
        page.goto(path)
        expect(page.locator("[data-chart] .main-svg").first).to_be_visible()
        for summary in page.get_by_text("Show the numbers as a table").all():
            summary.click()
        violations = Axe().run(page).response["violations"]
        serious = [
            (v["id"], [n["target"] for n in v["nodes"]][:3])
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], (path, serious)
    page.wait_for_load_state("networkidle")
    assert watch.problems == [], watch.problems


def test_all_time_over_years_draws_a_bar_a_month_that_opens_its_entries(
    make_page, last_week, alice, sam
):
    from axe_playwright_python.sync_playwright import Axe

    tz = alice.tz
    today = timezone.localdate(timezone.now(), tz)
    for years in (3, 4):  # mid-month, on a Wednesday: one week, one month
        day = week_of(today.replace(year=today.year - years, day=15)) + timedelta(days=2)
        entry = Interaction.objects.create(
            user=alice, person=sam, occurred_at=datetime.combine(day, time(9), tzinfo=tz), feeling=0
        )
        EntryCategory.objects.create(interaction=entry, category="joked_off", reasons=["test"])
    rollups.rebuild(alice)
    page, watch = make_page()
    log_in(page)
    page.goto("/patterns/?range=all")
    expect(page.locator("#weekly .main-svg").first).to_be_visible()
    assert 37 <= chart_weeks(page) <= 50  # a bar a month, four years and a bit
    expect(page.get_by_role("img", name=re.compile("Signs month by month"))).to_be_visible()
    expect(page.get_by_text("Each week, Monday to Sunday, counts in the month")).to_be_visible()

    click_the_tallest_bar(page)  # last week's month: its two entries, this week's none
    expect(page.locator("#week-entries .entry")).to_have_count(2)
    heading = page.locator("#week-entries-heading")
    expect(heading).to_be_focused()
    expect(heading).to_contain_text(re.compile(r"Avoided plans, \w+ \d{4}: the weeks from"))

    page.get_by_text("Show the numbers as a table").click()
    expect(page.locator("#weekly-table th[scope=col]").first).to_have_text("Month")
    violations = Axe().run(page).response["violations"]
    serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    page.wait_for_load_state("networkidle")
    assert watch.problems == [], watch.problems
