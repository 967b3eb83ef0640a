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


def private_folder(path: Path) -> Path:
    """Make `path` a folder only its owner can enter (0700), tightening an older, looser one.

    Files directly inside it are made owner-only too (0600): earlier versions left the
    database readable by every local user.
    """
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    for item in (path, *path.iterdir()):
        mode = 0o700 if item.is_dir() else 0o600
        try:
            if item.is_symlink() or item.stat().st_mode & 0o777 == mode:
                continue
            item.chmod(mode)
        except (PermissionError, FileNotFoundError):
            pass  # Not ours to change (or gone): the folder's own 0700 still guards it.
    return path


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
    private_folder(data_dir)
    value = secrets.token_urlsafe(50)
    path.touch(mode=0o600)
    path.write_text(value)
    return value
