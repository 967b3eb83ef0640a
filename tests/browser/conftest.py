"""Headless Chromium for the browser tests (Debian's /usr/bin/chromium, never a download).

Without Chromium these tests skip, unless ALMOST_REQUIRE_BROWSER=1 (set by CI),
which turns the skip into a failure.
"""

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("ALMOST_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        reason = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("ALMOST_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


class PageWatch:
    """Collects console errors, failed requests, CSP violations and off-site requests."""

    def __init__(self, page, origin: str):
        self.problems: list[str] = []
        self.origin = origin
        page.on("console", self._console)
        page.on("requestfailed", self._failed)
        page.on("request", self._request)

    def _failed(self, request) -> None:
        # A download the browser dropped because the page moved on is not a fault.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"failed request {request.url}: {request.failure}")

    def _console(self, message) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _request(self, request) -> None:
        url = request.url
        if not (url.startswith(self.origin) or url.startswith(("data:", "blob:", "about:"))):
            self.problems.append(f"request off the server: {url}")


@pytest.fixture
def make_page(browser, live_server) -> Iterator:
    """make_page(width=1280, height=900, js=True) gives a page and its PageWatch."""
    contexts = []

    def make(
        width: int = 1280,
        height: int = 900,
        js: bool = True,
        dark: bool = False,
        timezone_id: str | None = None,
        workers: bool = False,
    ):
        # Almost's service worker only where a test is about it (test_offline.py): in the
        # others, navigations that pass through it only add timing to wait out.
        context = browser.new_context(
            service_workers="allow" if workers else "block",
            viewport={"width": width, "height": height},
            java_script_enabled=js,
            color_scheme="dark" if dark else "light",
            base_url=live_server.url,
            timezone_id=timezone_id,
            accept_downloads=True,
        )
        contexts.append(context)
        # The server runs on the suite's moved clock (tests/clock.py): Chromium's clock
        # starts at the same moment and runs on from there, so both sides agree on today.
        context.clock.install(time=datetime.now(UTC))
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.javascript = js  # axe_check needs script: see there
        return page, PageWatch(page, live_server.url)

    yield make
    for context in contexts:
        context.close()


# Helpers shared by the journeys (import them: from tests.browser.conftest import log_in).

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
AXE_PAGES: set[str] = set()  # every page axe checked in this run, listed in screenshots/


def settle(page) -> None:
    """Let the page finish loading (favicon, chart bundles, htmx requests), so the watch
    doesn't report requests the next navigation cuts short."""
    page.wait_for_load_state("networkidle")


def go(page, path: str) -> None:
    page.goto(path, wait_until="networkidle")


def log_in(page, username: str = "alice", password: str = "correct horse battery") -> None:
    """Log in through the form, as a person does (django-axes counts these)."""
    from playwright.sync_api import expect

    go(page, "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Log an interaction")).to_be_visible()
    settle(page)


def fits_the_width(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


@cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def axe_check(page, state: str = "") -> None:
    """No serious or critical axe-core violation on the page as it is now.

    axe-core runs in the page, so a page without JavaScript is checked as a copy: the
    same HTML at the same address in a page that runs script (with the same size and
    colour scheme).
    """
    if getattr(page, "javascript", True):
        _axe_check(page, state)
        return
    html, url = page.content(), page.url
    context = page.context.browser.new_context(
        viewport=page.viewport_size,
        color_scheme="dark" if _is_dark(page) else "light",
    )
    try:
        copy = context.new_page()
        copy.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
        copy.goto(url, wait_until="networkidle")
        _axe_check(copy, f"{state}, no js".lstrip(", "))
    finally:
        context.close()


def _is_dark(page) -> bool:
    return page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches")


def _axe_check(page, state: str) -> None:
    violations = _axe().run(page).response["violations"]
    serious = [
        (v["id"], v["help"], [node["target"] for node in v["nodes"]][:4])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    path = page.evaluate("() => location.pathname + location.search")
    scheme = "dark" if _is_dark(page) else "light"
    AXE_PAGES.add(f"{path} {state} ({scheme})".replace("  ", " "))
    assert serious == [], (path, state, serious)


def screenshot(page, name: str, full_page: bool = False) -> Path:
    """Save a screenshot into screenshots/ (git ignores it)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=full_page, animations="disabled")
    return path


@pytest.fixture(scope="session", autouse=True)
def _list_axe_pages() -> Iterator[None]:
    yield
    if AXE_PAGES:
        SCREENSHOTS.mkdir(exist_ok=True)
        (SCREENSHOTS / "axe-pages.txt").write_text("\n".join(sorted(AXE_PAGES)) + "\n")
