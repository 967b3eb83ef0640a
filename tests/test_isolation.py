"""Every URL of the project, walked from the resolver, as an outsider and as nobody.

Bob asks for each of Alice's things by GET and POST and gets 404 (or 405 where the
method does not exist), never a word of hers; anonymous visitors are sent to log in
everywhere but the short list of public pages. A new view is swept the day it is
added; a new `<kwarg>` fails here until someone says whose object fills it.
"""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp_webauthn.models import WebAuthnCredential

from guidance.pages import PAGES
from journal.models import Basic, Decision, EntryCategory, Interaction, Line, Person, Source
from patterns.classifier.categories import CATEGORIES

# Which of Alice's objects fills the <pk> of each URL name. Add new views here.
OWNED = {
    "journal-entry-edit": "entry",
    "journal-entry-delete": "entry",
    "journal-entry-restore": "trashed",
    "patterns-correct": "entry",
    "journal-person": "person",
    "journal-person-edit": "person",
    "journal-person-delete": "person",
    "guidance-clarity": "person",
    "accounts-passkey-remove": "passkey",
    "patterns-basic-delete": "basic",
    "patterns-decision-looked": "decision",
}
# Keyword arguments that name our own public content, not anyone's data.
PUBLIC_KWARGS = {
    ("guidance-page", "slug"): PAGES[0].slug,
    ("guidance-category", "slug"): CATEGORIES[0].slug,
}
# Open to visitors who are not logged in. Everything else must send them to log in.
# (Static files are served by WhiteNoise before any URL pattern; see test_headers.)
ANONYMOUS_ALLOWED = {
    "healthz",
    "login",
    "accounts-signup",
    # The guidance pages are public: useful before anyone makes an account.
    "guidance-index",
    "guidance-page",
    "guidance-category",
    "guidance-messages",
    # A passkey can log in on its own, so asking for its challenge and answering it come
    # before any login (POST only: a GET gets 405).
    "accounts-passkey-login-begin",
    "accounts-passkey-login-complete",
    # The installable app: the same for everyone, and nothing of anyone's in them.
    "journal-manifest",
    "journal-service-worker",
    "journal-offline",
}
# Asked for by script, not by a person: told 401 in JSON rather than sent to the log-in
# page (the outbox then says to log in again).
ANONYMOUS_TOLD_401 = {"journal-entry-send"}
# Shown to nobody but Alice.
MARKERS = [
    "Zephyrine Quillfeather",
    "alice-notes-7f3a",
    "alice-entry-7f3a",
    "alice-trashed-7f3a",
    "alice-passkey-7f3a",
]


@dataclass
class Route:
    name: str
    route: str
    kwargs: list[str]
    admin: bool


def walk(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(
                pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace
            )
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield Route(
                name=name,
                route=prefix + str(pattern.pattern),
                kwargs=list(pattern.pattern.regex.groupindex),
                admin=namespace == "admin",
            )


ROUTES = list(walk(get_resolver().url_patterns))
APP_ROUTES = [r for r in ROUTES if not r.admin]


@pytest.fixture
def alices(alice) -> dict:
    person = Person.objects.create(
        user=alice, name="Zephyrine Quillfeather", notes="alice-notes-7f3a"
    )
    entry = Interaction.objects.create(
        user=alice, person=person, text="alice-entry-7f3a", feeling=-2, reply="one_word"
    )
    EntryCategory.objects.create(
        interaction=entry, category=CATEGORIES[0].slug, source=Source.AUTO, reasons=["x"]
    )
    trashed = Interaction.objects.create(
        user=alice, person=person, text="alice-trashed-7f3a", feeling=1, deleted=timezone.now()
    )
    passkey = WebAuthnCredential.objects.create(
        user=alice, name="alice-passkey-7f3a", credential_id=b"alice", public_key=b"key"
    )
    basic = Basic.objects.create(user=alice, person=person, line=Line.OWN_WORDS, words="x-7f3a")
    decision = Decision.objects.create(user=alice, person=person, choice="keep", note="d-7f3a")
    return {
        "person": person,
        "entry": entry,
        "trashed": trashed,
        "passkey": passkey,
        "basic": basic,
        "decision": decision,
    }


def snapshot(user) -> list:
    return [
        list(Person.objects.filter(user=user).values().order_by("pk")),
        list(Interaction.objects.filter(user=user).values().order_by("pk")),
        list(EntryCategory.objects.filter(interaction__user=user).values().order_by("pk")),
        list(WebAuthnCredential.objects.filter(user=user).values().order_by("pk")),
        list(Basic.objects.filter(user=user).values().order_by("pk")),
        list(Decision.objects.filter(user=user).values().order_by("pk")),
    ]


def url_for(route: Route, objects: dict) -> str:
    kwargs = {}
    for kwarg in route.kwargs:
        if (route.name, kwarg) in PUBLIC_KWARGS:
            kwargs[kwarg] = PUBLIC_KWARGS[(route.name, kwarg)]
        elif kwarg == "pk" and route.name in OWNED:
            kwargs[kwarg] = objects[OWNED[route.name]].pk
        else:
            pytest.fail(
                f"URL {route.route!r} ({route.name}) takes <{kwarg}>: say in OWNED or "
                f"PUBLIC_KWARGS of tests/test_isolation.py whose object fills it."
            )
    return reverse(route.name, kwargs=kwargs)


def hostile_data(objects: dict) -> dict:
    """A POST body that points at Alice's things wherever a form might look."""
    entry, person = objects["entry"], objects["person"]
    return {
        "person": person.pk,
        "pk": entry.pk,
        "entry": entry.pk,
        "id": entry.pk,
        "text": "bob was here",
        "name": "Bob's edit",
        "feeling": "0",
        "occurred_at": "2026-11-20T21:30",
        "channel": "text",
        "category": CATEGORIES[0].slug,
        "present": "0",
        "next": "/",
    }


def as_bob(bob) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(bob)
    return client


def assert_nothing_of_alices(response, what: str) -> None:
    assert response.status_code != 500, f"{what} crashed"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode(errors="replace")
    for marker in MARKERS:
        assert marker not in text, f"{what} showed Alice's {marker!r}"


def test_every_url_pattern_is_swept(record_property):
    """Names are needed to reverse a URL; every keyword argument must be mapped."""
    assert all(route.name for route in APP_ROUTES), [r.route for r in APP_ROUTES if not r.name]
    unmapped = [
        (route.name, kwarg)
        for route in APP_ROUTES
        for kwarg in route.kwargs
        if (route.name, kwarg) not in PUBLIC_KWARGS and not (kwarg == "pk" and route.name in OWNED)
    ]
    assert unmapped == [], "map these in OWNED or PUBLIC_KWARGS"
    stale = set(OWNED) - {route.name for route in APP_ROUTES}
    assert stale == set(), "OWNED names a URL that no longer exists"
    admin = sum(route.admin for route in ROUTES)
    print(f"URL patterns: {len(APP_ROUTES)} app routes swept, {admin} admin routes")
    record_property("app_routes", len(APP_ROUTES))
    record_property("admin_routes", admin)


def test_bob_never_gets_alices_things(bob, alice, alices, record_property):
    before = snapshot(alice)
    requests = 0
    for route in APP_ROUTES:
        url = url_for(route, alices)
        owned = route.name in OWNED
        for method in ("get", "post"):
            client = as_bob(bob)  # fresh each time: logout and delete are on the list
            if method == "get":
                response = client.get(
                    url, {"person": alices["person"].pk, "entry": alices["entry"].pk}
                )
            else:
                response = client.post(url, hostile_data(alices))
            requests += 1
            what = f"{method.upper()} {url} ({route.name}) as bob"
            assert_nothing_of_alices(response, what)
            assert "no-store" in response["Cache-Control"], f"{what} may be cached"
            if owned:
                assert response.status_code in (403, 404, 405), (what, response.status_code)
                if response.status_code == 405:
                    assert method == "get", f"{what}: 405 hides a missing ownership check"
            # htmx asks too: same answer, just the fragment.
            htmx = as_bob(bob)
            response = getattr(htmx, method)(
                url,
                hostile_data(alices) if method == "post" else None,
                headers={"HX-Request": "true"},
            )
            requests += 1
            assert_nothing_of_alices(response, f"{what} with htmx")
            if owned:
                assert response.status_code in (403, 404, 405), (what, response.status_code)
    assert snapshot(alice) == before, "bob changed Alice's journal"
    print(f"Isolation sweep: {len(APP_ROUTES)} URL patterns, {requests} requests as bob")
    record_property("bob_requests", requests)


def test_anonymous_visitors_are_sent_to_log_in(alice, alices, db, record_property):
    login = reverse(settings.LOGIN_URL)
    requests = 0
    for route in APP_ROUTES:
        url = url_for(route, alices)
        for method in ("get", "post"):
            response = getattr(Client(raise_request_exception=False), method)(url)
            requests += 1
            what = f"anonymous {method.upper()} {url} ({route.name})"
            assert_nothing_of_alices(response, what)
            if route.name in ANONYMOUS_ALLOWED:
                location = response.headers.get("Location", "")
                assert not location.startswith(login), f"{what} is public but asks to log in"
                if method == "get":
                    assert response.status_code in (200, 302, 405), what
            elif route.name in ANONYMOUS_TOLD_401:
                assert response.status_code == 401, (what, response.status_code)
            elif response.status_code != 405:
                assert response.status_code == 302, (what, response.status_code)
                assert response["Location"].startswith(login), (what, response["Location"])
    print(f"Anonymous sweep: {requests} requests")
    record_property("anonymous_requests", requests)


def test_the_public_list_names_real_urls():
    names = {route.name for route in APP_ROUTES}
    assert names >= ANONYMOUS_ALLOWED | ANONYMOUS_TOLD_401


@pytest.mark.urls("tests.admin_urls")  # mounted as ALMOST_ADMIN=1 does
def test_the_admin_sends_everyone_but_staff_to_its_own_login(bob, alices):
    admin_login = reverse("admin:login")
    entry_page = reverse("admin:journal_interaction_change", args=[alices["entry"].pk])
    for client in (Client(), as_bob(bob)):
        for url in (reverse("admin:index"), entry_page):
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith(admin_login)
            assert_nothing_of_alices(response, f"admin {url}")
