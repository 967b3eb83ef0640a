import re
from datetime import datetime, timedelta

from playwright.sync_api import expect


def sign_up(page, username: str) -> None:
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill("a long enough secret")
    page.get_by_label("Password confirmation").fill("a long enough secret")
    page.get_by_role("button", name="Make my account").click()


def test_a_visitor_signs_up_and_logs_an_entry_with_htmx(make_page, db):
    page, watch = make_page()
    sign_up(page, "newbie")
    expect(page.get_by_text("Nothing logged yet")).to_be_visible()

    page.evaluate("() => { window.notReloaded = true; }")
    page.get_by_label("Or someone new").fill("Robin")
    page.get_by_label("What happened", exact=True).fill(
        "Sent a long message about my week. Got back 'cool'."
    )
    page.locator("label", has_text="-1 A bit off").click()
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#timeline .entry")).to_have_count(1)
    assert page.evaluate("() => window.notReloaded") is True
    assert watch.problems == [], watch.problems


def test_on_a_phone_the_word_that_it_was_logged_is_beside_the_focus(make_page, db):
    page, watch = make_page(width=390, height=844)
    sign_up(page, "phoner")
    page.get_by_label("Or someone new").fill("Robin")
    page.get_by_label("What happened", exact=True).fill("Coffee, easy and warm.")
    page.locator("label", has_text="+2").click()
    page.get_by_role("button", name="Log it").click()
    saved = page.locator("#hint .hint-saved")
    expect(saved).to_have_text("Logged your text with Robin.")
    expect(saved).to_be_in_viewport()
    expect(page.get_by_label("What happened", exact=True)).to_be_focused()
    # Typing the next entry makes room for its own hint.
    page.get_by_label("What happened", exact=True).fill("He said 'k' to my long message")
    expect(saved).to_have_count(0)
    assert watch.problems == [], watch.problems


def test_logging_keeps_the_form_in_view_and_back_keeps_the_filter(make_page, db):
    page, watch = make_page()
    sign_up(page, "keeper")

    for name, text in (("Robin", "The first one."), ("Sam", "The second one.")):
        page.get_by_label("Or someone new").fill(name)
        page.get_by_label("What happened", exact=True).fill(text)
        page.locator("label", has_text="+1 Okay").click()
        page.get_by_role("button", name="Log it").click()
        expect(page.locator("#messages")).to_contain_text(f"with {name}.")
        # Ready for the next one: the form stays on screen, focus in "What happened".
        expect(page.get_by_label("What happened", exact=True)).to_be_focused()
        expect(page.get_by_label("What happened", exact=True)).to_be_in_viewport()
    expect(page.locator("#timeline .entry").first).to_contain_text("The second one.")
    # "Who" comes preselected with Sam; typing a new name lets go of Sam, visibly.
    expect(page.get_by_label("Who", exact=True)).to_have_value(re.compile(r"\d+"))
    page.get_by_label("Or someone new").fill("Kim")
    expect(page.get_by_label("Who", exact=True)).to_have_value("")
    page.get_by_label("Or someone new").fill("")
    # The filter was left on Everyone and still says so: the next search covers everyone.
    expect(page.locator("#filter-person option:checked")).to_have_text("Everyone")

    # A mistake: the focus goes to what to fix.
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#entry-form .form-errors")).to_be_focused()

    page.get_by_label("Person", exact=True).select_option(label="Robin")  # both new: listed
    expect(page.locator("#timeline .entry")).to_have_count(1)
    page.get_by_label("Person", exact=True).select_option(label="Sam")
    expect(page.locator("#timeline")).to_contain_text("The second one.")
    page.go_back()
    expect(page.locator("#timeline")).to_contain_text("The first one.")
    expect(page.locator("#filter-person option:checked")).to_have_text("Robin")
    assert watch.problems == [], watch.problems


def test_the_form_holds_still_while_saving_but_not_while_hinting(make_page, db):
    """What is typed while a save is on its way would be lost when the fresh form comes
    back, so the fields are disabled until then. The live hint never disables them."""
    page, watch = make_page()
    sign_up(page, "steady")
    page.evaluate(
        """() => {
        window.held = {};
        document.body.addEventListener("htmx:beforeSend", (event) => {
            window.held[event.detail.elt.id] = document.getElementById("id_text").disabled
                || document.getElementById("id_text").matches(":disabled");
        });
    }"""
    )
    page.get_by_label("Or someone new").fill("Robin")
    page.get_by_label("What happened", exact=True).fill(
        "They said they were busy, maybe next week."
    )
    page.wait_for_function("() => 'hint' in window.held")  # the hint has asked
    page.locator("label", has_text="-1 A bit off").click()
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#messages")).to_contain_text("with Robin.")
    assert page.evaluate("() => window.held") == {"hint": False, "entry-form": True}
    expect(page.get_by_label("What happened", exact=True)).to_be_enabled()
    expect(page.get_by_label("What happened", exact=True)).to_be_focused()
    assert watch.problems == [], watch.problems


def test_a_failed_save_keeps_what_was_typed_and_gives_the_focus_back(make_page, db):
    page, watch = make_page()
    sign_up(page, "unlucky")
    # A save the server refuses: a stale CSRF token (as after a long time away) gives 403.
    page.evaluate(
        """() => {
        document.body.setAttribute("hx-headers", '{"X-CSRFToken": "stale"}');
        document.querySelector("#entry-form [name=csrfmiddlewaretoken]").value = "stale";
    }"""
    )
    page.get_by_label("Or someone new").fill("Robin")
    page.get_by_label("What happened", exact=True).fill("Kept, whatever the server says.")
    page.locator("label", has_text="+1 Okay").click()
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#messages")).to_contain_text("That didn't go through")
    expect(page.get_by_role("button", name="Log it")).to_be_focused()
    expect(page.get_by_label("What happened", exact=True)).to_be_enabled()
    expect(page.get_by_label("What happened", exact=True)).to_have_value(
        "Kept, whatever the server says."
    )
    # The refused request is the test's own doing; nothing else may go wrong.
    assert [p for p in watch.problems if "403" not in p] == [], watch.problems


def test_tabbing_out_of_an_open_sign_closes_it(make_page, db):
    page, watch = make_page()
    sign_up(page, "tabber")
    page.get_by_label("Or someone new").fill("Robin")
    page.get_by_label("What happened", exact=True).fill(
        "Sent a long message about my week. Got back 'cool'."
    )
    page.locator("label", has_text="-1 A bit off").click()
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#timeline .entry")).to_have_count(1)
    # A fresh page: the save's own focus move (to "What happened") is long over.
    page.goto("/", wait_until="networkidle")
    chip = page.locator("#timeline details.chip:not(.chip-add)").first
    chip.locator("summary").press("Enter")
    expect(chip).to_have_attribute("open", "")
    for _ in range(6):  # why, its guide, "Not this", then out to "Add a sign"
        page.keyboard.press("Tab")
        if not chip.evaluate("(d) => d.contains(document.activeElement)"):
            break
    expect(chip).not_to_have_attribute("open", "")
    assert watch.problems == [], watch.problems


def test_the_keyboard_can_skip_the_form_to_the_timeline(make_page, db):
    page, watch = make_page()
    sign_up(page, "skipper")
    skip = page.get_by_role("link", name="Skip the form, to your timeline")
    skip.focus()
    expect(skip).to_be_in_viewport()  # seen when it has the focus
    page.keyboard.press("Enter")
    expect(page.locator("#timeline-heading")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Person", exact=True)).to_be_focused()
    assert watch.problems == [], watch.problems


def test_the_browser_and_the_server_agree_on_the_day(make_page, moved_clock):
    page, _ = make_page()
    page.goto("/accounts/login/")
    in_browser = datetime.fromisoformat(page.evaluate("() => new Date().toISOString()"))
    assert abs(in_browser - moved_clock) < timedelta(minutes=5)  # the suite's day, not today
