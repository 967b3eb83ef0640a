"""Issue 24 in Chromium on a phone-sized screen: Almost installs, logs with no connection,
and sends every entry once the connection is back, once each."""

import re

from django.contrib.sessions.models import Session
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from journal import offline
from journal.models import Interaction, Person
from tests.browser.conftest import CHROMIUM, FLAGS, PageWatch, axe_check, log_in

PHONE = {"width": 390, "height": 844}
# What the browser says when the test cuts the connection: expected, not a fault.
OFFLINE = "ERR_INTERNET_DISCONNECTED"


def ready(page) -> None:
    """Wait until the service worker is active and controls the page."""
    page.evaluate("() => navigator.serviceWorker.ready")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def open_installed(make_page):
    """alice's phone, logged in, with Almost's service worker in charge."""
    page, watch = make_page(**PHONE, workers=True)
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
    page.get_by_role("button", name="Log it").click()  # nothing filled in: nothing kept
    expect(page.locator("#entry-form .form-errors")).to_contain_text("Not kept yet: Pick someone")
    expect(page.locator("#entry-form .form-errors")).to_be_focused()
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
    expect(page.get_by_label("When")).not_to_have_value("")  # now, for the next one
    axe_check(page, "offline, two waiting")
    assert "Sam" not in page.locator("#entry-form").inner_html()
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


def test_a_repeat_visit_loads_the_shell_from_the_cache(make_page, alice):
    page, watch = open_installed(make_page)
    served = {}
    page.on("response", lambda r: served.__setitem__(r.url, r.from_service_worker))
    page.reload(wait_until="networkidle")
    files = {url: kept for url, kept in served.items() if "/static/" in url}
    assert any(url.endswith("/static/css/almost.css") for url in files)
    assert any(url.endswith("/static/js/offline.js") for url in files)
    assert all(files.values()), files
    # The page itself came from the server, which says to keep it nowhere.
    assert (
        page.evaluate("async () => (await fetch(location.href)).headers.get('Cache-Control')")
        == "no-store"
    )
    # What the device keeps: the offline page and static files, nothing with a name in it.
    kept = page.evaluate(
        """async () => {
        const found = [];
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) found.push(new URL(request.url).pathname);
        }
        return found;
    }"""
    )
    assert "/offline/" in kept
    assert all(path == "/offline/" or path.startswith("/static/") for path in kept), kept
    assert unexpected(watch) == [], watch.problems


def test_a_send_whose_answer_is_lost_stores_the_entry_once(make_page, alice, sam):
    page, watch = open_installed(make_page)
    page.context.set_offline(True)
    log_entry(page, "Said 'maybe' and went into the tunnel.", pick="Sam")
    expect(page.locator("#outbox li")).to_have_count(1)
    # The first send reaches the server, but its answer never comes back.
    lost = []

    def lose_the_answer(route):
        if route.request.method == "POST" and not lost:
            lost.append(route.fetch().status)
            route.abort("connectionreset")
        else:
            route.continue_()

    page.context.route("**/entries/send/", lose_the_answer)
    page.context.set_offline(False)
    expect(page.locator("#outbox li")).to_contain_text("Waiting to send")
    page.wait_for_timeout(500)
    assert lost == [201]
    assert Interaction.objects.filter(user=alice).count() == 1
    # Opening Almost again sends it again: the server knows its token.
    page.reload()
    expect(page.locator("#outbox")).to_be_hidden()
    expect(page.locator("#timeline .entry")).to_have_count(1)
    assert Interaction.objects.filter(user=alice).count() == 1
    assert [p for p in unexpected(watch) if "CONNECTION_RESET" not in p] == []


def refused(watch) -> list[str]:
    """The watch's problems, less the answers the test provokes (a console line each)."""
    return [p for p in unexpected(watch) if not re.search(r"status of (400|401|403|409)", p)]


def test_a_conflict_is_shown_and_kept_until_the_person_mends_it(make_page, alice, sam):
    page, watch = open_installed(make_page)
    page.context.set_offline(True)
    log_entry(page, "Sam said they'd call after the gig.", pick="Sam")
    Person.objects.filter(pk=sam.pk).delete()  # on another device, meanwhile
    page.context.set_offline(False)
    waiting = page.locator("#outbox li")
    expect(waiting).to_contain_text("Not sent: Who: Pick one of your own people.")
    page.reload()  # never dropped: still there, still saying why
    expect(waiting).to_contain_text("Not sent: Who: Pick one of your own people.")

    waiting.get_by_role("button", name="Edit").click()
    expect(page.get_by_label("Or someone new")).to_have_value("Sam")
    expect(page.get_by_label("What happened", exact=True)).to_have_value(
        "Sam said they'd call after the gig."
    )
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#timeline .entry")).to_have_count(1)
    expect(page.locator("#outbox")).to_be_hidden()
    assert Interaction.objects.get(user=alice).person.name == "Sam"
    assert refused(watch) == [], watch.problems


def test_an_ended_session_keeps_the_entries_until_logged_in_again(make_page, alice, sam):
    page, watch = open_installed(make_page)
    page.context.set_offline(True)
    log_entry(page, "Voice note from Sam, listened to it in the lift.", pick="Sam")
    Session.objects.all().delete()
    page.context.set_offline(False)
    expect(page.locator("#outbox-login")).to_be_visible()
    expect(page.locator("#outbox li")).to_contain_text("Waiting to send")
    assert not Interaction.objects.exists()

    # Logging in as log_in() does, but without waiting for the network to be idle:
    # Playwright never sees the end of a post that went past the service worker.
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#messages")).to_contain_text("Sent the entry you logged offline.")
    expect(page.locator("#timeline .entry")).to_have_count(1)
    expect(page.locator("#outbox")).to_be_hidden()
    assert Interaction.objects.filter(user=alice).count() == 1
    assert refused(watch) == [], watch.problems


def waiting_on_device(page) -> int:
    return page.evaluate(
        """() => new Promise((resolve, reject) => {
        const open = indexedDB.open("almost", 1);
        open.onsuccess = () => {
            const count = open.result.transaction("entries").objectStore("entries").count();
            count.onsuccess = () => resolve(count.result);
        };
        open.onerror = () => reject(open.error);
    })"""
    )


def test_logging_out_with_entries_waiting_asks_first(make_page, alice, sam):
    page, watch = open_installed(make_page)
    page.context.set_offline(True)
    log_entry(page, "Sam cancelled by text while I was on the train.", pick="Sam")
    Person.objects.filter(pk=sam.pk).delete()  # so it can't be sent: it stays
    page.context.set_offline(False)
    expect(page.locator("#outbox li")).to_contain_text("Not sent")

    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Log out").click()
    expect(page.locator("#messages")).to_contain_text("You're still logged in")
    assert questions == [
        "1 entry you logged on this device hasn't reached Almost yet. Logging out deletes "
        "it from this device. Log out anyway?"
    ]
    assert waiting_on_device(page) == 1

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    assert waiting_on_device(page) == 0
    assert refused(watch) == [], watch.problems


def test_a_new_version_is_offered_and_takes_over_on_reload(make_page, alice, monkeypatch):
    page, watch = open_installed(make_page)
    first = page.evaluate("async () => await caches.keys()")
    # A release: the worker the server hands out changes.
    release = {**offline.worker_config(), "version": "next-release"}
    monkeypatch.setattr(offline, "worker_config", lambda: release)
    page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
    note = page.locator("#update-note")
    expect(note).to_contain_text("A new version of Almost is ready")
    assert page.evaluate("async () => await caches.keys()") != first  # kept beside the old
    note.get_by_role("button", name="Reload now").click()
    expect(note).to_have_count(0)
    page.wait_for_load_state()
    ready(page)
    assert page.evaluate("async () => await caches.keys()") == ["almost-next-release"]
    assert unexpected(watch) == [], watch.problems


def test_a_new_version_takes_over_the_next_time_almost_is_opened(make_page, alice, monkeypatch):
    page, watch = open_installed(make_page)
    release = {**offline.worker_config(), "version": "next-release"}
    monkeypatch.setattr(offline, "worker_config", lambda: release)
    page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
    expect(page.locator("#update-note")).to_be_visible()
    context = page.context
    page.close()
    # Closing Almost, then opening it. Chromium may still count the closed page for a
    # moment: a page opened that soon gets the old worker, and the new one waits for it.
    for _ in range(5):
        page = context.new_page()
        page.goto("/")
        ready(page)
        try:
            page.wait_for_function(
                "async () => (await caches.keys()).join() === 'almost-next-release'",
                timeout=3000,
            )
            break
        except PlaywrightTimeoutError:
            page.close()
    expect(page.locator("#update-note")).to_have_count(0)
    assert page.evaluate("async () => await caches.keys()") == ["almost-next-release"]


def test_another_accounts_waiting_entries_show_as_a_count_not_their_words(
    make_page, alice, bob, sam
):
    """A shared device: Alice's session ends elsewhere while her entry waits; Bob logs in."""
    page, watch = open_installed(make_page)
    page.context.set_offline(True)
    log_entry(page, "Sam said the Lisbon trip is off. Zephyrine words.", pick="Sam")
    Session.objects.all().delete()  # logged out on another device: no Log out pressed here
    page.context.set_offline(False)
    expect(page.locator("#outbox-login")).to_be_visible()

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("bob")
    page.get_by_label("Password").fill("another long secret")
    page.get_by_role("button", name="Log in").click()
    others = page.locator("#outbox-others")
    expect(others).to_contain_text("another account")
    expect(page.locator("#outbox-entries li")).to_have_count(0)
    assert "Zephyrine" not in page.content()
    assert "Sam" not in page.locator("#outbox").inner_text()
    assert not Interaction.objects.filter(user=bob).exists()

    page.once("dialog", lambda dialog: dialog.accept())
    others.get_by_role("button", name="Discard them").click()
    expect(others).to_be_hidden()
    assert waiting_on_device(page) == 0
    assert refused(watch) == [], watch.problems
