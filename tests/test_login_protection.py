"""Guessing passwords gets nowhere: a lock per name and address, a cool-off, no hint
whether an account exists, and password rules that hold."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import User

PASSWORD = "correct horse battery"
ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"
LIMIT = 5
WIDE = 20  # failures for one name from any address, or from one address for any names


def from_address(address: str, **extra) -> Client:
    return Client(REMOTE_ADDR=address, **extra)


def log_in(client: Client, username: str, password: str, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def fail(client: Client, username: str = "alice", times: int = LIMIT, **extra):
    response = None
    for _ in range(times):
        response = log_in(client, username, "not the password", **extra)
    return response


def visible_text(response) -> str:
    """The page without its per-request tokens, to compare two answers."""
    html = response.content.decode()
    html = re.sub(r'nonce="[^"]*"', "", html)
    html = re.sub(r'"X-CSRFToken": "[^"]*"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_the_settings_are_ours_not_the_defaults():
    assert settings.AXES_FAILURE_LIMIT == LIMIT
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [
        ["username", "ip_address"],
        "username",
        "ip_address",
    ]
    assert settings.ALMOST_LOCKOUT_PER_NAME == settings.ALMOST_LOCKOUT_PER_ADDRESS == WIDE
    assert settings.AXES_HANDLER == "accounts.lockout.LockoutHandler"
    assert settings.AXES_RESET_ON_SUCCESS is True
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_four_wrong_passwords_are_forgiven(alice):
    client = from_address(ATTACKER)
    assert fail(client, times=LIMIT - 1).status_code == 200
    assert log_in(client, "alice", PASSWORD).status_code == 302


def test_five_wrong_passwords_lock_that_name_from_that_address(alice):
    client = from_address(ATTACKER)
    response = fail(client)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Too many tries that didn" in body
    assert "paused for 15 minutes" in body
    # Now even the right password waits.
    assert log_in(client, "alice", PASSWORD).status_code == 429


def test_the_owner_can_still_log_in_from_another_address(alice):
    fail(from_address(ATTACKER))
    assert log_in(from_address(OWNER), "alice", PASSWORD).status_code == 302


def test_other_names_from_the_same_address_are_not_locked(alice, bob):
    client = from_address(ATTACKER)
    fail(client)
    assert log_in(client, "bob", "another long secret").status_code == 302


def test_the_lock_lifts_after_the_cool_off(alice):
    start = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as clock:
        client = from_address(ATTACKER)
        fail(client)
        clock.shift(timedelta(minutes=14))
        assert log_in(client, "alice", PASSWORD).status_code == 429
        clock.shift(timedelta(minutes=16))
        assert log_in(client, "alice", PASSWORD).status_code == 302


def test_a_good_login_clears_the_count(alice):
    client = from_address(OWNER)
    fail(client, times=LIMIT - 1)
    assert log_in(client, "alice", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    assert fail(client, times=LIMIT - 1).status_code == 200


def test_the_lockout_says_nothing_about_whether_the_account_exists(alice):
    real = fail(from_address(ATTACKER), "alice")
    made_up = fail(from_address(ATTACKER), "nobody-here")
    assert real.status_code == made_up.status_code == 429
    assert visible_text(real) == visible_text(made_up)


def test_a_failed_login_says_nothing_about_whether_the_account_exists(alice):
    real = log_in(from_address(ATTACKER), "alice", "not the password")
    made_up = log_in(from_address(ATTACKER), "nobody-here", "not the password")
    assert real.status_code == made_up.status_code == 200
    assert visible_text(real).replace("alice", "NAME") == visible_text(made_up).replace(
        "nobody-here", "NAME"
    )


# Many names, many addresses ------------------------------------------------------------


def test_many_names_from_one_address_lock_that_address(alice):
    client = from_address(ATTACKER)
    for n in range(WIDE - 1):
        assert log_in(client, f"guess-{n}", "not the password").status_code == 200
    assert log_in(client, "nobody-at-all", "not the password").status_code == 429
    # Every name from there waits now, the real ones too, even with the right password.
    assert log_in(client, "alice", PASSWORD).status_code == 429
    # Someone else's address is not touched.
    assert log_in(from_address(OWNER), "alice", PASSWORD).status_code == 302


def test_one_name_from_many_addresses_locks_that_name(alice):
    for n in range(WIDE - 1):
        assert log_in(from_address(f"203.0.113.{n}"), "alice", "guess").status_code == 200
    assert log_in(from_address("192.0.2.200"), "alice", "guess").status_code == 429
    assert log_in(from_address(OWNER), "alice", PASSWORD).status_code == 429


def test_the_wide_locks_lift_after_the_cool_off_too(alice):
    start = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as clock:
        for n in range(WIDE):
            log_in(from_address(f"203.0.113.{n}"), "alice", "guess")
        clock.shift(timedelta(minutes=14))
        assert log_in(from_address(OWNER), "alice", PASSWORD).status_code == 429
        clock.shift(timedelta(minutes=16))
        assert log_in(from_address(OWNER), "alice", PASSWORD).status_code == 302


def test_logging_in_to_an_account_of_your_own_does_not_clear_the_address(alice, bob):
    client = from_address(ATTACKER)
    for n in range(WIDE - 1):
        log_in(client, f"guess-{n}", "not the password")
    # The guesser has an account here too, and logs in to it from the same address.
    assert log_in(client, "bob", "another long secret").status_code == 302
    client.post(reverse("logout"))
    assert log_in(client, "guess-last", "not the password").status_code == 429


# The password change -------------------------------------------------------------------


def change_password(client: Client, old: str):
    new = "a brand new long secret"
    data = {"old_password": old, "new_password1": new, "new_password2": new}
    return client.post(reverse("password_change"), data)


def test_wrong_old_passwords_on_the_password_change_lock_it(alice):
    client = from_address(ATTACKER)
    client.force_login(alice)
    for _ in range(LIMIT - 1):
        assert change_password(client, "not the password").status_code == 200
    assert change_password(client, "not the password").status_code == 429
    # The right one now waits too, and changes nothing.
    assert change_password(client, PASSWORD).status_code == 429
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_wrong_old_passwords_count_towards_the_login_lock(alice):
    client = from_address(ATTACKER)
    client.force_login(alice)
    for _ in range(LIMIT - 1):
        change_password(client, "not the password")
    client.post(reverse("logout"))
    assert log_in(client, "alice", "not the password").status_code == 429


# Behind a proxy ------------------------------------------------------------------------

PROXY = "172.18.0.2"


def via_proxy(forwarded_for: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_the_proxy_the_lock_follows_the_visitor_not_the_proxy(alice, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    assert fail(via_proxy(ATTACKER)).status_code == 429
    # Everyone else comes through the same proxy, and is not locked out.
    assert log_in(via_proxy(OWNER), "alice", PASSWORD).status_code == 302


def test_behind_the_proxy_a_forged_address_does_not_escape_the_lock(alice, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    for n in range(LIMIT):
        # The visitor writes a made-up address; the proxy appends the real one.
        response = log_in(via_proxy(f"10.9.9.{n}, {ATTACKER}"), "alice", "guess")
    assert response.status_code == 429


def test_without_a_proxy_a_forwarded_header_is_ignored(alice):
    for n in range(LIMIT):
        response = log_in(via_proxy(f"10.9.9.{n}"), "alice", "guess")
    assert response.status_code == 429


# Sign-up ---------------------------------------------------------------------------------


def sign_up(client: Client, username: str, password: str = "a perfectly fine phrase"):
    return client.post(
        reverse("accounts-signup"),
        {"username": username, "password1": password, "password2": password, "time_zone": "UTC"},
    )


@pytest.mark.parametrize("name", ["alice", "ALICE", "Alice"])
def test_sign_up_does_not_confirm_that_a_name_is_taken(client, alice, name):
    body = sign_up(client, name).content.decode()
    assert "That username can&#x27;t be used. Try another." in body
    assert "already exists" not in body.lower()
    assert "is taken" not in body.lower()
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("short9chr", False),
        ("tencharsok", True),
        ("x" * 9 + "yz" * 27 + "q", True),  # 64 characters
        ("x" * 10 + "yz" * 27 + "q", False),  # 65 characters
    ],
)
def test_passwords_need_ten_characters_and_may_have_sixty_four(client, db, password, accepted):
    assert len(password) in (9, 10, 64, 65)
    response = sign_up(client, "newcomer", password)
    assert (response.status_code == 302) is accepted
    assert User.objects.filter(username="newcomer").exists() is accepted
    if not accepted:
        body = response.content.decode()
        assert "too short" in body or "too long" in body


def test_common_and_all_digit_passwords_are_refused(client, db):
    assert sign_up(client, "newcomer", "password123").status_code == 200
    assert sign_up(client, "newcomer", "1234567890123").status_code == 200
    assert not User.objects.filter(username="newcomer").exists()
