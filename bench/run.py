"""Load benchmark: Almost's production server at 200 and at 20,000 entries, in two shapes.

    uv run python bench/run.py [--entries-small 200] [--entries-large 20000]
                               [--shapes long,dense] [--per-day 2]
                               [--duration 10] [--connections 4] [--rounds 2]
                               [--json out.json] [--profile]

What it does, and undoes at the end whatever happens:

1. creates a PostgreSQL database next to DATABASE_URL (default: the local server),
   named almost_bench_<pid>, migrates it, and fills four accounts with `seed_demo`
   (each shape at both sizes);
2. starts gunicorn as docker-compose does (`gunicorn -c config/gunicorn.py config.wsgi`,
   DEBUG off, collectstatic into a temporary STATIC_ROOT, fixed throwaway keys) on a
   free loopback port;
3. drives each endpoint in turn with `wrk` (Debian: `apt-get install -y wrk`), a fixed
   number of connections on 127.0.0.1, logged in through the real login form, each
   request on a new connection (so the kernel spreads them over the workers; a kept-alive
   connection stays with one worker, and medians then doubled or not by chance). The
   accounts take turns (--rounds slices each, --duration seconds in all), so a change in
   the machine's load hits all alike; latencies are the mean of the slices' percentiles.
   The export runs on one connection, in one slice, after typing the password again;
4. counts the queries of each endpoint with Django's test client on the same database,
   checks what the log page and the chart pages ship, reads the workers' memory, and
   prints for each shape issue 20's table (p50 at both sizes, against the floor and
   against the small account), then the targets; the same goes to bench/results/*.json.

The two shapes:
- long: --per-day entries a day (default 2). seed_demo writes six months of entries,
  and the bench spreads them over the days back from yesterday, each keeping its time
  of day: 200 entries cover about 100 days and 20,000 about 27 years, and the weeks on
  screen hold as many entries at both sizes. This measures what a long history costs.
- dense: seed_demo's six months as written, where 20,000 entries make every recent week
  100 times busier (the shape a chat import gives). This measures what density costs.

`--profile` then runs each endpoint of the big accounts 20 times under pyinstrument
(a dev dependency) and writes one HTML report per endpoint to bench/results/.
"""

import argparse
import base64
import http.cookiejar
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
LUA = ROOT / "bench" / "wrk.lua"
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/"
# Throwaway credentials for a database that lives for one run.
PASSWORD = "bench-only-password-1"  # nosec B105
MASTER_KEY = base64.b64encode(b"almost-bench-only-master-key-32b").decode()
SECRET_KEY = "almost-bench-only-secret-key-not-for-any-real-install"  # nosec B105
TIME_ZONE = "Europe/London"
YEAR = 60 * 60 * 24 * 365
SHAPES = {
    "long": "long: --per-day entries a day, back from yesterday",
    "dense": "dense: seed_demo's six months, as a busy account or a chat import",
}

# What issue 9 asks of one run (docs/scaling.md quotes the figures).
# p50 at the large size / the floor's (issue 20)
VS_FLOOR = {
    "log": 3.0,
    "post": 2.5,
    "weekly": 2.0,
    "weekly_all": 2.5,
    "weekly_person": 2.0,
    "person": 3.0,
}
MAX_GROWTH = 1.3  # each endpoint, large p50 / small p50
MAX_RSS_MB = 150
MAX_LOG_PAGE_KB = 100  # JS + CSS, compressed


@dataclass
class Endpoint:
    key: str
    label: str
    path: str  # may hold {person}
    method: str = "GET"
    body: str = ""  # form body; "{token}" becomes a fresh UUID per request
    htmx: bool = False
    logged_in: bool = True
    sized: bool = True  # False: measured once, it does not read any account's data


def endpoints(entry_body: str, hint_body: str) -> list[Endpoint]:
    return [
        Endpoint("healthz", "/healthz", "/healthz", logged_in=False, sized=False),
        Endpoint("floor", "guidance index (floor)", "/guidance/"),
        Endpoint("log", "log page", "/"),
        Endpoint("post", "post an entry (htmx)", "/entries/new/", "POST", entry_body, True),
        Endpoint("hint", "category hint (htmx)", "/patterns/hint/", "POST", hint_body, True),
        Endpoint("weekly", "weekly view, 12 weeks", "/patterns/"),
        Endpoint("weekly_all", "weekly view, all time", "/patterns/?range=all"),
        Endpoint("weekly_person", "weekly view, one person", "/patterns/?person={person}"),
        Endpoint("person", "person page", "/people/{person}/"),
        Endpoint("export", "export (JSON, 1 conn.)", "/accounts/export/json/"),
    ]


# Processes ---------------------------------------------------------------------------

started: list[subprocess.Popen] = []


def start(cmd: list[str], env: dict, log: Path | None = None) -> subprocess.Popen:
    """A child in its own process group, so stopping it stops its children too."""
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )
    started.append(proc)
    return proc


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


def manage(env: dict, *args: str, log: Path) -> subprocess.Popen:
    return start([sys.executable, "manage.py", *args], env, log)


def wait_all(procs: list[subprocess.Popen], what: str, log: Path) -> None:
    for proc in procs:
        if proc.wait() != 0:
            sys.exit(f"{what} failed; see {log}:\n{log.read_text()[-3000:]}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def loadavg() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


# The database -----------------------------------------------------------------------


def database_urls(url: str) -> tuple[str, str, str]:
    """(admin conninfo, bench database URL, bench database name)."""
    parts = urllib.parse.urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        sys.exit(f"The benchmark needs PostgreSQL; DATABASE_URL is {parts.scheme}:.")
    name = f"almost_bench_{os.getpid()}"
    admin = parts._replace(path="/" + (parts.path.strip("/") or "postgres")).geturl()
    bench = parts._replace(path=f"/{name}").geturl()
    return admin.replace("postgres://", "postgresql://", 1), bench, name


def admin_sql(admin: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


# Data -------------------------------------------------------------------------------


def spread(user_id: int, per_day: float) -> None:
    """Put the account's entries `per_day` a day back from yesterday, newest first.

    Each entry keeps its time of day (in UTC) and its order, so hours, weekdays of
    late-night habits and the mix of people stay seed_demo's.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH ranked AS (
                SELECT id, row_number() OVER (ORDER BY occurred_at DESC, id DESC) - 1 AS i
                FROM journal_interaction WHERE user_id = %s
            )
            UPDATE journal_interaction AS j
            SET occurred_at = date_trunc('day', now())
                - make_interval(days => 1 + floor(r.i / %s)::int)
                + (j.occurred_at - date_trunc('day', j.occurred_at))
            FROM ranked AS r WHERE j.id = r.id
            """,
            [user_id, per_day],
        )


def busiest_person(user) -> int:
    from django.db.models import Count

    from journal.models import Person

    return (
        Person.objects.for_user(user)
        .annotate(n=Count("interactions"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def entry_form(person: int, text: str, tz: ZoneInfo, token: bool) -> str:
    when = (datetime.now(tz) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    fields = [
        ("person", person),
        ("occurred_at", when),
        ("channel", "text"),
        ("initiated_by", "me"),
        ("text", text),
        ("feeling", "-1"),
        ("feelings", "anxious"),
        ("feelings", "confused"),
        ("reply", "one_word"),
    ]
    body = urllib.parse.urlencode(fields)
    return body + "&token={token}" if token else body


# What htmx sends from the log page, where the entry form and the hint live.
HTMX = {"HX-Request": "true", "HX-Current-URL": "http://localhost/"}
POST_TEXT = "Asked about Saturday. They said they were so busy this week, maybe next week."
HINT_TEXT = "They said they were slammed again, we'll see. Only texts me after midnight."


# HTTP against the live server ------------------------------------------------------


class Browser:
    """A logged-in session through the real login form, cookies in a jar."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.jar if c.name == name), "")

    def open(self, path: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        return self.opener.open(request, timeout=120)

    def form_post(self, path: str, fields: dict) -> str:
        page = self.open(path).read().decode()
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert found, f"no CSRF token on {path}"
        response = self.open(path, {**fields, "csrfmiddlewaretoken": found[1]})
        return response.geturl()

    def login(self, username: str) -> None:
        self.form_post("/accounts/login/", {"username": username, "password": PASSWORD})
        if not self.cookie("sessionid"):
            sys.exit(f"Logging in as {username} failed.")

    def reauthenticate(self) -> None:
        """Type the password again, as the export asks (it lasts five minutes)."""
        landed = self.form_post("/accounts/confirm/", {"password": PASSWORD})
        assert "/accounts/confirm/" not in landed, "password confirmation failed"

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # nosec B310  # loopback
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_until_up(base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped at start; see {log}:\n{log.read_text()[-3000:]}")
        try:
            if fetch(base + "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit("gunicorn did not answer /healthz within 60 s.")


ASSET = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*rel="stylesheet"[^>]*\shref)="([^"]+)"')


def assets(base: str, page: str) -> list[dict]:
    """The scripts and stylesheets a page links, as served with Accept-Encoding: gzip."""
    found = []
    for url in dict.fromkeys(ASSET.findall(page)):
        status, headers, body = fetch(
            urllib.parse.urljoin(base + "/", url), {"Accept-Encoding": "gzip"}
        )
        found.append(
            {
                "url": url,
                "status": status,
                "bytes": len(body),
                "encoding": headers.get("Content-Encoding", ""),
                "cache_control": headers.get("Cache-Control", ""),
                "hashed": bool(re.search(r"\.[0-9a-f]{12}\.(js|css)$", url)),
            }
        )
    return found


def max_age(cache_control: str) -> int:
    found = re.search(r"max-age=(\d+)", cache_control)
    return int(found[1]) if found else 0


def page_weight(base: str, browser: Browser, person: int) -> dict:
    log_page = browser.open("/").read().decode()
    floor_page = browser.open("/guidance/").read().decode()
    weekly_page = browser.open("/patterns/").read().decode()
    person_page = browser.open(f"/people/{person}/").read().decode()
    # The service worker the log page registers counts too (served by Django, not
    # compressed; the outbox.js it loads is one of the page's own files).
    log_assets = assets(base, log_page + '<script src="/sw.js"></script>')
    plotly = [a for a in assets(base, weekly_page) if "plotly" in a["url"]]
    on_person = any("plotly" in url for url in ASSET.findall(person_page))
    return {
        "log_page_assets": log_assets,
        "log_page_kb": sum(a["bytes"] for a in log_assets) / 1024,
        "log_page_has_plotly": any("plotly" in url for url in ASSET.findall(log_page + floor_page)),
        "plotly": plotly,
        "plotly_on_person_page": on_person,
        "plotly_ok": bool(plotly)
        and on_person
        and all(
            p["hashed"] and p["encoding"] == "gzip" and max_age(p["cache_control"]) >= YEAR
            for p in plotly
        ),
    }


# wrk --------------------------------------------------------------------------------


def wrk(url: str, env: dict, seconds: int, connections: int) -> dict:
    threads = max(1, min(2, connections))
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, seconds)}s", "--timeout", "60s"]
    proc = subprocess.Popen(
        [*cmd, "-s", str(LUA), url],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    started.append(proc)
    out, err = proc.communicate(timeout=seconds + 90)
    line = next((x for x in out.splitlines() if x.startswith("BENCH_JSON ")), None)
    if line is None:
        sys.exit(f"wrk gave no result for {url}:\n{out}\n{err}")
    return json.loads(line.removeprefix("BENCH_JSON "))


def drive(
    base: str,
    endpoint: Endpoint,
    person: int,
    browser: Browser | None,
    seconds: int,
    warmup: int,
    connections: int,
) -> dict:
    """One slice of load on one endpoint, after `warmup` seconds that are not counted."""
    env = {
        "BENCH_METHOD": endpoint.method,
        "BENCH_BODY": endpoint.body.replace("{person}", str(person)),
        "BENCH_HTMX": "1" if endpoint.htmx else "0",
        "BENCH_PAGE": base + "/",  # the log page, where the entry form and the hint live
        "BENCH_EXPECT": "200",
        "BENCH_COOKIE": browser.cookie_header() if browser else "",
        "BENCH_CSRF": browser.cookie("csrftoken") if browser else "",
    }
    url = base + endpoint.path.format(person=person)
    if warmup:
        wrk(url, env, warmup, connections)
    return wrk(url, env, seconds, connections)


def combine(slices: list[dict]) -> dict:
    """Slices of one endpoint and size as one measurement: latencies are the slices' mean."""
    done = [x for x in slices if x["requests"]]
    seconds = sum(x["duration_us"] for x in slices) / 1e6
    requests = sum(x["requests"] for x in slices)

    def mean_ms(key: str) -> float:
        return sum(x[key] for x in done) / len(done) / 1000 if done else 0.0

    return {
        "requests": requests,
        "rps": requests / seconds if seconds else 0.0,
        "p50_ms": mean_ms("p50_us"),
        "p95_ms": mean_ms("p95_us"),
        "p99_ms": mean_ms("p99_us"),
        "max_ms": max((x["max_us"] for x in done), default=0) / 1000,
        "kb_per_response": sum(x["bytes"] for x in slices) / max(requests, 1) / 1024,
        "errors": sum(x["unexpected_status"] + x["socket_errors"] + x["timeouts"] for x in slices),
        "first_unexpected_status": next(
            (x["first_unexpected_status"] for x in slices if x["first_unexpected_status"]), 0
        ),
        "slices": len(slices),
    }


# Queries per request, through the test client --------------------------------------


def count_queries(endpoint: Endpoint, user, person: int, tz: ZoneInfo) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.reauth import REAUTH_KEY

    client = Client(SERVER_NAME="localhost")
    if endpoint.logged_in:
        client.force_login(user)
        session = client.session
        session[REAUTH_KEY] = timezone.now().timestamp()
        session.save()
    path = endpoint.path.format(person=person)
    headers = HTMX if endpoint.htmx else {}

    def once() -> int:
        with CaptureQueriesContext(connection) as captured:
            if endpoint.method == "POST":
                body = entry_form(
                    person, POST_TEXT if endpoint.key == "post" else HINT_TEXT, tz, False
                )
                if endpoint.key == "post":
                    body += f"&token={uuid.uuid4()}"
                response = client.post(
                    path, body, content_type="application/x-www-form-urlencoded", headers=headers
                )
            else:
                response = client.get(path, headers=headers)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, f"{path}: {response.status_code}"
        return len(captured)

    once()  # a first request may set up the session
    return once()


def remove_posted(user, since: datetime) -> int:
    from journal.models import Interaction

    return Interaction.objects.filter(user=user, created__gte=since).delete()[0]


# Memory -----------------------------------------------------------------------------


def workers_memory(master: int) -> list[dict]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master):
            found.append(
                {
                    "pid": int(status.parent.name),
                    "peak_mb": int(fields["VmHWM"].split()[0]) / 1024,
                    "rss_mb": int(fields["VmRSS"].split()[0]) / 1024,
                }
            )
    return sorted(found, key=lambda w: w["pid"])


# Profile ----------------------------------------------------------------------------


def profile(items: list[Endpoint], user, person: int, tz: ZoneInfo, stamp: str) -> list[Path]:
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("--profile needs pyinstrument: uv add --dev pyinstrument")
        return []
    from django.test import Client
    from django.utils import timezone

    from accounts.reauth import REAUTH_KEY

    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    session = client.session
    session[REAUTH_KEY] = timezone.now().timestamp()
    session.save()
    written = []
    for endpoint in items:
        path = endpoint.path.format(person=person)
        headers = HTMX if endpoint.htmx else {}
        runs = 3 if endpoint.key == "export" else 20
        profiler = Profiler(interval=0.0005)
        since = datetime.now(UTC)
        for i in range(runs + 1):
            if i == 1:
                profiler.start()
            if endpoint.method == "POST":
                body = entry_form(person, POST_TEXT, tz, False) + f"&token={uuid.uuid4()}"
                response = client.post(
                    path, body, content_type="application/x-www-form-urlencoded", headers=headers
                )
            else:
                response = client.get(path, headers=headers)
            if response.streaming:
                b"".join(response.streaming_content)
        profiler.stop()
        remove_posted(user, since)
        out = RESULTS / f"profile-{stamp}-{endpoint.key}.html"
        out.write_text(profiler.output_html())
        print(f"  {endpoint.label}: {out.relative_to(ROOT)}")
        print(profiler.output_text(unicode=False, color=False, show_all=False)[:4000])
        written.append(out)
    return written


# Report -----------------------------------------------------------------------------


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def at_most(value: float | None, limit: float) -> bool:
    return value is not None and value <= limit


def fmt(value: float | None, digits: int = 2, suffix: str = "x") -> str:
    return "–" if value is None else f"{value:.{digits}f}{suffix}"


def shape_report(shape: str, rows: dict, small: int, large: int) -> dict:
    """One shape's table as in issue 20 (p50 at both sizes, against the floor and
    against the small account), and its targets."""

    def p50(key: str, size: int) -> float | None:
        m = rows.get(key, {}).get("sizes", {}).get(str(size))
        return m["p50_ms"] if m else None

    growth = {
        key: ratio(p50(key, large), p50(key, small)) for key, row in rows.items() if row["sized"]
    }
    vs_floor = {key: ratio(p50(key, large), p50("floor", large)) for key in VS_FLOOR if key in rows}
    print(f"\n{SHAPES[shape]}, p50:")
    print(f"| page | {small} entries | {large} entries | {large} / floor | {large} / {small} |")
    print("|---|---|---|---|---|")
    for key, row in rows.items():
        if not row["sized"]:
            continue
        floor = 1.0 if key == "floor" else vs_floor.get(key)
        print(
            f"| {row['label']} | {fmt(p50(key, small), 1, ' ms')} | "
            f"{fmt(p50(key, large), 1, ' ms')} | {fmt(floor, 1, '')} | "
            f"{fmt(growth.get(key), 1, '')} |"
        )
    targets = {
        f"{shape}: {rows[key]['label']} within {VS_FLOOR[key]}x the floor (p50, {large})": at_most(
            value, VS_FLOOR[key]
        )
        for key, value in vs_floor.items()
    }
    targets |= {
        f"{shape}: {rows[key]['label']} grows at most {MAX_GROWTH}x": at_most(value, MAX_GROWTH)
        for key, value in growth.items()
        if key != "export"  # it carries every entry: it grows with the journal
    }
    return {"growth": growth, "vs_floor_at_large": vs_floor, "targets": targets}


def report(results: dict, sizes: dict, weight: dict, memory: list[dict]) -> dict:
    small, large = sizes["small"], sizes["large"]
    head = f"{'endpoint':<26} {'shape':<5} {'entries':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}"
    print(f"\n{head} {'p99 ms':>8} {'queries':>7}  errors")
    for shape, rows in results["shapes"].items():
        for row in rows.values():
            for size, m in row["sizes"].items():
                errors = (
                    f"{m['errors']} (status {m['first_unexpected_status']})" if m["errors"] else ""
                )
                print(
                    f"{row['label']:<26} {shape:<5} {size:>7} {m['rps']:>8.1f} {m['p50_ms']:>8.1f} "
                    f"{m['p95_ms']:>8.1f} {m['p99_ms']:>8.1f} {m['queries']:>7}  {errors}"
                )
    shapes = {
        shape: shape_report(shape, rows, small, large) for shape, rows in results["shapes"].items()
    }
    keys = {key for rows in results["shapes"].values() for key in rows}
    queries_constant = {
        key: len(
            {
                m["queries"]
                for rows in results["shapes"].values()
                for m in rows.get(key, {}).get("sizes", {}).values()
            }
        )
        == 1
        for key in keys
    }
    peak = max((w["peak_mb"] for w in memory), default=0)
    after = max((w["rss_mb"] for w in memory), default=0)
    print("\nWorkers' memory after the run (peak since start):")
    for w in memory:
        print(f"  pid {w['pid']}: {w['rss_mb']:.0f} MB ({w['peak_mb']:.0f} MB)")
    if peak >= MAX_RSS_MB:
        print("  (each login and password check runs Argon2 with Django's 100 MiB memory cost)")
    kinds = ", plotly among them!" if weight["log_page_has_plotly"] else ", no plotly"
    print(
        f"Log page JS+CSS, gzip: {weight['log_page_kb']:.1f} KB "
        f"in {len(weight['log_page_assets'])} files{kinds}"
    )
    for a in weight["plotly"]:
        print(
            f"plotly on chart pages: {a['url']} {a['bytes'] / 1024:.0f} KB "
            f"{a['encoding'] or 'uncompressed'}, Cache-Control: {a['cache_control']}"
        )
    everything = [
        m for rows in results["shapes"].values() for r in rows.values() for m in r["sizes"].values()
    ]
    targets = {name: ok for found in shapes.values() for name, ok in found["targets"].items()}
    targets |= {
        "queries per request constant across sizes and shapes": all(queries_constant.values()),
        f"worker RSS after the run < {MAX_RSS_MB} MB": bool(memory) and after < MAX_RSS_MB,
        f"log page JS+CSS <= {MAX_LOG_PAGE_KB} KB gzip": weight["log_page_kb"] <= MAX_LOG_PAGE_KB,
        "plotly only on chart pages, gzip, hashed, cached a year": weight["plotly_ok"]
        and not weight["log_page_has_plotly"],
        "no errors": all(m["errors"] == 0 for m in everything),
    }
    print("\nTargets:")
    for name, ok in targets.items():
        print(f"  {'ok  ' if ok else 'MISS'} {name}")
    return {
        "shapes_summary": {
            shape: {k: v for k, v in found.items() if k != "targets"}
            for shape, found in shapes.items()
        },
        "queries_constant": queries_constant,
        "worker_rss_after_mb": after,
        "worker_peak_mb": peak,
        "targets": targets,
    }


# Main -------------------------------------------------------------------------------


@dataclass
class Account:
    shape: str  # a key of SHAPES
    size: str  # "small" or "large"
    entries: int
    username: str
    user: object = None
    person: int = 0  # the busiest person's id: the person page measured
    browser: Browser | None = None


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries-small", type=int, default=200)
    parser.add_argument("--entries-large", type=int, default=20_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint and size")
    parser.add_argument("--warmup", type=int, default=1, help="seconds before each measurement")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="the accounts take turns this many times, --duration split between them",
    )
    parser.add_argument(
        "--per-day", type=float, default=2, help="entries a day in the long shape's accounts"
    )
    parser.add_argument(
        "--shapes", default="long,dense", help="comma-separated shapes to measure: long, dense"
    )
    parser.add_argument("--workers", type=int, help="WEB_CONCURRENCY (default: as configured, 2)")
    parser.add_argument("--threads", type=int, help="ALMOST_THREADS (default: as configured, 2)")
    parser.add_argument("--only", help="comma-separated endpoint keys to drive (default: all)")
    parser.add_argument("--json", type=Path, help="where to write the results")
    parser.add_argument(
        "--profile", action="store_true", help="pyinstrument each endpoint at the large sizes"
    )
    parser.add_argument("--keep", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.shapes = [s for s in args.shapes.split(",") if s]
    if not args.shapes or not set(args.shapes) <= set(SHAPES):
        parser.error(f"--shapes: pick from {', '.join(SHAPES)}")
    if args.per_day <= 0:
        parser.error("--per-day: a number of entries a day above 0 (the dense shape is the other)")
    return args


def server_environment(args: argparse.Namespace, bench_url: str, tmp: Path, port: int) -> dict:
    """The environment gunicorn and manage.py run with: DEBUG off, throwaway keys."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"ALMOST_MASTER_KEY_FILE", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=bench_url,
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        DJANGO_SECRET_KEY=SECRET_KEY,
        ALMOST_MASTER_KEY=MASTER_KEY,
        ALMOST_DATA_DIR=str(tmp / "data"),
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        ALMOST_BIND=f"127.0.0.1:{port}",
        GUNICORN_CMD_ARGS="--no-control-socket",
    )
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    if args.threads:
        env["ALMOST_THREADS"] = str(args.threads)
    return env


def database(args: argparse.Namespace, env: dict, accounts: list[Account], log: Path) -> None:
    """Migrate, seed every account with seed_demo, spread the long ones over the years,
    and set Django up in this process on the same database."""
    wait_all([manage(env, "migrate", "--noinput", "-v0", log=log)], "migrate", log)
    seeds = [
        manage(
            env,
            "seed_demo",
            *("--username", a.username, "--entries", str(a.entries)),
            *("--password", PASSWORD, "--time-zone", TIME_ZONE),
            log=log,
        )
        for a in accounts
    ]
    seeds.append(manage(env, "collectstatic", "--noinput", "-v0", log=log))
    wait_all(seeds, "seed_demo / collectstatic", log)
    os.environ.update(env)
    import django

    django.setup()
    logging.getLogger("almost").setLevel(logging.WARNING)  # force_login logs each login
    from django.db import connection

    from accounts.models import User
    from journal import rollups

    for a in accounts:
        a.user = User.objects.get(username=a.username)
        if a.shape == "long":
            spread(a.user.pk, args.per_day)
            rollups.rebuild(a.user)  # spread() moved every entry behind the app's back
    with connection.cursor() as cursor:
        # spread() rewrote every row: clean up and count, as autovacuum would have done.
        cursor.execute("VACUUM ANALYZE")
    for a in accounts:
        a.person = busiest_person(a.user)


def server(env: dict, base: str, accounts: list[Account], tmp: Path) -> subprocess.Popen:
    """gunicorn as docker-compose starts it, and each account logged in through the form."""
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    proc = start([gunicorn, "-c", "config/gunicorn.py", "config.wsgi"], env, tmp / "gunicorn.log")
    wait_until_up(base, proc, tmp / "gunicorn.log")
    for a in accounts:
        a.browser = Browser(base)
        a.browser.login(a.username)
    return proc


def load(
    args: argparse.Namespace, base: str, items: list[Endpoint], accounts: list[Account], tz
) -> dict:
    """Each endpoint in turn, every account taking turns (so a change in the machine's
    load hits them alike); then its queries per request. Results by shape and endpoint."""
    results: dict = {shape: {} for shape in args.shapes}
    for endpoint in items:
        takers = accounts if endpoint.sized else accounts[:1]  # it reads no account's data
        # An export is one person fetching one big file: one connection, one slice.
        export = endpoint.key == "export"
        rounds = 1 if export or not endpoint.sized else args.rounds
        connections = 1 if export else args.connections
        slices: dict[int, list[dict]] = {id(a): [] for a in takers}
        for turn in range(rounds):
            for a in takers:
                if export:
                    a.browser.reauthenticate()
                since = datetime.now(UTC)
                slices[id(a)].append(
                    drive(
                        base,
                        endpoint,
                        a.person,
                        a.browser if endpoint.logged_in else None,
                        seconds=max(1, round(args.duration / rounds)),
                        warmup=args.warmup if turn == 0 else 0,
                        connections=connections,
                    )
                )
                if endpoint.method == "POST":
                    remove_posted(a.user, since)
        for a in takers:
            measured = combine(slices[id(a)]) | {"connections": connections}
            since = datetime.now(UTC)
            measured["queries"] = count_queries(endpoint, a.user, a.person, tz)
            remove_posted(a.user, since)
            print(
                f"  {endpoint.label:<26} {a.shape:<5} {a.entries:>6}: {measured['rps']:7.1f} "
                f"req/s, p50 {measured['p50_ms']:7.1f} ms, p99 {measured['p99_ms']:7.1f} ms, "
                f"{measured['queries']} queries"
                + (f", {measured['errors']} ERRORS" if measured["errors"] else "")
            )
            # An unsized endpoint's figures stand for every account.
            shapes = [a.shape] if endpoint.sized else args.shapes
            sizes = [a.entries] if endpoint.sized else [args.entries_small, args.entries_large]
            for shape in shapes:
                row = results[shape].setdefault(
                    endpoint.key,
                    {
                        "label": endpoint.label,
                        "path": endpoint.path,
                        "method": endpoint.method,
                        "sized": endpoint.sized,
                        "sizes": {},
                    },
                )
                for size in sizes:
                    row["sizes"][str(size)] = measured
    return {"shapes": results}


def save(
    out: Path,
    results: dict,
    args: argparse.Namespace,
    env: dict,
    load: list,
    weight: dict,
    memory: list[dict],
    elapsed: float,
) -> None:
    """The results, the settings and the machine's load, as JSON in `out`."""
    results.update(
        when=datetime.now(UTC).isoformat(timespec="seconds"),
        settings={
            "entries": {"small": args.entries_small, "large": args.entries_large},
            "shapes": {shape: SHAPES[shape] for shape in args.shapes},
            "per_day": args.per_day,
            "duration_s": args.duration,
            "connections": args.connections,
            "rounds": args.rounds,
            "workers": int(env.get("WEB_CONCURRENCY", 2)),
            "threads": int(env.get("ALMOST_THREADS", 2)),
            "cores": os.cpu_count(),
        },
        load_average={"before": load[0], "after": load[1]},
        page_weight=weight,
        workers=memory,
        elapsed_s=round(elapsed, 1),
    )
    out.write_text(json.dumps(results, indent=2, default=str))


def main() -> None:
    args = arguments()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing. Install it from Debian: sudo apt-get install -y wrk")
    began = time.monotonic()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    RESULTS.mkdir(parents=True, exist_ok=True)
    admin, bench_url, db_name = database_urls(
        os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    )
    tmp = Path(tempfile.mkdtemp(prefix="almost-loadbench-"))
    log = tmp / "bench.log"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = server_environment(args, bench_url, tmp, port)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sizes = {"small": args.entries_small, "large": args.entries_large}
    accounts = [
        Account(shape, size, n, f"bench-{shape}-{n}")
        for shape in args.shapes
        for size, n in sizes.items()
    ]
    load_before = loadavg()
    print(f"load average {load_before}, {os.cpu_count()} cores; database {db_name}; logs in {log}")
    admin_sql(admin, f'CREATE DATABASE "{db_name}"')
    proc = None
    try:
        step = time.monotonic()
        database(args, env, accounts, log)
        print(f"seeded {len(accounts)} accounts in {time.monotonic() - step:.0f} s")
        proc = server(env, base, accounts, tmp)
        tz = ZoneInfo(TIME_ZONE)
        items = endpoints(
            entry_form(0, POST_TEXT, tz, True).replace("person=0", "person={person}"),
            entry_form(0, HINT_TEXT, tz, False).replace("person=0", "person={person}"),
        )
        if args.only:
            keep = set(args.only.split(",")) | {"floor"}
            items = [e for e in items if e.key in keep]
        results = load(args, base, items, accounts, tz)
        # What the pages ship, and memory after the run.
        weight = page_weight(base, accounts[0].browser, accounts[0].person)
        memory = workers_memory(proc.pid)
        results.update(report(results, sizes, weight, memory))
        load_after = loadavg()
        elapsed = time.monotonic() - began
        print(
            f"\nload average before {load_before}, after {load_after}; "
            f"{os.cpu_count()} cores; finished in {elapsed:.0f} s"
        )
        out = args.json or RESULTS / f"bench-{stamp}.json"
        save(out, results, args, env, [load_before, load_after], weight, memory, elapsed)
        print(f"results: {out}")
        if args.profile:
            for a in accounts:
                if a.size == "large":
                    print(f"\nProfiles, {a.shape} shape at {a.entries} entries:")
                    profile(items, a.user, a.person, tz, f"{stamp}-{a.shape}")
    finally:
        if proc is not None:
            stop(proc)
        for child in started:
            stop(child)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001, S110  # nosec B110  # Django may not be set up yet
            pass
        if args.keep:
            print(f"kept database {db_name} and {tmp}")
        else:
            admin_sql(admin, f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
