"""Sessions: a new id at login, ended everywhere by logout, password change and account
deletion, an idle and an absolute time limit, and the password asked again before export."""

import runpy
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from config import settings as settings_module

PASSWORD = "correct horse battery"
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
# Logins start there too: a jump forward from the suite's day would end them.
pytestmark = pytest.mark.clock(START, tick=True)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def is_logged_in(client: Client) -> bool:
    response = client.get(reverse("journal-log"))
    return response.status_code == 200


def sessions_of(user) -> int:
    return sum(
        1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    )


def test_logging_in_gives_a_new_session_id(client, alice):
    session = client.session
    session["seen_the_login_page"] = True
    session.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert is_logged_in(client)


def test_logging_out_ends_the_persons_sessions_everywhere(alice, bob):
    phone, laptop, other = logged_in(alice), logged_in(alice), logged_in(bob)
    assert is_logged_in(phone) and is_logged_in(laptop)
    phone.post(reverse("logout"))
    assert not is_logged_in(phone)
    assert not is_logged_in(laptop)
    assert sessions_of(alice) == 0
    assert is_logged_in(other)


def test_a_password_change_keeps_this_session_and_ends_the_others(alice):
    here, elsewhere = logged_in(alice), logged_in(alice)
    response = here.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new passphrase",
            "new_password2": "a brand new passphrase",
        },
    )
    assert response.status_code == 302
    assert is_logged_in(here)
    assert not is_logged_in(elsewhere)


def test_deleting_the_account_ends_its_sessions(alice, bob):
    here, elsewhere, other = logged_in(alice), logged_in(alice), logged_in(bob)
    response = here.post(reverse("accounts-delete"), {"password": PASSWORD, "username": "alice"})
    assert response.status_code == 302
    assert sessions_of(alice) == 0
    assert not is_logged_in(elsewhere)
    assert is_logged_in(other)


# Time limits -------------------------------------------------------------------------


def test_a_session_ends_after_two_weeks_without_a_visit(alice):
    with time_machine.travel(START, tick=False) as clock:
        client = logged_in(alice)
        clock.shift(timedelta(days=13, hours=23))
        assert is_logged_in(client)
        clock.shift(timedelta(days=14, minutes=1))
        response = client.get(reverse("journal-log"), follow=True)
        assert response.redirect_chain[-1][0].startswith(reverse("login"))
        assert "You were logged out to keep your journal safe" in response.content.decode()
        assert sessions_of(alice) == 0


def test_a_session_in_use_still_ends_thirty_days_after_login(alice):
    with time_machine.travel(START, tick=False) as clock:
        client = logged_in(alice)
        for _ in range(29):
            clock.shift(timedelta(days=1))
            assert is_logged_in(client)
        clock.shift(timedelta(days=1, minutes=1))
        assert not is_logged_in(client)


def test_the_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("ALMOST_SESSION_IDLE", "3600")
    monkeypatch.setenv("ALMOST_SESSION_MAX_AGE", "86400")
    values = runpy.run_path(settings_module.__file__)
    assert values["ALMOST_SESSION_IDLE"] == 3600
    assert values["ALMOST_SESSION_MAX_AGE"] == 86400
    assert values["SESSION_COOKIE_AGE"] == 86400


def test_a_short_idle_limit_applies(alice, settings):
    settings.ALMOST_SESSION_IDLE = 15 * 60
    with time_machine.travel(START, tick=False) as clock:
        client = logged_in(alice)
        clock.shift(timedelta(minutes=14))
        assert is_logged_in(client)
        clock.shift(timedelta(minutes=14))
        assert is_logged_in(client)  # the visit at 14 minutes reset the idle clock
        clock.shift(timedelta(minutes=16))
        assert not is_logged_in(client)


def test_a_timeout_ends_only_this_browsers_session(alice, settings):
    settings.ALMOST_SESSION_IDLE = 15 * 60
    with time_machine.travel(START, tick=False) as clock:
        idle, busy = logged_in(alice), logged_in(alice)
        for _ in range(3):
            clock.shift(timedelta(minutes=10))
            assert is_logged_in(busy)
        assert not is_logged_in(idle)
        assert is_logged_in(busy)


def test_browsing_does_not_write_the_session_on_every_request(
    alice_client, django_assert_max_num_queries
):
    alice_client.get(reverse("accounts-settings"))
    with django_assert_max_num_queries(4) as queries:
        alice_client.get(reverse("accounts-settings"))
    assert not any(
        "UPDATE" in q["sql"] and "django_session" in q["sql"] for q in queries.captured_queries
    )


# The password again before export -----------------------------------------------------


@pytest.fixture
def export_url() -> str:
    return reverse("accounts-export-json")


def test_export_asks_for_the_password_first(alice_client, export_url):
    response = alice_client.get(export_url)
    assert response.status_code == 302
    assert (
        response["Location"]
        == f"{reverse('accounts-reauth')}?next={export_url.replace('/', '%2F')}"
    )


def test_the_right_password_opens_export_for_five_minutes(alice_client, export_url):
    with time_machine.travel(START, tick=False) as clock:
        response = alice_client.post(
            reverse("accounts-reauth"), {"password": PASSWORD, "next": export_url}
        )
        # The file downloads from the account page, so the browser doesn't stay on the form.
        assert response["Location"] == reverse("accounts-settings")
        page = alice_client.get(response["Location"]).content.decode()
        assert f'<meta http-equiv="refresh" content="0; url={export_url}">' in page
        assert f'<a href="{export_url}">download it here</a>' in page
        again = alice_client.get(reverse("accounts-settings")).content.decode()
        assert "refresh" not in again  # once only
        assert alice_client.get(export_url).status_code == 200
        clock.shift(timedelta(minutes=4, seconds=50))
        assert alice_client.get(export_url).status_code == 200
        clock.shift(timedelta(seconds=20))
        assert alice_client.get(export_url).status_code == 302


def test_other_pages_behind_the_password_are_opened_directly(alice_client):
    delete_url = reverse("accounts-delete")
    response = alice_client.post(
        reverse("accounts-reauth"), {"password": PASSWORD, "next": delete_url}
    )
    assert response["Location"] == delete_url


def test_a_wrong_password_keeps_export_closed(alice_client, export_url):
    response = alice_client.post(
        reverse("accounts-reauth"), {"password": "not my password", "next": export_url}
    )
    assert response.status_code == 200
    assert "That isn&#x27;t your password" in response.content.decode()
    assert alice_client.get(export_url).status_code == 302


def test_the_confirmation_never_sends_you_off_site(alice_client):
    response = alice_client.post(
        reverse("accounts-reauth"), {"password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("accounts-settings")


def test_wrong_passwords_at_the_confirmation_count_towards_the_lockout(alice_client, export_url):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = alice_client.post(reverse("accounts-reauth"), {"password": "guess!"})
    assert response.status_code == 429
    # Even the right password waits out the cool-off now.
    response = alice_client.post(reverse("accounts-reauth"), {"password": PASSWORD})
    assert response.status_code == 429


def test_anonymous_visitors_log_in_before_the_confirmation(client, db, export_url):
    response = client.get(export_url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_htmx_request_without_a_session_redirects_the_whole_page(client, db):
    response = client.get("/", headers={"HX-Request": "true", "HX-Target": "timeline"})
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith("/accounts/login/")
    assert response.content == b""
