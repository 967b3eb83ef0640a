"""Issue 24 in Chromium on a phone-sized screen: Almost installs, logs with no connection,
and sends every entry once the connection is back, once each."""

from playwright.sync_api import expect

from journal.models import Interaction, Person
from tests.browser.conftest import CHROMIUM, FLAGS, PageWatch, log_in

PHONE = {"width": 390, "height": 844}
# What the browser says when the test cuts the connection: expected, not a fault.
OFFLINE = "ERR_INTERNET_DISCONNECTED"


def ready(page) -> None:
    """Wait until the service worker is active and controls the page."""
    page.evaluate("() => navigator.serviceWorker.ready")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def open_installed(make_page):
    """alice's phone, logged in, with Almost's service worker in charge."""
    page, watch = make_page(**PHONE)
    log_in(page)
    ready(page)
    return page, watch


def log_entry(page, text: str, *, name: str = "", pick: str = "", feeling: str = "+1 Okay"):
    if pick:
        page.get_by_label("Who", exact=True).select_option(label=pick)
    if name:
        page.get_by_label("Or someone new").fill(name)
    page.get_by_label("What happened", exact=True).fill(text)
    page.locator("label", has_text=feeling).click()
    page.get_by_role("button", name="Log it").click()


def unexpected(watch) -> list[str]:
    return [p for p in watch.problems if OFFLINE not in p]


def test_the_install_criteria_are_met(browser, live_server, alice, tmp_path):
    """Chromium's own check, through the DevTools protocol. Playwright's usual contexts
    are incognito, where Chromium never offers to install: this one has a profile."""
    context = browser.browser_type.launch_persistent_context(
        tmp_path, executable_path=CHROMIUM, args=FLAGS, viewport=PHONE, base_url=live_server.url
    )
    try:
        page = context.pages[0]
        watch = PageWatch(page, live_server.url)
        log_in(page)
        ready(page)
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"] == f"{live_server.url}/manifest.webmanifest"
        assert manifest["errors"] == []
        parsed = manifest["manifest"]
        assert parsed["display"] == "kStandalone"
        assert parsed["startUrl"] == f"{live_server.url}/"
        sizes = {icon["sizes"] for icon in parsed["icons"] if icon["type"] == "image/png"}
        assert {"192x192", "512x512"} <= sizes
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        cdp.send("ServiceWorker.enable")
        workers = page.evaluate(
            "async () => (await navigator.serviceWorker.getRegistrations()).map("
            "(r) => [r.scope, r.active && r.active.scriptURL])"
        )
        assert workers == [[f"{live_server.url}/", f"{live_server.url}/sw.js"]]
        assert watch.problems == [], watch.problems
    finally:
        context.close()


def test_entries_logged_offline_wait_and_are_sent_once_back_online(make_page, alice, sam):
    page, watch = open_installed(make_page)
    page.context.set_offline(True)
    log_entry(page, "Waved across the platform, no signal.", pick="Sam", feeling="+2 Good")
    expect(page.locator("#messages")).to_contain_text("Kept on this device")
    log_entry(page, "Robin texted 'k' as the lift doors closed.", name="Robin", feeling="-1")
    waiting = page.locator("#outbox li")
    expect(waiting).to_have_count(2)
    expect(waiting.first).to_contain_text("Waiting to send")
    expect(waiting.first).to_contain_text("Sam")

    page.reload()
    expect(page.locator(".offline-badge")).to_have_text("Offline")
    expect(waiting).to_have_count(2)
    expect(waiting.nth(1)).to_contain_text("Robin")
    assert Interaction.objects.count() == 0

    page.context.set_offline(False)
    expect(page.locator("#outbox-sent")).to_be_visible()
    expect(waiting).to_have_count(0)
    texts = sorted(entry.text for entry in Interaction.objects.filter(user=alice))
    assert texts == [
        "Robin texted 'k' as the lift doors closed.",
        "Waved across the platform, no signal.",
    ]
    assert Person.objects.filter(user=alice, name="Robin").count() == 1
    assert unexpected(watch) == [], watch.problems
