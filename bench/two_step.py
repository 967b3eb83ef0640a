"""Server time of each step of signing in with a second step (target: under 300 ms each).

    uv run python bench/two_step.py [--runs 30]

Runs in a throwaway test database (in-memory SQLite, or test_<name> on the PostgreSQL
server in DATABASE_URL), dropped at the end, with the production password hasher
(Argon2), not the tests' fast one. Each run is a new browser (test client) that logs in:
the password, then the second step. Timed in the process, from the request to the
response, so the figures are the server's time without a network:

- the password step (POST /accounts/login/), and the second step page (GET);
- an authenticator app code, and a recovery code (POST);
- a passkey as second step, and a passkey alone: asking for the challenge (begin) and
  checking the signed answer (complete), signed by tests/softkey.py.

Prints the median and the slowest run of each, in ms.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
os.environ.setdefault("ALMOST_DATA_DIR", tempfile.mkdtemp(prefix="almost-bench-"))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_otp.oath import TOTP  # noqa: E402

from accounts.models import AuthenticatorApp, RecoveryCodes, User  # noqa: E402
from config import settings as production  # noqa: E402
from tests.softkey import SoftKey  # noqa: E402

PASSWORD = "bench only, long enough"  # nosec B105: throwaway benchmark account


class Timer:
    def __init__(self):
        self.times: dict[str, list[float]] = {}

    def __call__(self, label: str, action):
        start = time.perf_counter()
        response = action()
        self.times.setdefault(label, []).append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 302), (label, response.status_code)
        return response


def password_step(timer: Timer, username: str) -> Client:
    client = Client()
    data = {"username": username, "password": PASSWORD}
    response = timer("password step (POST)", lambda: client.post(reverse("login"), data))
    assert response.url == reverse("accounts-second-step"), response.url
    return client


def passkey(timer: Timer, client: Client, key: SoftKey, label: str) -> None:
    begin = reverse("accounts-passkey-login-begin")
    options = timer(f"{label}: begin", lambda: client.post(begin)).json()
    body = json.dumps({"credential": key.answer(options)})
    complete = reverse("accounts-passkey-login-complete")
    response = timer(f"{label}: complete", lambda: client.post(complete, body, "application/json"))
    assert "next" in response.json(), response.json()


def run(timer: Timer, runs: int) -> None:
    app_user = User.objects.create_user("app", password=PASSWORD)
    app = AuthenticatorApp.start(app_user)
    app.confirmed = True
    app.save()
    codes = RecoveryCodes.replace_for(app_user)
    key_user = User.objects.create_user("key", password=PASSWORD)
    key = SoftKey(key_user)
    second = reverse("accounts-second-step")

    for i in range(runs + 1):  # the first run warms up (templates, connections, keys)
        if i == 1:
            timer.times.clear()
        AuthenticatorApp.objects.filter(pk=app.pk).update(last_t=-1)  # one code per step
        clock = TOTP(app.bin_key)
        client = password_step(timer, "app")
        timer("second step page (GET)", lambda c=client: c.get(second))
        code = {"code": f"{clock.token():06d}"}
        timer("app code (POST)", lambda c=client, d=code: c.post(second, d))

        if not codes:
            codes = RecoveryCodes.replace_for(app_user)
        client = password_step(timer, "app")
        code = {"code": codes.pop()}
        timer("recovery code (POST)", lambda c=client, d=code: c.post(second, d))

        passkey(timer, password_step(timer, "key"), key, "passkey as second step")
        passkey(timer, Client(), key, "passkey alone")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    timer = Timer()
    try:
        with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
            run(timer, args.runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"database: {connection.vendor}, {args.runs} runs, password hasher: Argon2")
    print(f"\n{'server time, ms':<36}{'median':>10}{'slowest':>10}")
    for label, times in timer.times.items():
        print(f"{label:<36}{statistics.median(times):>10.1f}{max(times):>10.1f}")


if __name__ == "__main__":
    main()
