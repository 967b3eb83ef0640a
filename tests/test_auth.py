"""Sign-up (with a time zone), log-in through the form, log-out and password change."""

from datetime import UTC, datetime, timedelta

import time_machine
from django.urls import reverse

from accounts.models import User

NEW_PASSWORD = "plum orchard at dusk"


def signup_data(**overrides) -> dict:
    data = {
        "username": "carol",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "time_zone": "America/Chicago",
    }
    data.update(overrides)
    return data


def test_signing_up_makes_an_account_in_your_time_zone_and_logs_you_in(client, db):
    response = client.post(reverse("accounts-signup"), signup_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("journal-log")
    carol = User.objects.get(username="carol")
    assert carol.time_zone == "America/Chicago"
    assert carol.check_password(NEW_PASSWORD)
    assert client.get("/").status_code == 200


def test_the_signup_form_asks_for_a_time_zone(client, db):
    body = client.get(reverse("accounts-signup")).content.decode()
    assert 'name="time_zone"' in body
    assert "data-guess-time-zone" in body  # the browser's guess fills it in


def test_signup_refuses_an_unknown_time_zone_and_a_weak_password(client, db):
    response = client.post(reverse("accounts-signup"), signup_data(time_zone="Mars/Olympus"))
    assert "time_zone" in response.context["form"].errors
    response = client.post(
        reverse("accounts-signup"), signup_data(password1="password", password2="password")
    )
    assert "password2" in response.context["form"].errors
    assert not User.objects.filter(username="carol").exists()


def test_signup_refuses_a_taken_name(client, alice):
    response = client.post(reverse("accounts-signup"), signup_data(username="alice"))
    assert "username" in response.context["form"].errors
    assert User.objects.count() == 1


def test_signup_takes_a_limited_number_of_accounts_an_hour(client, db, settings):
    settings.ALMOST_SIGNUPS_PER_HOUR = 2
    with time_machine.travel(datetime(2026, 5, 3, 12, tzinfo=UTC), tick=False) as clock:
        for name in ("first", "second"):
            User.objects.create_user(name, password=NEW_PASSWORD)
        response = client.post(reverse("accounts-signup"), signup_data())
        assert response.status_code == 429
        body = response.content.decode()
        assert "as many new accounts as it takes in an hour" in body
        assert 'value="carol"' in body  # what was typed is still there
        assert not User.objects.filter(username="carol").exists()

        clock.shift(timedelta(hours=1, seconds=1))
        assert client.post(reverse("accounts-signup"), signup_data()).status_code == 302
        assert User.objects.filter(username="carol").exists()


def test_signup_can_be_turned_off(client, db, settings):
    settings.ALLOW_SIGNUP = False
    assert client.get(reverse("accounts-signup")).status_code == 404
    assert client.post(reverse("accounts-signup"), signup_data()).status_code == 404
    assert not User.objects.exists()
    assert "Make an account" not in client.get(reverse("login")).content.decode()


def test_logging_in_with_name_and_password(client, alice):
    response = client.post(
        reverse("login"), {"username": "alice", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("journal-log")
    assert client.get("/").status_code == 200


def test_logging_in_takes_you_back_where_you_were_going(client, alice):
    response = client.post(
        reverse("login") + "?next=/people/",
        {"username": "alice", "password": "correct horse battery", "next": "/people/"},
    )
    assert response["Location"] == "/people/"


def test_a_wrong_password_does_not_log_in(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "guess"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert client.get("/").status_code == 302


def test_logging_out_takes_a_post(alice_client):
    assert alice_client.get(reverse("logout")).status_code == 405
    response = alice_client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert alice_client.get("/").status_code == 302


def test_changing_your_password(alice_client, alice):
    response = alice_client.post(
        reverse("password_change"),
        {
            "old_password": "correct horse battery",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert alice_client.get("/").status_code == 200  # still logged in here


def test_changing_your_password_needs_the_old_one(alice_client, alice):
    response = alice_client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert "old_password" in response.context["form"].errors
    alice.refresh_from_db()
    assert alice.check_password("correct horse battery")
