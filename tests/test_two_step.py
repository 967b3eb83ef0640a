"""Two-step sign-in through the test client: an authenticator app and recovery codes.

Passkeys need a browser's authenticator: tests/browser/test_two_step_journey.py.
"""

import io
import json
import logging
import time
from binascii import hexlify

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.deletion import delete_account
from accounts.models import AuthenticatorApp, RecoveryCodes
from accounts.reauth import REAUTH_KEY
from tests.softkey import SoftKey, b64url
from tests.test_delete_account import owned_rows

PASSWORD = "correct horse battery"
ADDRESS = "198.51.100.7"
WRONG = "That code didn&#x27;t work"


def code_for(app: AuthenticatorApp, at: float | None = None) -> str:
    """What the person's app shows at `at` (now by default), computed as an app does."""
    clock = TOTP(app.bin_key, step=30, t0=0, digits=6)
    clock.time = time.time() if at is None else at
    return f"{clock.token():06d}"


def with_app(user) -> AuthenticatorApp:
    app = AuthenticatorApp.start(user)
    app.confirmed = True
    app.save()
    return app


def password_step(client: Client, username: str = "alice", password: str = PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def second_step(client: Client, code: str):
    return client.post(reverse("accounts-second-step"), {"code": code})


def logged_in(client: Client) -> bool:
    return client.get(reverse("journal-log")).status_code == 200


@pytest.fixture
def client() -> Client:
    return Client(REMOTE_ADDR=ADDRESS)


@pytest.fixture
def reauthed(alice_client) -> Client:
    """Alice, logged in, with her password typed just now."""
    session = alice_client.session
    session[REAUTH_KEY] = time.time()
    session.save()
    return alice_client


# Signing in -------------------------------------------------------------------------------


def test_without_a_second_step_the_password_logs_in(client, alice):
    assert password_step(client).url == reverse("journal-log")
    assert logged_in(client)


def test_the_password_alone_no_longer_logs_in_once_an_app_is_on(client, alice):
    with_app(alice)
    response = password_step(client)
    assert response.url == reverse("accounts-second-step")
    assert not logged_in(client)
    page = client.get(reverse("accounts-second-step"))
    assert "One more step" in page.content.decode()
    assert 'autocomplete="one-time-code"' in page.content.decode()


def test_the_app_code_logs_in_and_goes_where_the_person_was_headed(client, alice):
    app = with_app(alice)
    client.post(
        reverse("login"),
        {"username": "alice", "password": PASSWORD, "next": reverse("journal-people")},
    )
    response = second_step(client, code_for(app))
    assert response.url == reverse("journal-people")
    assert logged_in(client)
    app.refresh_from_db()
    assert app.last_used_at is not None


def test_a_code_works_only_once(client, alice):
    app = with_app(alice)
    code = code_for(app)
    password_step(client)
    assert second_step(client, code).status_code == 302
    other = Client(REMOTE_ADDR=ADDRESS)
    password_step(other)
    response = second_step(other, code)
    assert "That code didn&#x27;t work" in response.content.decode()
    assert not logged_in(other)


def test_a_wrong_code_is_refused_and_the_next_try_must_wait(client, alice):
    app = with_app(alice)
    with time_machine.travel(1_800_000_000, tick=False):
        password_step(client)
        assert WRONG in second_step(client, "000000").content.decode()
        # django-otp's throttle: even the right code waits a second after a miss.
        response = second_step(client, code_for(app, 1_800_000_000))
        assert "wait a few seconds" in response.content.decode()
    with time_machine.travel(1_800_000_002, tick=False):
        assert second_step(client, code_for(app, 1_800_000_002)).status_code == 302


def test_wrong_codes_count_towards_the_login_lockout(client, alice):
    with_app(alice)
    start = 1_800_000_000
    with time_machine.travel(start, tick=False):
        password_step(client, password="not it")
        password_step(client, password="not it")
        password_step(client)
    for i in range(3):  # 10 s apart, past django-otp's growing wait (1, 2, 4 s)
        with time_machine.travel(start + 10 * (i + 1), tick=False):
            response = second_step(client, "000000")
    assert response.status_code == 429
    with time_machine.travel(start + 40, tick=False):  # inside the lockout's 15 minutes
        # Locked out: even the right password is refused now, from this address.
        assert password_step(client).status_code == 429


def test_tries_the_throttle_turns_away_do_not_count_towards_the_lockout(client, alice):
    with_app(alice)
    start = 1_800_000_000
    with time_machine.travel(start, tick=False):
        password_step(client, password="not it")
        password_step(client, password="not it")
        password_step(client)
        second_step(client, "000000")  # the third failure from this address
        for _ in range(5):  # Enter pressed again during django-otp's wait: nothing checked
            assert "wait a few seconds" in second_step(client, "000000").content.decode()
    with time_machine.travel(start + 10, tick=False):
        assert password_step(client).status_code == 302  # not locked out


def test_the_half_way_state_ends_after_five_minutes(client, alice):
    app = with_app(alice)
    with time_machine.travel(1_800_000_000, tick=False):
        password_step(client)
    with time_machine.travel(1_800_000_000 + 5 * 60 + 1, tick=False):
        response = second_step(client, code_for(app, 1_800_000_301))
    assert response.url == reverse("login")
    assert not logged_in(client)


def test_the_second_step_page_without_a_password_goes_back_to_login(client, alice):
    with_app(alice)
    assert client.get(reverse("accounts-second-step")).url == reverse("login")


def test_a_recovery_code_works_once(client, alice):
    with_app(alice)
    codes = RecoveryCodes.replace_for(alice)
    password_step(client)
    assert second_step(client, codes[0].upper().replace("-", " ")).status_code == 302
    other = Client(REMOTE_ADDR=ADDRESS)
    with time_machine.travel(1_800_000_000, tick=False):
        password_step(other)
        assert WRONG in second_step(other, codes[0]).content.decode()
    with time_machine.travel(1_800_000_002, tick=False):  # past django-otp's 1 s wait
        assert second_step(other, codes[1]).status_code == 302
    assert RecoveryCodes.objects.get(user=alice).token_set.count() == 8


def test_recovery_codes_and_the_app_secret_are_not_stored_as_given(alice):
    app = with_app(alice)
    codes = RecoveryCodes.replace_for(alice)
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert len(stored) == 10
    assert not stored & {code.replace("-", "") for code in codes}
    assert not stored & set(codes)
    column = TOTPDevice.objects.get(pk=app.pk).key
    assert column.startswith("s1:")
    assert hexlify(app.bin_key).decode() not in column


# Setting it up ------------------------------------------------------------------------------


def test_the_two_step_page_says_whether_it_is_on(reauthed, alice):
    def page() -> str:
        return reauthed.get(reverse("accounts-two-step")).content.decode()

    assert "<strong>Off.</strong>" in page()
    with_app(alice)
    assert "<strong>On.</strong>" in page()
    assert "You have no recovery codes yet" in page()


def test_setting_up_the_app_needs_the_password_again(alice_client):
    response = alice_client.get(reverse("accounts-app-setup"))
    assert response.url.startswith(reverse("accounts-reauth"))


def test_the_app_is_set_up_with_a_qr_code_drawn_here_and_a_code(reauthed, alice):
    page = reauthed.get(reverse("accounts-app-setup"))
    html = page.content.decode()
    assert "<svg" in html and "otpauth" not in html  # the QR is drawn, the URL is in it
    app = AuthenticatorApp.objects.get(user=alice, confirmed=False)
    assert app.secret_text.replace(" ", "") in html.replace(" ", "")
    # A reload shows the same secret rather than a new one.
    reauthed.get(reverse("accounts-app-setup"))
    assert AuthenticatorApp.objects.filter(user=alice).count() == 1
    bad = reauthed.post(reverse("accounts-app-setup"), {"code": "123456"})
    assert "That code didn&#x27;t match" in bad.content.decode()
    with time_machine.travel(time.time() + 5, tick=False):
        good = reauthed.post(reverse("accounts-app-setup"), {"code": code_for(app)})
    assert good.url == reverse("accounts-two-step")
    assert AuthenticatorApp.objects.get(user=alice).confirmed


def test_recovery_codes_are_shown_once_and_replace_the_old_ones(reauthed, alice):
    with_app(alice)
    first = reauthed.post(reverse("accounts-codes-new"))
    assert first.status_code == 200
    codes = first.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    for code in codes:
        assert code in first.content.decode()
    page = reauthed.get(reverse("accounts-two-step")).content.decode()
    assert "10 of 10 left" in page
    assert codes[0] not in page
    reauthed.post(reverse("accounts-codes-new"))
    assert RecoveryCodes.objects.filter(user=alice).count() == 1
    assert not RecoveryCodes.objects.get(user=alice).verify_token(codes[0])


def test_recovery_codes_need_another_step_first(reauthed, alice):
    response = reauthed.post(reverse("accounts-codes-new"))
    assert response.url == reverse("accounts-two-step")
    assert not RecoveryCodes.objects.filter(user=alice).exists()


def test_turning_the_app_off_takes_the_lone_recovery_codes_too(reauthed, alice, client):
    with_app(alice)
    RecoveryCodes.replace_for(alice)
    assert reauthed.post(reverse("accounts-app-remove")).url == reverse("accounts-two-step")
    assert not AuthenticatorApp.objects.filter(user=alice).exists()
    assert not RecoveryCodes.objects.filter(user=alice).exists()
    assert password_step(client).url == reverse("journal-log")


def test_changes_after_five_minutes_ask_for_the_password_first(alice_client, alice):
    with_app(alice)
    response = alice_client.post(reverse("accounts-app-remove"))
    assert response.url.startswith(reverse("accounts-reauth"))
    assert AuthenticatorApp.objects.filter(user=alice).exists()


def test_no_one_removes_someone_elses_passkey(reauthed, bob):
    passkey = WebAuthnCredential.objects.create(
        user=bob, name="Bob's phone", credential_id=b"bob", public_key=b"key", confirmed=True
    )
    assert reauthed.post(reverse("accounts-passkey-remove", args=[passkey.pk])).status_code == 404
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


def test_the_two_step_page_lists_what_is_set_in_few_queries(
    reauthed, alice, django_assert_max_num_queries
):
    with_app(alice)
    RecoveryCodes.replace_for(alice)
    for i in range(3):
        WebAuthnCredential.objects.create(
            user=alice, name=f"Key {i}", credential_id=bytes([i]), public_key=b"k", confirmed=True
        )
    with django_assert_max_num_queries(8):
        page = reauthed.get(reverse("accounts-two-step")).content.decode()
    assert "Key 2" in page and "10 of 10 left" in page and "On since" in page
    assert "Turn off the authenticator app" in page


def test_the_account_page_says_whether_the_second_step_is_on(alice_client, alice):
    assert (
        "Two-step sign-in</a>: off"
        in alice_client.get(reverse("accounts-settings")).content.decode()
    )
    with_app(alice)
    page = alice_client.get(reverse("accounts-settings")).content.decode()
    assert "Two-step sign-in</a>: on (authenticator app)" in page


# Passkey endpoints without a browser ---------------------------------------------------------


def test_passkey_registration_needs_a_recent_password(alice_client):
    response = alice_client.post(reverse("accounts-passkey-register-begin"))
    assert response.status_code == 403
    assert response.json()["reload"] is True


def test_a_forged_passkey_answer_counts_as_a_failed_login(client, alice, caplog):
    WebAuthnCredential.objects.create(
        user=alice, name="Phone", credential_id=b"alice", public_key=b"key", confirmed=True
    )
    password_step(client)
    options = client.post(reverse("accounts-passkey-login-begin")).json()
    assert options["allowCredentials"]  # half-way: only alice's passkeys are offered
    answer = {"credential": {"id": "YWxpY2U", "rawId": "YWxpY2U", "type": "public-key"}}
    with caplog.at_level(logging.INFO, logger="almost.auth"):
        response = client.post(
            reverse("accounts-passkey-login-complete"), json.dumps(answer), "application/json"
        )
    assert response.status_code == 400
    assert "passkey refused reason=" in caplog.text
    assert "login failed user=alice" in caplog.text
    assert "YWxpY2U" not in caplog.text and "Traceback" not in caplog.text
    assert AccessAttempt.objects.get(username="alice").failures_since_start == 1
    # The challenge was used up: sending it again finds nothing to answer.
    again = client.post(
        reverse("accounts-passkey-login-complete"), json.dumps(answer), "application/json"
    )
    assert "expired" in again.json()["detail"]


def begin(client: Client) -> dict:
    return client.post(reverse("accounts-passkey-login-begin")).json()


def complete(client: Client, answer: dict, **extra):
    body = json.dumps({"credential": answer, **extra})
    return client.post(reverse("accounts-passkey-login-complete"), body, "application/json")


def test_a_passkey_is_the_second_step(client, alice):
    key = SoftKey(alice)
    password_step(client)
    options = begin(client)
    assert [c["id"] for c in options["allowCredentials"]] == [b64url(key.id)]
    response = complete(client, key.answer(options, verified=False))
    assert response.json() == {"next": reverse("journal-log")}
    assert logged_in(client)
    key.credential.refresh_from_db()
    assert key.credential.last_used_at is not None


def test_a_passkey_answer_can_not_be_replayed(client, alice):
    key = SoftKey(alice)
    password_step(client)
    answer = key.answer(begin(client), verified=False)
    assert complete(client, answer).status_code == 200
    other = Client(REMOTE_ADDR=ADDRESS)
    password_step(other)
    begin(other)  # a new challenge, which the old answer doesn't sign
    assert complete(other, answer).status_code == 400
    assert not logged_in(other)


def test_someone_elses_passkey_is_no_second_step(client, alice, bob):
    SoftKey(alice)
    bobs = SoftKey(bob)
    password_step(client)
    assert complete(client, bobs.answer(begin(client))).status_code == 400
    assert not logged_in(client)


def test_a_passkey_alone_logs_in_when_the_device_checked_its_owner(client, alice):
    key = SoftKey(alice)
    options = begin(client)
    assert options["allowCredentials"] == []  # nothing said about who has passkeys
    assert options["userVerification"] == "required"
    unverified = complete(client, key.answer(options, verified=False))
    assert unverified.status_code == 400
    options = begin(client)
    response = complete(client, key.answer(options), next=reverse("journal-people"))
    assert response.json() == {"next": reverse("journal-people")}
    assert logged_in(client)


def test_a_passkey_alone_ignores_a_next_off_the_site(client, alice):
    key = SoftKey(alice)
    response = complete(client, key.answer(begin(client)), next="https://elsewhere.example/")
    assert response.json() == {"next": reverse("journal-log")}


# The operator's way out, export, deletion, headers --------------------------------------------


def test_reset_second_factor_turns_it_all_off_and_logs_it(alice, client, caplog):
    with_app(alice)
    RecoveryCodes.replace_for(alice)
    WebAuthnCredential.objects.create(
        user=alice, name="Phone", credential_id=b"x", public_key=b"k", confirmed=True
    )
    with caplog.at_level(logging.INFO, logger="almost.auth"):
        call_command("reset_second_factor", "alice", stdout=(out := io.StringIO()))
    assert "alice" in out.getvalue()
    assert "second step reset user=alice" in caplog.text
    assert not AuthenticatorApp.objects.filter(user=alice).exists()
    assert not RecoveryCodes.objects.filter(user=alice).exists()
    assert not WebAuthnCredential.objects.filter(user=alice).exists()
    assert password_step(client).url == reverse("journal-log")


def test_reset_second_factor_names_an_unknown_account(db):
    with pytest.raises(CommandError, match="No account is called"):
        call_command("reset_second_factor", "nobody")


def test_the_export_says_which_steps_are_set_but_no_secret(reauthed, alice):
    app = with_app(alice)
    codes = RecoveryCodes.replace_for(alice)
    response = reauthed.get(reverse("accounts-export-json"))
    body = b"".join(response.streaming_content).decode()
    export = json.loads(body)
    assert export["account"]["second_step"] == {
        "passkeys": [],
        "authenticator_app": True,
        "recovery_codes_left": 10,
    }
    assert app.key not in body and app.secret_text.replace(" ", "") not in body
    assert codes[0] not in body


def test_deleting_the_account_removes_every_step(alice, bob):
    with_app(alice)
    RecoveryCodes.replace_for(alice)
    WebAuthnCredential.objects.create(
        user=alice, name="Phone", credential_id=b"x", public_key=b"k", confirmed=True
    )
    with_app(bob)
    rows = owned_rows(alice)
    assert rows[TOTPDevice] and rows[WebAuthnCredential] and rows[StaticToken]
    delete_account(alice)
    for model, pks in rows.items():
        assert not model._default_manager.filter(pk__in=pks).exists(), model
    assert AuthenticatorApp.objects.filter(user=bob).exists()


def test_the_second_step_takes_few_queries(client, alice, django_assert_max_num_queries):
    app = with_app(alice)
    RecoveryCodes.replace_for(alice)
    password_step(client)
    with django_assert_max_num_queries(9):
        client.get(reverse("accounts-second-step"))
    code = code_for(app)
    # The lockout's three sums (per name and address, per name, per address) are 3 of them.
    with django_assert_max_num_queries(22):
        assert second_step(client, code).status_code == 302
