"""Faults: the database failing mid-save, going away, hanging, and coming back.

The first group runs on any database (faults injected with monkeypatch). The second
runs against the real PostgreSQL only: its backends are killed, its port is closed,
it hangs, and the app must answer a quick 503 with Retry-After, then recover by itself.
Each test counts the rows a fault would have lost or left behind: always zero.
"""

import io
import socket
import threading
import time
from contextlib import contextmanager
from wsgiref.util import setup_testing_defaults

import psycopg
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import DatabaseError, OperationalError, connection
from django.test import Client
from django.urls import reverse

from journal.models import EntryCategory, Interaction, Person
from tests.clock import LATE_2026

# The entries these tests log fall on fixed days of 2026.
pytestmark = pytest.mark.clock(LATE_2026, tick=True)

ON_POSTGRES = connection.vendor == "postgresql"
postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="needs the real PostgreSQL")
ENTRY = {
    "new_person": "Jordan",
    "occurred_at": "2026-11-20T21:30",
    "channel": "text",
    "initiated_by": "me",
    "text": "Asked about Friday. Got 'maybe' and then nothing for two days.",
    "feeling": "-2",
    "feelings": ["anxious"],
    "reply": "one_word",
}


def rows() -> tuple[int, int, int]:
    return Person.objects.count(), Interaction.objects.count(), EntryCategory.objects.count()


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def fail_labelling(monkeypatch, error: Exception) -> None:
    """Make the category insert fail after the entry (and its new person) were written."""

    def broken(rows, *args, **kwargs):
        list(rows)
        raise error

    # The insert itself, which new entries and edits both reach (journal/signs.py).
    monkeypatch.setattr(EntryCategory.objects, "bulk_create", broken)


# Any database --------------------------------------------------------------------------


def test_a_failed_category_insert_leaves_no_entry_and_no_person(
    transactional_db, alice, monkeypatch
):
    before = rows()
    fail_labelling(monkeypatch, DatabaseError("insert into patterns_entrycategory failed"))
    response = client_for(alice).post(reverse("journal-entry-create"), ENTRY)
    assert response.status_code == 500
    assert rows() == before == (0, 0, 0)


def test_a_lost_connection_mid_save_answers_503_and_leaves_nothing(
    transactional_db, alice, monkeypatch
):
    fail_labelling(monkeypatch, OperationalError("server closed the connection unexpectedly"))
    response = client_for(alice).post(
        reverse("journal-entry-create"), ENTRY, headers={"HX-Request": "true"}
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert rows() == (0, 0, 0)


def test_a_failed_edit_keeps_the_entry_as_it_was(transactional_db, alice, monkeypatch):
    client = client_for(alice)
    assert client.post(reverse("journal-entry-create"), ENTRY).status_code == 302
    entry = Interaction.objects.get()
    labels = sorted(EntryCategory.objects.values_list("category", flat=True))
    fail_labelling(monkeypatch, DatabaseError("insert into patterns_entrycategory failed"))
    edited = {**ENTRY, "new_person": "", "person": entry.person_id, "text": "Rewritten."}
    response = client.post(reverse("journal-entry-edit", args=[entry.pk]), edited)
    assert response.status_code == 500
    entry.refresh_from_db()
    assert entry.text == ENTRY["text"]
    assert sorted(EntryCategory.objects.values_list("category", flat=True)) == labels
    assert rows()[:2] == (1, 1)


def test_a_view_that_loses_the_database_answers_503_at_once(alice, monkeypatch):
    def gone(*args):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("journal.views.timeline", gone)
    started = time.monotonic()
    response = client_for(alice).get(reverse("journal-log"))
    assert response.status_code == 503
    assert time.monotonic() - started < 1
    assert response["Retry-After"] == "5"
    assert "can't reach its database" in response.content.decode().replace("&#x27;", "'")


def test_losing_the_session_store_answers_503_not_500(alice, monkeypatch):
    client = client_for(alice)

    def gone(self, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.load", gone)
    response = client.get(reverse("journal-log"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"


# The real PostgreSQL -------------------------------------------------------------------


def wsgi_get(path: str, cookie: str = "") -> tuple[int, dict, float]:
    """One request through Django's real WSGI handler, request signals and all (the test
    client skips the per-request connection check that recovery depends on)."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": cookie,
        "wsgi.input": io.BytesIO(),
    }
    setup_testing_defaults(environ)
    answered = {}

    def start_response(status, headers, exc_info=None):
        answered["status"] = int(status.split()[0])
        answered["headers"] = dict(headers)

    started = time.monotonic()
    result = WSGIHandler()(environ, start_response)
    try:
        b"".join(result)
    finally:
        result.close()  # fires request_finished, as a real server does
    return answered["status"], answered["headers"], time.monotonic() - started


@pytest.fixture
def session_cookie(transactional_db, alice) -> str:
    client = Client()
    client.force_login(alice)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def terminate_app_connections() -> int:
    """Kill every other backend of the test database from a second connection."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    params.pop("server_side_binding", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        killed = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()[0]
    return killed


@postgres_only
def test_after_the_backends_are_killed_the_next_request_succeeds(session_cookie):
    pages = ["/healthz", reverse("journal-log"), reverse("journal-people")]
    assert [wsgi_get(p, session_cookie)[0] for p in pages] == [200, 200, 200]
    failed = 0
    for _ in range(3):
        assert terminate_app_connections() >= 1
        statuses = [wsgi_get(p, session_cookie)[0] for p in pages]
        failed += sum(status != 200 for status in statuses)
    assert failed == 0


@postgres_only
def test_without_health_checks_a_killed_connection_would_fail_a_request(session_cookie):
    """The control experiment: what CONN_HEALTH_CHECKS saves us from."""
    connection.close()
    connection.settings_dict["CONN_HEALTH_CHECKS"] = False  # read when connecting
    try:
        wsgi_get("/healthz")
        terminate_app_connections()
        status, headers, _ = wsgi_get("/healthz")
        assert status == 503  # answered politely, but a request failed
        assert headers["Retry-After"] == "5"
        assert wsgi_get("/healthz")[0] == 200  # Django drops the broken connection after
    finally:
        connection.close()
        connection.settings_dict["CONN_HEALTH_CHECKS"] = True


@contextmanager
def database_at(host: str, port: int):
    """Point the app's connection somewhere else, then back."""
    saved = connection.settings_dict["HOST"], connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["HOST"], connection.settings_dict["PORT"] = host, str(port)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["HOST"], connection.settings_dict["PORT"] = saved


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def hung_server():
    """A port that accepts connections and never says a word, like a stuck database."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for sock in accepted:
            sock.close()
        server.close()


@postgres_only
@pytest.mark.parametrize("page", ["/healthz", "journal-log"])
def test_a_database_that_is_down_answers_503_fast_and_recovery_is_immediate(session_cookie, page):
    path = page if page.startswith("/") else reverse(page)
    with database_at("127.0.0.1", closed_port()):
        for _ in range(3):
            status, headers, seconds = wsgi_get(path, session_cookie)
            assert status == 503
            assert headers["Retry-After"] == "5"
            assert headers["Cache-Control"] == "no-store"
            assert "Content-Security-Policy" in headers
            assert seconds < 2
    # The database is back: the very next request works.
    assert wsgi_get(path, session_cookie)[0] == 200


@postgres_only
def test_a_hung_database_answers_503_within_the_connect_timeout(session_cookie):
    timeout = connection.settings_dict["OPTIONS"]["connect_timeout"]
    assert timeout == 3
    with hung_server() as port, database_at("127.0.0.1", port):
        status, headers, seconds = wsgi_get("/healthz")
    assert status == 503
    assert headers["Retry-After"] == "5"
    assert seconds < timeout + 2
    assert wsgi_get("/healthz")[0] == 200
