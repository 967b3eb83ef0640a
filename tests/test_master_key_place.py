"""The master key is kept apart from the data folder and its backups.

One copy of a folder must never take both the backups and the key that opens them:
the quick start makes its key in a keys folder of its own, the container in a volume
of its own, an install that still keeps its key beside the backups is warned at every
start, and rotating the key leaves no key in the data folder.
"""

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from ruamel.yaml import YAML

from accounts import crypto
from accounts.models import DataKey
from journal.models import Interaction
from tests.processes import quick_start

ROOT = Path(__file__).resolve().parent.parent


def test_the_quick_start_makes_its_master_key_apart_from_the_data_folder(tmp_path):
    started = quick_start(tmp_path / "data", tmp_path / "keys", "migrate", "--noinput")

    assert started.returncode == 0, started.stderr
    assert (tmp_path / "keys" / "master_key").is_file()
    assert not (tmp_path / "data" / "master_key").exists()
    assert "accounts.W001" not in started.stderr


def test_a_master_key_beside_the_backups_is_warned_about_at_every_start(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    # Where earlier versions made it: in the data folder, which holds the backups.
    (data / "master_key").write_text(crypto.new_key_text())

    started = quick_start(data, tmp_path / "keys", "migrate", "--noinput")

    assert started.returncode == 0, started.stderr
    assert "accounts.W001" in started.stderr
    assert f"The master key ({data / 'master_key'}) sits beside the backups" in started.stderr
    assert f"move the key into {tmp_path / 'keys'}" in started.stderr
    assert not (tmp_path / "keys" / "master_key").exists()  # the existing key is used


def compose() -> dict:
    return YAML(typ="safe").load((ROOT / "docker-compose.yml").read_text())


def test_the_container_keeps_its_master_key_in_a_volume_of_its_own():
    dockerfile = (ROOT / "Dockerfile").read_text()
    (key_dir,) = re.findall(r"ALMOST_KEY_DIR=(\S+)", dockerfile)
    web = compose()["services"]["web"]
    assert "ALMOST_KEY_DIR" not in (web.get("environment") or {})
    mounts = {target: source for source, target in (v.split(":")[:2] for v in web["volumes"])}

    assert not Path(key_dir).is_relative_to("/app/data")
    assert key_dir in mounts, "the keys folder needs a volume, or a new container loses it"
    assert mounts[key_dir] != mounts["/app/data"]
    assert mounts[key_dir] in compose()["volumes"]
    assert re.search(rf"chmod 0700 .*{re.escape(key_dir)}", dockerfile)
    assert "keys/" in (ROOT / ".dockerignore").read_text().split()


@pytest.fixture
def folders(settings, tmp_path) -> Path:
    """The generated master key of an install in tmp_path, and a backup made under it."""
    settings.MASTER_KEY = ""
    settings.DATA_DIR = tmp_path / "data"
    settings.KEY_DIR = tmp_path / "keys"
    settings.BACKUP_DIR = tmp_path / "data" / "backups"
    crypto.forget_master_key()
    yield tmp_path
    crypto.forget_master_key()


def rotate_and_check(folders: Path, sam, old: crypto.MasterKey) -> str:
    secret = Interaction.objects.create(
        user=sam.user, person=sam, text="Before rotation.", feeling=0
    )
    call_command("backup", stdout=io.StringIO())
    out = io.StringIO()

    call_command("rotate_master_key", stdout=out)

    new = crypto.master_key()
    assert new.id != old.id
    assert new.file == folders / "keys" / "master_key"
    assert (folders / "keys" / f"master_key.old-{old.id}").read_text().strip()
    assert not list((folders / "data").rglob("master_key*")), "no key beside the backups"
    keyring = json.loads((folders / "data" / "backups" / "keyring.json").read_text())
    assert {account["master_key_id"] for account in keyring["accounts"]} == {new.id}
    assert set(DataKey.objects.values_list("master_key_id", flat=True)) == {new.id}
    assert Interaction.objects.get(pk=secret.pk).text == "Before rotation."
    return out.getvalue()


@pytest.mark.django_db(transaction=True)  # the backup reads committed rows
def test_rotating_the_generated_key_keeps_the_old_one_apart_from_the_backups(folders, sam):
    old = crypto.master_key()  # made now, in the keys folder

    said = rotate_and_check(folders, sam, old)

    assert "the backups beside it open with the new key" in said
    assert "for keyrings copied elsewhere before today" in said


@pytest.mark.django_db(transaction=True)
def test_rotating_a_key_left_in_the_data_folder_moves_it_out(folders, sam):
    (folders / "data").mkdir()
    (folders / "data" / "master_key").write_text(crypto.new_key_text())
    old = crypto.master_key()
    assert old.file == folders / "data" / "master_key"

    rotate_and_check(folders, sam, old)
