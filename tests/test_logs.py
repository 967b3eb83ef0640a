"""Nothing a person writes, no password and no session id ever reaches a log; logins and
failures do, with the account, the address and the time in UTC."""

import logging
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from journal.models import Interaction
from tests.clock import LATE_2026

SECRET_TEXT = "zqx-marker-my-sister-said-she-never-loved-him"
SECRET_EDIT = "zqx-marker-edited-the-letter-i-never-sent"
SECRET_PERSON = "Zqxperson Marker"
PASSWORD = "zqx-marker-password-one"
NEW_PASSWORD = "zqx-marker-password-two"
WRONG = "zqx-marker-wrong-guess"
STANDARD = set(vars(logging.makeLogRecord({})))


class Everything(logging.Handler):
    """Keeps every record, formatted the way a real handler would print it."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        self.records: list[logging.LogRecord] = []
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        extras = {k: v for k, v in vars(record).items() if k not in STANDARD}
        self.lines.append(f"{self.format(record)} {record.args!r} {extras!r}")


@pytest.fixture
def captured():
    """Every record, also from loggers that do not propagate, with logging turned up to
    DEBUG everywhere settings.LOGGING does not pin a level on purpose."""
    handler = Everything()
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    levels = {logger: logger.level for logger in loggers}
    pinned = {logging.getLogger(name) for name in settings.LOGGING["loggers"]}
    for logger in loggers:
        if logger.level == logging.NOTSET or logger.name == "root" or logger not in pinned:
            logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)
        logger.setLevel(levels[logger])


def session_id(client: Client) -> str | None:
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie.value if cookie and cookie.value else None


@pytest.mark.clock(LATE_2026, tick=True)  # it logs entries on fixed days of 2026
def test_a_whole_journey_leaves_no_private_text_in_the_logs(captured, bob):
    me = Client(REMOTE_ADDR="198.51.100.23")
    sessions = set()

    def step(response, status=None):
        if status is not None:
            assert response.status_code == status, response.content.decode()[:300]
        if session_id(me):
            sessions.add(session_id(me))
        return response

    step(
        me.post(
            reverse("accounts-signup"),
            {
                "username": "journaler",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "time_zone": "UTC",
            },
        ),
        302,
    )
    step(me.post(reverse("logout")), 302)
    step(me.post(reverse("login"), {"username": "journaler", "password": WRONG}), 200)
    # A password typed into the name field by mistake.
    step(me.post(reverse("login"), {"username": PASSWORD, "password": PASSWORD}), 200)
    step(me.post(reverse("login"), {"username": "journaler", "password": PASSWORD}), 302)

    entry_data = {
        "new_person": SECRET_PERSON,
        "occurred_at": "2026-11-20T21:30",
        "channel": "text",
        "text": SECRET_TEXT,
        "feeling": "-2",
        "feelings": ["hurt"],
    }
    step(me.post(reverse("patterns-hint"), entry_data, headers={"HX-Request": "true"}), 200)
    step(me.post(reverse("journal-entry-create"), entry_data), 302)
    step(me.post(reverse("journal-entry-create"), entry_data, headers={"HX-Request": "true"}), 200)
    entry = Interaction.objects.filter(user__username="journaler").first()
    step(me.get(reverse("journal-log"), {"q": SECRET_TEXT[:20]}), 200)
    step(me.get(reverse("journal-log"), {"q": "zqx-no-such-words"}), 200)
    step(
        me.post(
            reverse("journal-entry-edit", args=[entry.pk]),
            {**entry_data, "person": entry.person_id, "new_person": "", "text": SECRET_EDIT},
        ),
        302,
    )
    step(me.get(reverse("journal-person", args=[entry.person_id])), 200)
    step(me.get(reverse("patterns-weekly")), 200)
    step(me.post(reverse("journal-entry-delete", args=[entry.pk])), 302)
    step(me.get(reverse("journal-trash")), 200)
    step(me.get(f"/entries/{entry.pk + 1000}/edit/", {"q": SECRET_TEXT}), 404)
    step(me.post(reverse("accounts-reauth"), {"password": PASSWORD}), 302)
    export = step(me.get(reverse("accounts-export-json")), 200)
    assert SECRET_PERSON.encode() in b"".join(export.streaming_content)
    step(
        me.post(
            reverse("password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
        ),
        302,
    )
    outsider = Client(REMOTE_ADDR="203.0.113.99")
    outsider.force_login(bob)
    assert outsider.get(reverse("journal-entry-edit", args=[entry.pk])).status_code == 404
    step(me.post(reverse("logout")), 302)

    text = "\n".join(captured.lines)
    assert captured.records, "nothing was logged at all"
    for secret in [
        SECRET_TEXT,
        SECRET_TEXT[:20],
        SECRET_EDIT,
        SECRET_PERSON,
        PASSWORD,
        NEW_PASSWORD,
        WRONG,
    ]:
        assert secret not in text, f"{secret!r} reached the logs"
    assert "zqx" not in text.lower()
    assert len(sessions) >= 3
    for key in sessions:
        assert key not in text

    # And what should be there is there: account, address, time in UTC.
    stamp = r"at=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"
    assert re.search(rf"login user=journaler id=\d+ address=198\.51\.100\.23 {stamp}", text)
    assert re.search(rf"login failed user=journaler address=198\.51\.100\.23 {stamp}", text)
    assert re.search(
        rf"login failed user=\(no such account\) address=198\.51\.100\.23 {stamp}", text
    )
    assert re.search(rf"logout user=journaler id=\d+ address=198\.51\.100\.23 {stamp}", text)


def test_a_lockout_is_logged_without_the_guesses(captured, alice):
    client = Client(REMOTE_ADDR="203.0.113.66")
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "alice", "password": f"{WRONG}-{n}"})
    text = "\n".join(captured.lines)
    assert re.search(r"login locked user=alice address=203\.0\.113\.66 at=\S+Z", text)
    assert WRONG not in text


def test_the_access_log_leaves_out_query_strings():
    config = (Path(settings.BASE_DIR) / "config" / "gunicorn.py").read_text()
    fmt = re.search(r"access_log_format = (.+)", config).group(1)
    assert "%(U)s" in fmt  # the path only
    for leaky in ("%(r)s", "%(q)s", "%(f)s", "%({cookie}i)s", "%({authorization}i)s"):
        assert leaky not in fmt
