"""Headers on every response, the production HTTPS setup scored like the Mozilla HTTP
Observatory scores it, `check --deploy`, and the system check that guards the CSP."""

import http.client
import os
import re
import runpy
import secrets
import socket
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.checks import Tags, run_checks
from django.db.utils import OperationalError
from django.template import loader
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import CSP

from config import settings as settings_module
from journal.models import Interaction

HOST = "almost.example"
ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
ERROR_PAGES = ["400.html", "403.html", "403_csrf.html", "404.html", "500.html", "503.html"]


def parse_csp(header: str) -> dict[str, set[str]]:
    policy = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            policy.setdefault(words[0].lower(), set(words[1:]))
    return policy


def assert_private_headers(response, *, cacheable: bool = False) -> None:
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["default-src"] == {"'none'"}
    assert policy["frame-ancestors"] == {"'none'"}
    assert policy["object-src"] == {"'none'"}
    assert policy["base-uri"] == {"'none'"}
    assert policy["form-action"] == {"'self'"}
    assert policy["connect-src"] == {"'self'"}
    assert policy["img-src"] == {"'self'", "data:"}
    scripts = policy["script-src"]
    assert "'self'" in scripts
    assert {s for s in scripts if not s.startswith("'nonce-")} == {"'self'"}
    # Styles: 'unsafe-inline' for plotly's injected <style>, and no nonce beside it
    # (a nonce would make browsers ignore 'unsafe-inline' and break the charts).
    assert policy["style-src"] == {"'self'", "'unsafe-inline'"}
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert f"{feature}=()" in permissions
    assert "clipboard-write=(self)" in permissions
    # Passkeys are made and used on our own pages, and nowhere else.
    assert "publickey-credentials-create=(self)" in permissions
    assert "publickey-credentials-get=(self)" in permissions
    if not cacheable:
        assert response["Cache-Control"] == "no-store" or "no-store" in response["Cache-Control"]


# Every kind of response -------------------------------------------------------------


@pytest.fixture
def entry(alice, sam) -> Interaction:
    return Interaction.objects.create(user=alice, person=sam, text="A quiet note", feeling=0)


def test_a_full_page_carries_every_header(alice_client):
    assert_private_headers(alice_client.get(reverse("journal-log")))


def test_an_htmx_fragment_carries_every_header(alice_client):
    response = alice_client.get(
        reverse("journal-log"), headers={"HX-Request": "true", "HX-Target": "timeline"}
    )
    assert "<html" not in response.content.decode()
    assert_private_headers(response)


def test_public_pages_carry_every_header(client, db):
    assert_private_headers(client.get(reverse("login")))
    assert_private_headers(client.get(reverse("accounts-signup")))
    assert_private_headers(client.get(reverse("guidance-index")))
    assert_private_headers(client.get(reverse("healthz")))


def test_a_404_carries_every_header(bob_client, entry):
    response = bob_client.get(reverse("journal-entry-edit", args=[entry.pk]))
    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()
    assert_private_headers(response)


def test_a_403_from_a_stale_form_carries_every_header(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(reverse("journal-entry-create"), {"text": "no token"})
    assert response.status_code == 403
    assert "That form had gone stale" in response.content.decode()
    assert_private_headers(response)


def test_a_400_carries_every_header(client, db):
    response = client.get(reverse("login"), headers={"host": "not-ours.example"})
    assert response.status_code == 400
    assert "We couldn't read that request" in response.content.decode()
    assert_private_headers(response)


def test_a_500_carries_every_header(alice, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("journal.views.timeline", broken)
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    response = client.get(reverse("journal-log"))
    assert response.status_code == 500
    assert "Something broke on our side" in response.content.decode()
    assert_private_headers(response)


def test_a_503_from_a_failing_session_store_carries_every_header(alice, monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(alice)

    def gone(self, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    # The session loads inside AuthenticationMiddleware, before any view runs.
    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.load", gone)
    response = client.get(reverse("journal-log"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert_private_headers(response)


def test_the_lockout_page_carries_every_header(client, alice):
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("login"), {"username": "alice", "password": "wrong one!"})
    assert response.status_code == 429
    assert_private_headers(response)


def test_static_files_keep_their_long_cache_and_still_get_the_headers(settings, db):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = Client().get("/static/css/almost.css")
    assert response.status_code == 200
    assert "max-age=" in response["Cache-Control"]
    assert "no-store" not in response["Cache-Control"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


# Error pages and templates -------------------------------------------------------------


@pytest.mark.parametrize("name", ERROR_PAGES)
def test_error_pages_render_alone_and_load_no_script(name):
    html = loader.render_to_string(name)  # no request, no context, no database
    assert "<h1>" in html
    assert "<script" not in html
    assert " style=" not in html
    assert not re.search(r"\son[a-z]+\s*=", html)


def test_no_template_has_inline_script_event_handlers_or_hx_on():
    problems = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for match in re.finditer(r"<script\b[^>]*>", text):
            if "src=" not in match.group(0):
                problems.append(f"{path.name}: inline {match.group(0)}")
        if re.search(r"\son(click|load|submit|change|input|error|key\w+|mouse\w+)\s*=", text):
            problems.append(f"{path.name}: inline event handler")
        if "hx-on" in text:
            problems.append(f"{path.name}: hx-on")
    assert problems == []


def test_htmx_may_not_eval_nor_inject_styles(client, db):
    html = client.get(reverse("login")).content.decode()
    assert '"includeIndicatorStyles": false' in html
    assert '"allowEval": false' in html


# HTTPS in production ---------------------------------------------------------------


def https_settings(monkeypatch) -> dict:
    """What DJANGO_HTTPS=1 changes in config/settings.py, read from the file itself."""

    def load(https: str) -> dict:
        monkeypatch.setenv("DJANGO_HTTPS", https)
        monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", HOST)
        values = runpy.run_path(settings_module.__file__)
        return {key: value for key, value in values.items() if key.isupper()}

    on, off = load("1"), load("0")
    missing = object()
    return {key: value for key, value in on.items() if off.get(key, missing) != value}


@pytest.fixture
def production(settings, monkeypatch):
    changed = https_settings(monkeypatch)
    assert changed["SECURE_SSL_REDIRECT"] is True
    for key, value in changed.items():
        setattr(settings, key, value)
    settings.ALLOWED_HOSTS = [HOST]
    return changed


class ProxiedClient(Client):
    """A browser reaching the app through the TLS proxy. The proxy says so in
    X-Forwarded-Proto, and gunicorn, trusting that proxy (FORWARDED_ALLOW_IPS), hands
    Django the request as https."""

    def generic(self, *args, **kwargs):
        return super().generic(*args, **{**kwargs, "secure": True})


def proxied(**kwargs) -> Client:
    return ProxiedClient(HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https", **kwargs)


def test_https_sends_hsts_for_a_year(production, db):
    response = proxied().get(reverse("login"))
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_hsts_asks_for_the_preload_list_only_when_told_to(settings, monkeypatch, db):
    monkeypatch.setenv("ALMOST_HSTS_PRELOAD", "1")
    for key, value in https_settings(monkeypatch).items():
        setattr(settings, key, value)
    settings.ALLOWED_HOSTS = [HOST]
    response = proxied().get(reverse("login"))
    assert response["Strict-Transport-Security"].endswith("; preload")


def test_htmx_posts_with_the_pages_token_while_the_cookie_stays_out_of_script(production, sam):
    client = proxied(enforce_csrf_checks=True)
    client.force_login(sam.user)
    page = client.get(reverse("journal-log"))
    assert page.cookies["__Host-csrftoken"]["httponly"]
    token = re.search(r"hx-headers='\{\"X-CSRFToken\": \"(\w+)\"\}'", page.content.decode())[1]
    an_hour_ago = timezone.localtime(timezone.now() - timedelta(hours=1), sam.user.tz)
    entry = {
        "person": sam.pk,
        "occurred_at": f"{an_hour_ago:%Y-%m-%dT%H:%M}",
        "channel": "text",
        "text": "Hi",
        "feeling": "0",
        "token": str(uuid.uuid4()),
    }
    headers = {"HX-Request": "true", "origin": f"https://{HOST}"}
    refused = client.post(reverse("journal-entry-create"), entry, headers=headers)
    assert refused.status_code == 403
    headers["X-CSRFToken"] = token
    response = client.post(reverse("journal-entry-create"), entry, headers=headers)
    assert response.status_code == 200
    assert Interaction.objects.filter(person=sam).count() == 1


def test_django_believes_no_forwarded_proto_that_gunicorn_did_not(production, db):
    """Sent by anyone but a trusted proxy, the header reaches Django with the request
    still plain http: it is redirected, as if the header weren't there."""
    response = Client(HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https").get("/people/")
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}/people/"
    assert "SECURE_PROXY_SSL_HEADER" not in production


def test_plain_http_redirects_to_https_on_the_same_host(production, db):
    response = Client(HTTP_HOST=HOST).get("/people/?x=1")
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}/people/?x=1"
    assert proxied().get(reverse("login")).status_code == 200


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def through_gunicorn(tmp_path, forwarded_allow_ips: str) -> http.client.HTTPResponse:
    """GET the log page from gunicorn as `manage.py serve` and the container run it,
    with X-Forwarded-Proto: https, from 127.0.0.1. (Logged out, it sends to the login
    page: no database or static files are needed for that answer.)"""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ALMOST_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_HTTPS="1",
        ALMOST_MASTER_KEY=django_settings.MASTER_KEY,
        ALMOST_DATA_DIR=str(tmp_path),
        ALMOST_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        FORWARDED_ALLOW_IPS=forwarded_allow_ips,
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", "/", headers={"Host": HOST, "X-Forwarded-Proto": "https"})
                response = connection.getresponse()
                response.read()
                return response
            except ConnectionRefusedError:
                time.sleep(0.1)
        pytest.fail("gunicorn did not start")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_forwarded_proto_counts_from_a_trusted_proxy(tmp_path):
    response = through_gunicorn(tmp_path, forwarded_allow_ips="127.0.0.1")
    assert response.status == 302
    assert response.getheader("Location") == "/accounts/login/?next=/"
    assert response.getheader("Strict-Transport-Security")  # sent on https responses only


def test_forwarded_proto_from_anyone_else_is_plain_http_and_redirected(tmp_path):
    response = through_gunicorn(tmp_path, forwarded_allow_ips="192.0.2.10")  # not us
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/"


def test_host_cookies_are_secure_and_csrf_works_with_them(production, alice):
    client = proxied(enforce_csrf_checks=True)
    response = client.get(reverse("login"))
    csrf = response.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["path"] == "/" and not csrf["domain"]
    assert csrf["samesite"] == "Lax"
    assert csrf["httponly"]  # no script reads it: htmx sends the page's token
    response = client.post(
        reverse("login"),
        {
            "username": "alice",
            "password": "correct horse battery",
            "csrfmiddlewaretoken": csrf.value,
        },
        headers={"origin": f"https://{HOST}"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"] and session["path"] == "/"
    assert session["samesite"] == "Lax" and not session["domain"]
    assert client.get(reverse("journal-log")).status_code == 200


# A scorer that follows the Mozilla HTTP Observatory's published rules ----------------
# (mdn/mdn-http-observatory: src/analyzer/tests/*.js and src/grader/charts.js). A site
# starts at 100; penalties come off; bonuses count only if the result is still >= 90.

BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}


def score_csp(headers) -> tuple[str, int]:
    if "Content-Security-Policy" not in headers:
        return "csp-not-implemented", -25
    csp = parse_csp(headers["Content-Security-Policy"])
    default = csp.get("default-src")
    script = set(csp.get("script-src") or default or {"*"})
    style = set(csp.get("style-src") or default or {"*"})
    objects = csp.get("object-src") or default or {"*"}
    for sources in (script, style):
        if any(s.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")) for s in sources):
            sources.discard("'unsafe-inline'")
    active = [
        s for name, values in csp.items() if name not in {"img-src", "media-src"} for s in values
    ]
    if script & (BROAD | UNSAFE_INLINE) or objects & BROAD:
        return "csp-implemented-with-unsafe-inline", -20
    if any(s.startswith(("http:", "ftp:")) for s in active + list(script)):
        return "csp-implemented-with-insecure-scheme", -20
    if "'unsafe-eval'" in script | style:
        return "csp-implemented-with-unsafe-eval", -10
    passive = csp.get("img-src", set()) | csp.get("media-src", set())
    if any(s.startswith(("http:", "ftp:")) for s in passive):
        return "csp-implemented-with-insecure-scheme-in-passive-content-only", -10
    if style & (BROAD | UNSAFE_INLINE):
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == {"'none'"}:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def score_cookies(set_cookies: list[str], hsts: bool) -> tuple[str, int]:
    if not set_cookies:
        return "cookies-not-found", 0
    ranked = [  # worst last, as in cookies.js
        ("cookies-without-secure-flag-but-protected-by-hsts", -5),
        ("cookies-without-secure-flag", -20),
        ("cookies-session-without-secure-flag-but-protected-by-hsts", -10),
        ("cookies-samesite-flag-invalid", -20),
        ("cookies-anticsrf-without-samesite-flag", -20),
        ("cookies-session-without-httponly-flag", -30),
        ("cookies-session-without-secure-flag", -40),
    ]
    found, samesite_everywhere = [], True
    for raw in set_cookies:
        for name, morsel in SimpleCookie(raw).items():
            session = "login" in name.lower() or "sess" in name.lower()
            samesite = (morsel["samesite"] or "").lower()
            if samesite and samesite not in {"lax", "strict", "none"}:
                found.append("cookies-samesite-flag-invalid")
            if not morsel["secure"]:
                found.append(
                    "cookies-without-secure-flag-but-protected-by-hsts"
                    if hsts
                    else "cookies-without-secure-flag"
                )
                if session:
                    found.append(
                        "cookies-session-without-secure-flag-but-protected-by-hsts"
                        if hsts
                        else "cookies-session-without-secure-flag"
                    )
            if "csrf" in name.lower() and not samesite:
                found.append("cookies-anticsrf-without-samesite-flag")
            if session and not morsel["httponly"]:
                found.append("cookies-session-without-httponly-flag")
            samesite_everywhere &= bool(samesite)
    for name, modifier in reversed(ranked):
        if name in found:
            return name, modifier
    if samesite_everywhere:
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def score_cors(headers, origin: str) -> tuple[str, int]:
    allowed = headers.get("Access-Control-Allow-Origin")
    if not allowed:
        return "cross-origin-resource-sharing-not-implemented", 0
    if allowed == origin and headers.get("Access-Control-Allow-Credentials") == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access", -50
    if allowed == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access", 0
    return "cross-origin-resource-sharing-implemented-with-restricted-access", 0


def score_redirection(route: list[str]) -> tuple[str, int]:
    """route: the http:// URL asked for, then every Location followed."""
    if len(route) == 1:
        return "redirection-missing", -20
    if not route[-1].startswith("https://"):
        return "redirection-not-to-https", -20
    if route[1].startswith("http://"):
        return "redirection-not-to-https-on-initial-redirection", -10
    if route[0].split("/")[2] != route[1].split("/")[2]:
        return "redirection-off-host-from-http", -5
    return "redirection-to-https", 0


def score_referrer(headers) -> tuple[str, int]:
    good = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    bad = {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}
    value = headers.get("Referrer-Policy")
    if value is None:
        return "referrer-policy-not-implemented", 0
    known = [v.strip().lower() for v in value.split(",") if v.strip().lower() in good | bad]
    if known and known[-1] in good:
        return "referrer-policy-private", 5
    if known:
        return "referrer-policy-unsafe", -5
    return "referrer-policy-header-invalid", -5


def score_hsts(headers) -> tuple[str, int]:
    value = headers.get("Strict-Transport-Security")
    if value is None:
        return "hsts-not-implemented", -20
    ages = [p.strip()[8:] for p in value.lower().split(";") if p.strip().startswith("max-age=")]
    if "," in value or not ages or not ages[0].isdigit():
        return "hsts-header-invalid", -20
    if int(ages[0]) < 15_552_000:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0  # +5 only once on the preload list


class ScriptSources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def score_sri(response) -> tuple[str, int]:
    if not response["Content-Type"].startswith("text/html"):
        return "sri-not-implemented-response-not-html", 0
    parser = ScriptSources()
    parser.feed(response.content.decode())
    if not parser.scripts:
        return "sri-not-implemented-but-no-scripts-loaded", 0
    worst = None
    for script in parser.scripts:
        src = script.get("src") or ""
        if not src or (src.startswith("/") and not src.startswith("//")):
            continue  # same origin: SRI not needed
        if src.startswith("https://") and src.split("/")[2].endswith(HOST):
            continue
        if src.startswith("https://"):
            worst = worst or (
                ("sri-implemented-and-external-scripts-loaded-securely", 5)
                if script.get("integrity")
                else ("sri-not-implemented-but-external-scripts-loaded-securely", -5)
            )
        else:
            return "sri-not-implemented-and-external-scripts-not-loaded-securely", -50
    return worst or ("sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0)


def score_xcto(headers) -> tuple[str, int]:
    value = headers.get("X-Content-Type-Options")
    if value is None:
        return "x-content-type-options-not-implemented", -5
    if value.strip().lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    return "x-content-type-options-header-invalid", -5


def score_xfo(headers) -> tuple[str, int]:
    if "frame-ancestors" in parse_csp(headers.get("Content-Security-Policy", "")):
        return "x-frame-options-implemented-via-csp", 5
    value = (headers.get("X-Frame-Options") or "").strip().lower()
    if value in {"deny", "sameorigin"}:
        return "x-frame-options-sameorigin-or-deny", 0
    if value.startswith("allow-from"):
        return "x-frame-options-allow-from-origin", 0
    if not value:
        return "x-frame-options-not-implemented", -20
    return "x-frame-options-header-invalid", -20


def score_corp(headers) -> tuple[str, int]:
    value = (headers.get("Cross-Origin-Resource-Policy") or "").strip().lower()
    if not value:
        return "cross-origin-resource-policy-not-implemented", 0
    if value in {"same-origin", "same-site"}:
        return f"cross-origin-resource-policy-implemented-with-{value}", 10
    if value == "cross-origin":
        return "cross-origin-resource-policy-implemented-with-cross-origin", 0
    return "cross-origin-resource-policy-header-invalid", -5


def observatory(route: list[str], page, set_cookies: list[str]) -> tuple[int, dict]:
    headers = page.headers
    hsts = score_hsts(headers)
    results = dict(
        [
            score_csp(headers),
            score_cookies(set_cookies, hsts=hsts[1] >= 0),
            score_cors(headers, "https://evil.example"),
            score_redirection(route),
            score_referrer(headers),
            hsts,
            score_sri(page),
            score_xcto(headers),
            score_xfo(headers),
            score_corp(headers),
        ]
    )
    penalties = sum(m for m in results.values() if m < 0)
    score = 100 + penalties
    if score >= 90:
        score += sum(m for m in results.values() if m > 0)
    return max(score, 0), results


def follow(client: Client, url: str) -> tuple[list[str], object, list[str]]:
    """Fetch like the scanner: follow redirects by hand, keep every Set-Cookie."""
    route, cookies = [url], []
    response = None
    for _ in range(10):
        secure = url.startswith("https://")
        path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
        response = client.get(
            path, secure=secure, headers={"origin": "https://evil.example", "host": HOST}
        )
        cookies += [m.output(header="").strip() for m in response.cookies.values()]
        if response.status_code not in (301, 302, 303, 307, 308):
            break
        location = response["Location"]
        url = (
            location if "://" in location else f"{'https' if secure else 'http'}://{HOST}{location}"
        )
        route.append(url)
    return route, response, cookies


def test_the_headers_score_a_plus_on_the_observatory_rules(production, alice):
    scanner = Client()
    route, page, cookies = follow(scanner, f"http://{HOST}/")
    assert page.status_code == 200
    # Cookies a signed-in visit adds (the scanner only sees the anonymous ones).
    browser = Client()
    token = browser.get(reverse("login"), secure=True, headers={"host": HOST}).cookies
    logged_in = browser.post(
        reverse("login"),
        {"username": "alice", "password": "correct horse battery"},
        secure=True,
        headers={"host": HOST},
    )
    assert logged_in.status_code == 302
    cookies += [m.output(header="").strip() for m in [*token.values(), *logged_in.cookies.values()]]
    assert any("__Host-sessionid" in c for c in cookies)

    score, results = observatory(route, page, cookies)
    print(f"Observatory score: {score}", results)
    assert results["redirection-to-https"] == 0
    assert results["csp-implemented-with-unsafe-inline-in-style-src-only"] == 0
    assert results["cookies-secure-with-httponly-sessions-and-samesite"] == 5
    assert results["cross-origin-resource-policy-implemented-with-same-origin"] == 10
    assert score >= 100, results  # A+
    assert score == 125


def test_the_scorer_marks_a_bare_site_down(db, settings):
    settings.MIDDLEWARE = [
        m
        for m in settings.MIDDLEWARE
        if not m.endswith(("SecurityMiddleware", "ContentSecurityPolicyMiddleware"))
        and "PrivacyHeaders" not in m
        and "XFrameOptions" not in m
    ]
    settings.ALLOWED_HOSTS = [HOST]
    route, page, cookies = follow(Client(), f"http://{HOST}/")
    score, results = observatory(route, page, cookies)
    assert score < 50, results


# check --deploy and the CSP guard ----------------------------------------------------


def test_check_deploy_passes_with_production_settings(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "ALMOST_SESSION"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_HTTPS="1",
        # A new install's folders, not whatever this clone keeps in data/.
        ALMOST_DATA_DIR=str(tmp_path / "data"),
        ALMOST_KEY_DIR=str(tmp_path / "keys"),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def csp_errors() -> list[str]:
    return [e.id for e in run_checks(tags=[Tags.security]) if e.id.startswith("almost.")]


def test_the_csp_check_passes_as_configured(db):
    assert csp_errors() == []


WEAKENINGS = {
    "unsafe-inline scripts": ("script-src", [CSP.SELF, CSP.NONCE, CSP.UNSAFE_INLINE]),
    "unsafe-eval scripts": ("script-src", [CSP.SELF, CSP.UNSAFE_EVAL]),
    "scripts from anywhere": ("script-src", ["https:"]),
    "no script-src": ("script-src", None),
    "default-src self": ("default-src", [CSP.SELF]),
    "framing allowed": ("frame-ancestors", [CSP.SELF]),
    "no frame-ancestors": ("frame-ancestors", None),
    "plugins allowed": ("object-src", None),
    "base tag allowed": ("base-uri", [CSP.SELF]),
}


@pytest.mark.parametrize("weakening", WEAKENINGS)
def test_the_csp_check_fails_when_the_policy_is_weakened(settings, weakening):
    directive, sources = WEAKENINGS[weakening]
    policy = dict(settings.SECURE_CSP)
    if sources is None:
        policy.pop(directive)
    else:
        policy[directive] = sources
    settings.SECURE_CSP = policy
    assert csp_errors()


def test_the_csp_check_fails_without_a_policy(settings):
    settings.SECURE_CSP = {}
    assert "almost.E004" in csp_errors()


@pytest.mark.parametrize(
    ("middleware", "error"),
    [
        ("django.middleware.csp.ContentSecurityPolicyMiddleware", "almost.E001"),
        ("config.middleware.PrivacyHeadersMiddleware", "almost.E002"),
    ],
)
def test_the_csp_check_fails_without_the_middleware(settings, middleware, error):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != middleware]
    assert error in csp_errors()


def test_the_csp_check_wants_the_policy_outside_the_session(settings):
    rest = [m for m in settings.MIDDLEWARE if "csp" not in m]
    settings.MIDDLEWARE = [*rest, "django.middleware.csp.ContentSecurityPolicyMiddleware"]
    assert "almost.E003" in csp_errors()


def test_manage_py_check_stops_on_a_weak_policy(settings, db):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.SECURE_CSP = {**settings.SECURE_CSP, "script-src": [CSP.SELF, CSP.UNSAFE_INLINE]}
    with pytest.raises(SystemCheckError, match="almost.E006"):
        call_command("check")
