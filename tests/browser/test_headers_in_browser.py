"""Chromium reads our headers without a complaint: no unknown Permissions-Policy feature,
no CSP violation, on a public page, a private page and an error page."""

from django.conf import settings
from django.test import Client


def test_chromium_accepts_every_header_without_a_warning(make_page, live_server, alice, sam):
    page, watch = make_page()
    said = []
    page.on("console", lambda message: said.append(f"{message.type}: {message.text}"))

    page.goto("/accounts/login/")
    client = Client()
    client.force_login(alice)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page.goto(f"/people/{sam.pk}/")
    page.goto("/entries/999999/edit/")
    page.wait_for_timeout(300)

    complaints = [
        line
        for line in said
        if "Permissions-Policy" in line or "Content Security Policy" in line or "Refused" in line
    ]
    assert complaints == []
    # The only console error allowed is the 404 itself.
    assert [p for p in watch.problems if "status of 404" not in p] == []
