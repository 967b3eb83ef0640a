"""Tiny typed readers for settings that come from the environment.

Each reader rejects odd values loudly, so a typo in a deployment fails at start
instead of quietly turning a safety off.
"""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {raw!r}.")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def envsecret(name: str, data_dir: Path, filename: str, *, generate: bool) -> str:
    """Read a secret from the environment, or from (and if allowed, into) the data folder."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    path = data_dir / filename
    if path.exists():
        return path.read_text().strip()
    if not generate:
        raise ImproperlyConfigured(f"Set {name}: no secret was found in the environment.")
    data_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(50)
    path.touch(mode=0o600)
    path.write_text(value)
    return value
