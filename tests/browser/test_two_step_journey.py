"""Two-step sign-in in Chromium: a passkey made and used with Chromium's virtual
authenticator (through the DevTools protocol), an authenticator app whose codes the test
computes, and a recovery code that works once.

Every page is checked with axe-core, and the watch asserts no console error, CSP
violation, failed request or request off the server (the QR code is drawn here).
"""

import base64
import re
import time

from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, go, settle

PASSWORD = "correct horse battery"  # alice's, from tests/conftest.py


def add_virtual_authenticator(page) -> None:
    """A platform authenticator that holds passkeys and always passes its lock."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


def check(page, watch) -> None:
    settle(page)
    axe_check(page)
    assert watch.problems == [], watch.problems


def password_step(page, username: str = "alice") -> None:
    go(page, "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()


def confirm_password(page) -> None:
    expect(page.get_by_role("heading", name="Confirm it's you")).to_be_visible()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()


def expect_logged_in(page) -> None:
    expect(page.get_by_role("heading", name="Log an interaction")).to_be_visible()


def test_a_passkey_is_added_then_signs_in_as_second_step_and_alone(make_page, alice):
    page, watch = make_page()
    add_virtual_authenticator(page)
    password_step(page)
    expect_logged_in(page)
    go(page, "/accounts/settings/")
    page.get_by_role("link", name="Two-step sign-in").click()
    confirm_password(page)
    expect(page.get_by_role("heading", name="Two-step sign-in")).to_be_visible()
    check(page, watch)

    page.get_by_label("Name for the new passkey").fill("Test laptop")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_text("Added the passkey “Test laptop”.")).to_be_visible()
    expect(page.get_by_role("cell", name="Test laptop", exact=True)).to_be_visible()
    check(page, watch)

    # Password, then the passkey.
    log_out(page)
    password_step(page)
    expect(page.get_by_role("heading", name="One more step")).to_be_visible()
    check(page, watch)
    page.get_by_role("button", name="Use your passkey").click()
    expect_logged_in(page)

    # The passkey alone, without a username or password.
    log_out(page)
    page.get_by_role("button", name="Use a passkey instead").click()
    expect_logged_in(page)
    go(page, "/accounts/two-step/")
    confirm_password(page)
    last_used = page.get_by_role("row", name=re.compile("Test laptop"))
    expect(last_used).not_to_contain_text("Not yet")
    check(page, watch)

    page.get_by_role("link", name="Back to your account").click()
    page.get_by_role("link", name="Signed-in browsers").click()
    expect(page.get_by_role("cell", name="Chrome on Linux (this one)")).to_be_visible()
    check(page, watch)


def code_now(secret: str, ahead: int = 0) -> str:
    """What an authenticator app set up with `secret` shows, `ahead` time steps from now."""
    clock = TOTP(base64.b32decode(secret.replace(" ", "")), step=30)
    clock.time = time.time() + 30 * ahead
    return f"{clock.token():06d}"


def test_an_authenticator_app_and_recovery_codes_sign_in(make_page, alice):
    page, watch = make_page()
    password_step(page)
    expect_logged_in(page)
    go(page, "/accounts/two-step/")
    confirm_password(page)
    page.get_by_role("link", name="Set up an authenticator app").click()
    expect(page.locator(".qr svg")).to_be_visible()
    check(page, watch)
    secret = page.locator("#app-secret").inner_text()
    page.get_by_label("The six-digit code your app shows now").fill(code_now(secret))
    page.get_by_role("button", name="Turn it on").click()
    expect(page.get_by_text("Your authenticator app is on.")).to_be_visible()

    page.get_by_role("button", name="Make recovery codes").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    check(page, watch)
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10

    # Password, then the app's code. The code of the step used to turn the app on is
    # spent, so the test types the next one, as the app would show a little later.
    log_out(page)
    password_step(page)
    expect(page.get_by_role("heading", name="One more step")).to_be_visible()
    check(page, watch)
    page.get_by_label(re.compile("Code from your authenticator app")).fill(code_now(secret, 1))
    page.get_by_role("button", name="Continue").click()
    expect_logged_in(page)

    # A recovery code, once.
    log_out(page)
    password_step(page)
    page.get_by_label(re.compile("Code from your authenticator app")).fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect_logged_in(page)

    log_out(page)
    password_step(page)
    page.get_by_label(re.compile("Code from your authenticator app")).fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("That code didn't work.")).to_be_visible()
    expect(page.get_by_role("heading", name="One more step")).to_be_visible()
    check(page, watch)
