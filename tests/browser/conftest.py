"""Headless Chromium for the browser tests (Debian's /usr/bin/chromium, never a download).

Without Chromium these tests skip, unless ALMOST_REQUIRE_BROWSER=1 (set by CI),
which turns the skip into a failure.
"""

import os
import shutil
from collections.abc import Iterator

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
        page.on("requestfailed", lambda r: self.problems.append(f"failed request {r.url}"))
        page.on("request", self._request)

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

    def make(width: int = 1280, height: int = 900, js: bool = True, dark: bool = False):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            java_script_enabled=js,
            color_scheme="dark" if dark else "light",
            base_url=live_server.url,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page, PageWatch(page, live_server.url)

    yield make
    for context in contexts:
        context.close()
