"""Running `manage.py` in a process of its own, as a person (or cron) would."""

import os
import subprocess
import sys

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
