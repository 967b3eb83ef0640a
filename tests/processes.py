"""Running `manage.py` in a process of its own, as a person (or cron) would."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def manage(*args: str, env: dict[str, str], **options) -> subprocess.CompletedProcess:
    """`python manage.py ARGS` with this environment, from the repository root."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        **options,
    )


def environment(**changes: str) -> dict[str, str]:
    """This process's environment with `changes` on top."""
    return {**os.environ, **changes}


LOOSE_UMASK = 0o022


def quick_start(data: Path, keys: Path, *args: str) -> subprocess.CompletedProcess:
    """`manage.py ARGS` as the quick start runs it: real settings, nothing set but the
    data and keys folders, and a shell's usual umask, which Almost must not rely on."""
    unset = ("ALMOST_", "DJANGO_", "DATABASE_")
    kept = {name: value for name, value in os.environ.items() if not name.startswith(unset)}
    folders = {"ALMOST_DATA_DIR": str(data), "ALMOST_KEY_DIR": str(keys)}
    env = {**kept, **folders, "DJANGO_SETTINGS_MODULE": "config.settings"}
    return manage(*args, env=env, preexec_fn=lambda: os.umask(LOOSE_UMASK))
