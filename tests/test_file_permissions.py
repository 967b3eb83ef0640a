"""The data folder is its owner's alone: the folder 0700, every file in it 0600.

Each test starts Almost the way the quick start does, in its own process with the
real settings and a shell's usual umask (022), on an empty or an older data folder.
"""

import stat
from pathlib import Path

from tests.processes import quick_start


def modes(folder: Path) -> dict[str, str]:
    found = {".": oct(stat.S_IMODE(folder.stat().st_mode))}
    for path in folder.rglob("*"):
        found[str(path.relative_to(folder))] = oct(stat.S_IMODE(path.stat().st_mode))
    return found


def test_the_quick_start_makes_a_private_data_folder(tmp_path):
    data = tmp_path / "data"

    started = quick_start(data, tmp_path / "keys", "migrate", "--noinput")
    backed_up = quick_start(data, tmp_path / "keys", "backup")

    assert started.returncode == 0, started.stderr
    assert backed_up.returncode == 0, backed_up.stderr
    found = modes(data)
    assert {"almost.sqlite3", "secret_key", "backups"} <= found.keys()
    folders = {name for name in found if (data / name).is_dir()}
    assert {name: found[name] for name in folders} == dict.fromkeys(folders, "0o700")
    files = found.keys() - folders
    assert {name: found[name] for name in files} == dict.fromkeys(files, "0o600")
    assert modes(tmp_path / "keys") == {".": "0o700", "master_key": "0o600"}


def test_an_older_data_folder_is_made_private_at_start(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    secret = data / "secret_key"
    secret.write_text("an older install's secret key, readable by all")
    secret.chmod(0o644)

    started = quick_start(data, tmp_path / "keys", "migrate", "--noinput")

    assert started.returncode == 0, started.stderr
    assert modes(data)["."] == "0o700"
    assert modes(data)["secret_key"] == "0o600"
    assert modes(data)["almost.sqlite3"] == "0o600"
