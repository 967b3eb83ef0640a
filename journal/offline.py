"""Almost as an app that installs on a phone and logs with no connection.

- The web app manifest (/manifest.webmanifest) and the service worker (/sw.js).
- The offline page: the log form with nothing private in it, which the service worker
  keeps and shows when a page can't be reached.
- The way in for entries kept on the device meanwhile (static/js/outbox.js sends them).

The service worker's code is static/js/sw.js, served from /sw.js rather than /static/: a
worker controls only the pages under the folder it is served from, and a hashed static
name would change its address with every release (the offline page, kept on the device,
would then register the old worker again). Above its code goes `self.ALMOST`: this
version's files to keep, and a version number that changes with any of them, so the
browser sees a new worker whenever something it keeps has changed.
"""

import hashlib
import json
import re
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.templatetags.static import PrefixNode, static
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from journal.entries import save_entry
from journal.forms import EntryForm
from journal.models import Person

# The manifest's colours: the header's surface (light) and the splash screen's background.
THEME_COLOUR = "#ffffff"
BACKGROUND_COLOUR = "#faf8f5"
ICONS = [
    ("icons/icon-192.png", "192x192", "any"),
    ("icons/icon-512.png", "512x512", "any"),
    ("icons/maskable-512.png", "512x512", "maskable"),
]
# The files the offline page links (its styles and scripts, the favicon): kept by the worker.
LINKED = re.compile(r'<(?:script|link)\b[^>]*?\s(?:src|href)="([^"]+)"')


@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    data = {
        "id": "/",
        "name": "Almost",
        "short_name": "Almost",
        "description": "A private journal for almost relationships.",
        "start_url": reverse("journal-log"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static(name), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for name, sizes, purpose in ICONS
        ]
        + [{"src": static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    return JsonResponse(data, content_type="application/manifest+json")


def _offline_html() -> str:
    """The offline page, the same bytes for everyone: no user, no names, no token.

    Rendered without a request, so no CSRF token, nonce or message can slip in. "Who" is
    a name to type: the list of people is private, and the server matches the name (or
    adds the person) when the entry is sent.
    """
    form = EntryForm(user=None, initial={"occurred_at": ""})
    form.fields["person"].queryset = Person.objects.none()
    form.fields["new_person"].label = "Who"
    return render_to_string("journal/offline.html", {"form": form, "offline": True})


def _worker_config() -> dict:
    html = _offline_html()
    prefix = PrefixNode.handle_simple("STATIC_URL")
    files = [url for url in dict.fromkeys(LINKED.findall(html)) if url.startswith(prefix)]
    code = _worker_code()
    version = hashlib.sha256(html.encode() + code.encode())
    for url in files:
        # Unhashed names (plain storage, as in development) change no URL when their
        # content does: their content goes into the version. Hashed ones aren't found.
        path = finders.find(url.removeprefix(prefix))
        if path:
            with open(path, "rb") as file:
                version.update(file.read())
    return {
        "version": version.hexdigest()[:16],
        "shell": reverse("journal-offline"),
        "files": files,
        "send": reverse("journal-entry-send"),
        "html": html,
    }


def _worker_code() -> str:
    with open(finders.find("js/sw.js"), encoding="utf-8") as file:
        return file.read()


@cache
def _cached_config() -> dict:
    return _worker_config()


def worker_config() -> dict:
    """What /sw.js and /offline/ serve; worked out once a process (each time under DEBUG)."""
    return _worker_config() if settings.DEBUG else _cached_config()


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    config = worker_config()
    head = {key: config[key] for key in ("version", "shell", "files", "send")}
    body = (
        f"self.ALMOST = {json.dumps(head)};\n"
        f"importScripts({json.dumps(static('js/outbox.js'))});\n" + _worker_code()
    )
    # no-store like every response of ours: browsers fetch a worker's script afresh to
    # look for a new version anyway, and it is small.
    return HttpResponse(body, content_type="text/javascript; charset=utf-8")


@require_safe
def offline_page(request: HttpRequest) -> HttpResponse:
    """The log form alone, for the service worker to keep (see _offline_html)."""
    return HttpResponse(worker_config()["html"])


@require_http_methods(["GET", "POST"])
def entry_send(request: HttpRequest) -> HttpResponse:
    """Where the outbox sends entries logged with no connection. JSON, never a redirect.

    GET gives a fresh CSRF token (the outbox may have been filled before a log-in that
    changed it). POST stores one entry: 201, or 400 with what to fix, or 409 when it was
    written on this device for another account. The form's token makes a repeated send
    (its answer lost on the way) give back the entry stored the first time.
    """
    if not request.user.is_authenticated:
        return JsonResponse({"errors": [LOGGED_OUT]}, status=401)
    if request.method == "GET":
        return JsonResponse({"csrf": get_token(request), "account": request.user.pk})
    if request.POST.get("account") != str(request.user.pk):
        return JsonResponse({"errors": [OTHER_ACCOUNT]}, status=409)
    form = EntryForm(request.POST, user=request.user)
    if not form.is_valid() or not form.cleaned_data.get("token"):
        return JsonResponse({"errors": _problems(form)}, status=400)
    entry = save_entry(form)
    return JsonResponse({"id": entry.pk, "message": entry.logged_message}, status=201)


LOGGED_OUT = "You're logged out: log in again to send what waits on this device."
OTHER_ACCOUNT = (
    "This was logged on this device for another account. Log in as that account to send "
    "it, or discard it."
)


def _problems(form: EntryForm) -> list[str]:
    """Each of the form's errors as a sentence that names its field ("Who: ...")."""
    if form.is_valid():  # valid but without a token: only an old or edited outbox sends that
        return ["This entry has lost its token. Edit it and log it again."]
    problems = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        problems += [f"{label}: {error}" if label else error for error in errors]
    return problems
