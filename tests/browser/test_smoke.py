from playwright.sync_api import expect


def test_a_visitor_signs_up_and_logs_an_entry_with_htmx(make_page, db):
    page, watch = make_page()
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill("newbie")
    page.get_by_label("Password", exact=True).fill("a long enough secret")
    page.get_by_label("Password confirmation").fill("a long enough secret")
    page.get_by_role("button", name="Make my account").click()
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
