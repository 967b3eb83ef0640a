"""Signed-in browsers: each of the account's logins listed, the others signed out."""

from django.test import Client
from django.urls import reverse

PASSWORD = "correct horse battery"


def log_in(client: Client, username: str, password: str) -> None:
    client.post(reverse("login"), {"username": username, "password": password})


def logged_in(client: Client) -> bool:
    return client.get(reverse("journal-log")).status_code == 200


def test_the_browsers_page_lists_each_login_and_signs_the_others_out(alice, bob):
    phone = Client(
        HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile Safari/537.36"
    )
    laptop = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko Firefox/140.0")
    for browser in (phone, laptop):
        log_in(browser, "alice", PASSWORD)
    bobs = Client(HTTP_USER_AGENT="Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15")
    log_in(bobs, "bob", "another long secret")
    page = laptop.get(reverse("accounts-browsers")).content.decode()
    assert "Firefox on Linux <strong>(this one)</strong>" in page
    assert "Chrome on Android" in page
    assert "Safari on a Mac" not in page  # bob's
    response = laptop.post(reverse("accounts-sign-out-others"))
    assert response.url == reverse("accounts-browsers")
    assert logged_in(laptop)
    assert not logged_in(phone)
    assert logged_in(bobs)
    assert "Only this browser" in laptop.get(reverse("accounts-browsers")).content.decode()


def test_the_browsers_page_needs_a_login(client, db):
    assert client.get(reverse("accounts-browsers")).url.startswith(reverse("login"))


def test_the_browsers_page_reads_the_sessions_in_one_query(alice, django_assert_max_num_queries):
    browsers = [Client() for _ in range(4)]
    for browser in browsers:
        log_in(browser, "alice", PASSWORD)
    with django_assert_max_num_queries(4):
        page = browsers[0].get(reverse("accounts-browsers")).content.decode()
    assert page.count("<tr>") == 5  # the heading and 4 browsers
