"""Screenshots of Almost's main pages, and a pixel diff between two sets of them.

    uv run python tools/screenshots.py OUT_DIR            # take them
    uv run python tools/screenshots.py --compare A B      # share of differing pixels

Taking them starts `manage.py serve` on a throwaway SQLite database in a temporary
folder, fills a demo account (`manage.py seed_demo`, fixed seed), logs in through the
form and saves full-page PNGs of each page at 1280 and 375 px wide. Before/after pairs
are meant for a refactor that should change nothing on screen.

What makes two runs comparable:
- The server and seed_demo run on a frozen clock (MOMENT, through time-machine, loaded
  by a `sitecustomize` module on PYTHONPATH), so the demo entries' dates, "today", the
  last 12 weeks and the review's week are the same in every run. The browser's clock is
  frozen at the same moment, its time zone and locale fixed, animations off.
- A fresh database, so ids and orders repeat.

The diff decodes the PNGs in Chromium (a canvas), as Pillow is not in the environment.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from base64 import b64encode
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("ALMOST_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
MOMENT = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday, after the tests' dates
TIME_ZONE = "Europe/London"
USERNAME, PASSWORD = "demo", "screenshots-demo-2026"
WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}

# name -> path; "person" is found on the people list, "trash" comes last (after a delete).
PAGES = {
    "log": "/",
    "people": "/people/",
    "person": None,
    "weekly-12w": "/patterns/?range=12w",
    "weekly-all": "/patterns/?range=all",
    "guidance": "/guidance/",
    "basics": "/patterns/basics/",
    "review": "/patterns/review/",
    "learning": "/patterns/learning/",
    "settings": "/accounts/settings/",
    "import": "/accounts/import/",
    "import-chat": "/import/chat/",
    "trash": "/trash/",
}

# Loaded by every Python process of the server (PYTHONPATH): a frozen clock.
SITECUSTOMIZE = """\
import os
if moment := os.environ.get("ALMOST_SCREENSHOT_MOMENT"):
    import time_machine
    time_machine.travel(moment, tick=False).start()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(tmp: Path) -> dict[str, str]:
    (tmp / "clock").mkdir()
    (tmp / "clock" / "sitecustomize.py").write_text(SITECUSTOMIZE)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        ALMOST_DATA_DIR=str(tmp / "data"),
        ALMOST_KEY_DIR=str(tmp / "keys"),
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DJANGO_DEBUG="0",
        WEB_CONCURRENCY="1",
        ALMOST_SCREENSHOT_MOMENT=MOMENT.isoformat(),
        PYTHONPATH=os.pathsep.join(filter(None, [str(tmp / "clock"), env.get("PYTHONPATH")])),
    )
    return env


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"The server stopped (exit {server.returncode}).")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):  # nosec B310  # our own http://127.0.0.1 server
                return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"The server did not answer at {url} within {seconds:.0f} s.")


def settle(page) -> None:
    """Wait until the page and what htmx loads on its own are in, and fonts are drawn."""
    page.wait_for_load_state("networkidle")
    page.evaluate("() => document.fonts.ready")
    page.wait_for_timeout(300)


def log_in(page, base: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)


def shoot_all(browser, base: str, out: Path) -> list[str]:
    notes = []
    for label, (width, height) in WIDTHS.items():
        context = browser.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=1,
            is_mobile=label == "phone",
            has_touch=label == "phone",
            locale="en-GB",
            timezone_id=TIME_ZONE,
            color_scheme="light",
            reduced_motion="reduce",
            service_workers="block",
        )
        page = context.new_page()
        page.clock.set_fixed_time(MOMENT)
        log_in(page, base)
        for name, path in PAGES.items():
            if name == "person":
                page.goto(base + "/people/")
                path = page.locator("main a[href^='/people/'][href$='/']").first.get_attribute(
                    "href"
                )
            if name == "trash" and label == "desktop":
                # One entry in the trash (the newest), so the page has something to list.
                page.goto(base + "/")
                page.locator("form[action$='/delete/'] button[type=submit]").first.click()
                page.wait_for_load_state("networkidle")
            response = page.goto(base + path)
            settle(page)
            status = response.status if response else 0
            if status != 200:
                notes.append(f"{name} ({label}): HTTP {status} at {path}")
            page.screenshot(path=out / f"{name}-{label}.png", full_page=True, animations="disabled")
            print(f"{name}-{label}.png  {path}  {status}", flush=True)
        context.close()
    return notes


def take(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="almost-shots-"))
    env = server_env(tmp)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # nosec B603 B607  # fixed arguments, uv from PATH
        ["uv", "run", "manage.py", "serve", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp / "server.log", "w"),  # noqa: SIM115  # open while the server runs
    )
    try:
        wait_until_up(base, server)
        subprocess.run(  # nosec B603 B607
            ["uv", "run", "manage.py", "seed_demo", "--username", USERNAME,
             "--password", PASSWORD, "--time-zone", TIME_ZONE, "--seed", "2026"],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=FLAGS
            )
            notes = shoot_all(browser, base, out)
            browser.close()
    except BaseException:
        print((tmp / "server.log").read_text()[-4000:], file=sys.stderr)  # the server's say
        raise
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)
    for note in notes:
        print("Not 200:", note)


# Both images drawn on canvases of the larger size: a pixel is different where any channel
# differs, or where only one image covers it (a page that grew or shrank).
DIFF_JS = """async ([a, b]) => {
  const load = src => new Promise((ok, fail) => {
    const img = new Image(); img.onload = () => ok(img); img.onerror = fail; img.src = src;
  });
  const [ia, ib] = await Promise.all([load(a), load(b)]);
  const w = Math.max(ia.width, ib.width), h = Math.max(ia.height, ib.height);
  const pixels = img => {
    const c = new OffscreenCanvas(w, h), ctx = c.getContext("2d");
    ctx.drawImage(img, 0, 0);
    return ctx.getImageData(0, 0, w, h).data;
  };
  const pa = pixels(ia), pb = pixels(ib);
  let diff = 0;
  for (let i = 0; i < pa.length; i += 4) {
    if (pa[i] !== pb[i] || pa[i+1] !== pb[i+1] || pa[i+2] !== pb[i+2] || pa[i+3] !== pb[i+3]) diff++;
  }
  return {diff, total: w * h, a: [ia.width, ia.height], b: [ib.width, ib.height]};
}"""


def compare(before: Path, after: Path) -> None:
    from playwright.sync_api import sync_playwright

    names = sorted({p.name for p in before.glob("*.png")} | {p.name for p in after.glob("*.png")})
    if not names:
        sys.exit(f"No PNG files in {before} or {after}.")

    def data_url(path: Path) -> str:
        return "data:image/png;base64," + b64encode(path.read_bytes()).decode()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = browser.new_page()
        for name in names:
            a, b = before / name, after / name
            if not (a.exists() and b.exists()):
                print(f"{name:28} only in {before if a.exists() else after}")
                continue
            if a.read_bytes() == b.read_bytes():
                print(f"{name:28} 0.000%  identical")
                continue
            r = page.evaluate(DIFF_JS, [data_url(a), data_url(b)])
            size = "" if r["a"] == r["b"] else f"  size {r['a']} -> {r['b']}"
            print(f"{name:28} {100 * r['diff'] / r['total']:.3f}%{size}")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, help="folder for the PNG files")
    parser.add_argument(
        "--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"), help="diff two folders"
    )
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
    elif args.out:
        take(args.out)
    else:
        parser.error("give a folder to save to, or --compare BEFORE AFTER")


if __name__ == "__main__":
    main()
