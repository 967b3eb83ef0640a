"""Issue 24 on the server: the manifest, the service worker and the offline page it keeps,
and the way in for entries logged with no connection (tests/browser/test_offline.py
drives all of it in Chromium)."""

import gzip
import json
import re
import struct
import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from journal import offline
from journal.models import Interaction, Person
from journal.offline import worker_config
from tests.test_headers import assert_private_headers

SEND = "/entries/send/"


@pytest.fixture(autouse=True)
def clock():
    """The entries below happened on 1 December 2026: a week before "now"."""
    with time_machine.travel(datetime(2026, 12, 7, 12, 0, tzinfo=UTC), tick=True):
        yield


def entry(token=None, **fields) -> dict:
    return {
        "token": str(token or uuid.uuid4()),
        "occurred_at": "2026-12-01T21:30",
        "channel": "text",
        "text": "He replied 'k' on the bus.",
        "feeling": "-1",
        "initiated_by": "me",
        **fields,
    }


@pytest.fixture
def sending(alice_client, alice):
    """alice's browser as the outbox uses it: a CSRF token first, then posts."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    csrf = client.get(SEND).json()["csrf"]

    def send(**fields):
        fields.setdefault("account", str(alice.pk))
        return client.post(SEND, fields, headers={"X-CSRFToken": csrf})

    return send


# The manifest ------------------------------------------------------------------------


def png_size(path: str) -> tuple[int, int]:
    with open(path, "rb") as file:
        head = file.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_the_manifest_makes_almost_an_app_that_opens_at_the_log_page(client, db):
    response = client.get(reverse("journal-manifest"))
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["name"] == "Almost"
    assert data["start_url"] == "/"
    assert data["display"] == "standalone"
    assert data["theme_color"] and data["background_color"]
    sizes = set()
    for icon in data["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert path, icon
        if icon["type"] == "image/png":
            width, height = png_size(path)
            assert icon["sizes"] == f"{width}x{height}"
            sizes.add((width, icon["purpose"]))
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= sizes
    assert_private_headers(response)


def test_every_page_links_the_manifest_and_both_theme_colours(alice_client):
    html = alice_client.get(reverse("journal-log")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'name="theme-color" content="#ffffff" media="(prefers-color-scheme: light)"' in html
    assert 'media="(prefers-color-scheme: dark)"' in html
    assert png_size(finders.find("icons/apple-touch-icon.png")) == (180, 180)


# The service worker and the offline page -------------------------------------------------


def test_the_service_worker_is_served_from_the_root_so_it_covers_every_page(client, db):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    body = response.content.decode()
    config = json.loads(re.match(r"self\.ALMOST = (.*);\n", body)[1])
    assert config["shell"] == "/offline/"
    assert 'importScripts("/static/js/outbox.js");' in body
    assert 'addEventListener("fetch"' in body
    # It keeps the offline page's own files, each one served.
    assert "/static/css/almost.css" in config["files"]
    assert "/static/js/offline.js" in config["files"]
    for url in config["files"]:
        assert finders.find(url.removeprefix("/static/")), url
    assert_private_headers(response)


def test_in_production_the_service_worker_keeps_the_hashed_files(settings, tmp_path, db):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    offline._cached_config.cache_clear()
    try:
        body = Client().get("/sw.js").content.decode()
    finally:
        offline._cached_config.cache_clear()
    config = json.loads(re.match(r"self\.ALMOST = (.*);\n", body)[1])
    assert "/static/js/offline.js" not in config["files"]
    for url in config["files"]:
        assert re.search(r"\.[0-9a-f]{12}\.(css|js|svg|png)$", url), url
        assert (tmp_path / url.removeprefix("/static/")).exists()
    assert re.search(r'importScripts\("/static/js/outbox\.[0-9a-f]{12}\.js"\)', body)


def test_the_offline_page_holds_nothing_private_whoever_asks(alice_client, alice, sam):
    Interaction.objects.create(user=alice, person=sam, text="A secret about the lift", feeling=1)
    response = alice_client.get(reverse("journal-offline"))
    html = response.content.decode()
    assert "Log an interaction" in html
    assert 'id="outbox"' in html
    for private in ("Sam", "A secret", "alice", "csrfmiddlewaretoken", "data-account"):
        assert private not in html
    assert '"X-CSRFToken": ""' in html
    # The same bytes for everyone, logged in or not: it is cached on the device.
    assert Client().get(reverse("journal-offline")).content.decode() == html
    assert_private_headers(response)


def test_the_offline_page_asks_for_a_name_instead_of_listing_people(client, db):
    html = client.get(reverse("journal-offline")).content.decode()
    assert '<label for="id_new_person">Who</label>' in html
    assert 'name="person"' not in html
    assert "hx-post" not in html  # no live hint: it needs the server


def test_the_service_worker_changes_when_the_offline_page_does(settings, db):
    settings.DEBUG = True  # worked out afresh each time, as in development
    before = worker_config()["version"]
    settings.ALLOW_SIGNUP = not settings.ALLOW_SIGNUP
    assert worker_config()["version"] == before
    settings.STATIC_URL = "/assets/"
    assert worker_config()["version"] != before


def test_pages_with_private_text_stay_out_of_every_cache(alice_client, sam):
    for name in ("journal-log", "journal-people", "journal-trash"):
        assert alice_client.get(reverse(name))["Cache-Control"] == "no-store"
    assert alice_client.get(reverse("journal-offline"))["Cache-Control"] == "no-store"


def test_the_log_page_ships_under_100_kb_of_javascript_and_css_compressed(alice_client):
    """Every script and stylesheet the log page links, gzipped as whitenoise serves them,
    and the service worker as Django serves it, uncompressed (the outbox.js it loads is
    one of the page's files)."""
    html = alice_client.get(reverse("journal-log")).content.decode()
    urls = re.findall(r'<(?:script[^>]*\ssrc|link[^>]*rel="stylesheet"[^>]*\shref)="([^"]+)"', html)
    total = 0
    for url in urls:
        with open(finders.find(url.removeprefix("/static/")), "rb") as file:
            total += len(gzip.compress(file.read(), 9))
    worker = alice_client.get("/sw.js").content
    total += len(worker)
    assert {"/static/js/outbox.js", "/static/js/offline.js"} <= set(urls)
    print(f"log page JS+CSS, gzip: {total / 1024:.1f} KB")
    assert total < 100 * 1024


# Sending what waited ---------------------------------------------------------------------


def test_a_logged_out_outbox_is_told_so_and_never_redirected(client, db):
    response = client.get(SEND)
    assert response.status_code == 401
    assert "log in again" in response.json()["errors"][0]
    assert client.post(SEND, entry()).status_code in (401, 403)


def test_the_outbox_gets_a_fresh_csrf_token_and_its_account(alice_client, alice):
    data = alice_client.get(SEND).json()
    assert data["account"] == alice.pk
    assert data["csrf"]


def test_a_sent_entry_is_stored_with_its_person(sending, alice, sam):
    response = sending(**entry(person=str(sam.pk)))
    assert response.status_code == 201
    assert response.json()["message"] == "Logged your text with Sam."
    stored = Interaction.objects.get(pk=response.json()["id"])
    assert (stored.person, stored.text, stored.feeling) == (sam, "He replied 'k' on the bus.", -1)


def test_a_send_repeated_after_a_lost_answer_stores_the_entry_once(sending, alice, sam):
    token = uuid.uuid4()
    first = sending(**entry(token, person=str(sam.pk)))
    again = sending(**entry(token, person=str(sam.pk)))
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert Interaction.objects.filter(user=alice).count() == 1


def test_a_typed_name_finds_the_person_or_adds_them(sending, alice, sam):
    assert sending(**entry(new_person="  sam ")).status_code == 201
    assert sending(**entry(new_person="Robin")).status_code == 201
    assert sorted(Person.objects.filter(user=alice).values_list("name", flat=True)) == [
        "Robin",
        "Sam",
    ]
    assert Interaction.objects.filter(person=sam).count() == 1


def test_a_person_deleted_meanwhile_is_a_conflict_that_says_what_to_fix(sending, alice, sam):
    pk = sam.pk
    sam.delete()
    response = sending(**entry(person=str(pk)))
    assert response.status_code == 400
    assert response.json()["errors"] == ["Who: Pick one of your own people."]
    assert not Interaction.objects.exists()


def test_someone_elses_person_is_refused(sending, bob):
    theirs = Person.objects.create(user=bob, name="Kim")
    response = sending(**entry(person=str(theirs.pk)))
    assert response.status_code == 400
    assert not Interaction.objects.exists()


def test_an_entry_kept_for_another_account_is_not_stored_in_this_one(sending, alice, bob, sam):
    response = sending(**entry(person=str(sam.pk)), account=str(bob.pk))
    assert response.status_code == 409
    assert "another account" in response.json()["errors"][0]
    assert not Interaction.objects.exists()


def test_an_entry_without_its_token_is_refused(sending, sam):
    fields = entry(person=str(sam.pk))
    fields["token"] = ""
    response = sending(**fields)
    assert response.status_code == 400
    assert "token" in response.json()["errors"][0]


def test_sending_needs_the_csrf_token(alice, sam):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(SEND, {**entry(person=str(sam.pk)), "account": str(alice.pk)})
    assert response.status_code == 403
    assert not Interaction.objects.exists()


def test_sending_takes_a_few_queries(sending, sam, django_assert_max_num_queries):
    # The log form's own path: session, user, person, the token check, the account's key
    # (made here, on its first entry), what the account's corrections taught the classifier,
    # the insert, its week's sums and the person's count and latest entry (5), in
    # savepoints.
    with django_assert_max_num_queries(22):
        assert sending(**entry(person=str(sam.pk))).status_code == 201
