"""Every page of the journeys with a full journal (the demo data), checked by axe-core,
with no console error, failed request or request off the server. It also takes the
screenshots the README shows.

The journeys (test_journeys.py) run on a desktop in light mode and on a phone in dark
mode; this sweep takes the other two (desktop dark, phone light), so every page is
checked in both colour schemes and at both sizes."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from journal.models import Interaction
from tests.browser.conftest import (
    SCREENSHOTS,
    axe_check,
    fits_the_width,
    go,
    log_in,
    screenshot,
    settle,
)

PASSWORD = "demo password, long enough"
LOOKS = {
    "desktop-dark": {"width": 1280, "height": 900, "dark": True},
    "phone-light": {"width": 375, "height": 812},
}


@pytest.fixture
def demo(db) -> User:
    call_command(
        "seed_demo", username="demo", entries=160, password=PASSWORD, seed=8, stdout=StringIO()
    )
    user = User.objects.get(username="demo")
    trashed = Interaction.objects.for_user(user).last()
    trashed.deleted = trashed.occurred_at
    trashed.save(update_fields=["deleted"])
    return user


def pages(user: User) -> list[tuple[str, str]]:
    """(name, path) of every signed-in page the journeys reach."""
    person = user.person_set.order_by("pk").first()
    entry = Interaction.objects.for_user(user).filter(person=person).first()
    week = entry.occurred_at.date()
    week = week.fromordinal(week.toordinal() - week.weekday())
    category = entry.categories.filter(active=True).first()
    slug = category.category if category else "left_on_read"
    return [
        ("log", "/"),
        ("people", "/people/"),
        ("person", f"/people/{person.pk}/"),
        ("weekly", "/patterns/"),
        ("weekly-person", f"/patterns/?range=6m&person={person.pk}"),
        ("week", f"/patterns/week/?start={week:%Y-%m-%d}&category={slug}"),
        ("edit", f"/entries/{entry.pk}/edit/"),
        ("delete-entry", f"/entries/{entry.pk}/delete/"),
        ("trash", "/trash/"),
        ("guidance", "/guidance/"),
        ("guidance-sign", f"/guidance/signs/{slug}/"),
        ("guidance-page", "/guidance/ask-for-clarity/"),
        ("messages", "/guidance/messages/?name=Alex"),
        ("clarity", f"/guidance/clarity/{person.pk}/"),
        ("account", "/accounts/settings/"),
        ("password", "/accounts/password/"),
        ("confirm", "/accounts/confirm/"),
        ("import", "/accounts/import/"),
        ("delete-account", "/accounts/delete/"),
    ]


def open_everything(page) -> None:
    """Open what a person can open (chart tables, "More details", one chip), so axe
    checks it too."""
    page.evaluate(
        """() => document.querySelectorAll('details:not(.chip)').forEach(d => { d.open = true; })"""
    )
    chip = page.locator("details.chip:not(.chip-add) > summary").first
    if chip.count():
        chip.click()


def charts_without_a_table(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-chart]')]
            .map(c => c.id).filter(id => !document.getElementById(id + '-table'))"""
    )


def chart_text_contrast(page) -> float:
    """The lowest contrast of any text drawn in a chart against its card. axe-core leaves
    SVG text out ("incomplete"), so it is measured here, as WCAG defines it."""
    return page.evaluate(
        """() => {
            const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
            const lum = c => {
                const [r, g, b] = c.map(v => v / 255).map(
                    v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
                return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            let lowest = 21;
            document.querySelectorAll('[data-chart] .main-svg text').forEach(t => {
                if (!t.textContent.trim()) return;
                const card = getComputedStyle(t.closest('.card')).backgroundColor;
                const [a, b] = [lum(rgb(getComputedStyle(t).fill)), lum(rgb(card))];
                lowest = Math.min(lowest, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
            });
            return lowest;
        }"""
    )


@pytest.mark.parametrize("look", list(LOOKS))
def test_every_page_passes_axe_with_a_full_journal(make_page, demo, look):
    page, watch = make_page(**LOOKS[look])
    for name, path in (("login", "/accounts/login/"), ("signup", "/accounts/signup/")):
        go(page, path)
        axe_check(page, name)
    log_in(page, "demo", PASSWORD)
    for name, path in pages(demo):
        go(page, path)
        if page.locator("[data-chart]").count():
            expect(page.locator("[data-chart] .main-svg").first).to_be_visible()
            assert charts_without_a_table(page) == [], name
            assert chart_text_contrast(page) >= 4.5, name
        if name in ("log", "person", "weekly", "guidance-sign"):
            settle(page)
            screenshot(page, f"demo-{name}-{look}")
        open_everything(page)
        assert fits_the_width(page), name
        axe_check(page, name)
        assert watch.problems == [], (name, watch.problems)


def test_the_readme_screenshots(make_page, demo):
    """The log page on a desktop in light mode, with a sign open; the weekly view on a
    phone in dark mode. docs/screenshots/ holds optimised copies (pngquant)."""
    page, watch = make_page()
    log_in(page, "demo", PASSWORD)
    go(page, f"/?person={demo.person_set.get(name='Jamie').pk}")
    chip = page.locator("#timeline details.chip:not(.chip-add)").first
    chip.locator("summary").click()
    bottom = chip.locator(".chip-pop").evaluate(
        "(e) => e.getBoundingClientRect().bottom + window.scrollY"
    )
    page.screenshot(
        path=SCREENSHOTS / "readme-log-desktop.png",
        full_page=True,
        clip={"x": 196, "y": 0, "width": 888, "height": bottom + 40},  # the page column
    )

    phone, phone_watch = make_page(width=375, height=812, dark=True)
    log_in(phone, "demo", PASSWORD)
    go(phone, "/patterns/")
    expect(phone.locator("#weekly .main-svg").first).to_be_visible()
    screenshot(phone, "readme-weekly-phone")
    assert watch.problems == phone_watch.problems == []


def test_a_long_name_never_pushes_a_page_sideways_on_a_phone(make_page, demo):
    # A handle with no spaces, as long as a name can be (80 characters).
    person = demo.person_set.order_by("pk").first()
    person.name = "@alexandra.montgomery.climbs.and.bakes.on.sundays.with.her.three.dogs.and.a.cat"
    person.save(update_fields=["name"])
    page, watch = make_page(width=360, height=780)
    log_in(page, "demo", PASSWORD)
    for name, path in pages(demo):
        go(page, path)
        open_everything(page)
        assert fits_the_width(page), name
    assert watch.problems == []
