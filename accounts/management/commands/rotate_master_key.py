"""`manage.py rotate_master_key`: wrap every account key under a new master key.

The sealed text is not touched: only the small wrapped keys in accounts_datakey change.
Keys are re-wrapped in batches, one transaction each, and every row records which master
key wrapped it, so a run that stops halfway continues where it stopped when run again.
Then the keyring in the backups folder is written anew, so every backup there opens
with the new key alone, and the old key is kept in the keys folder, never beside the
backups, only for keyrings copied elsewhere before.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.db import connection, transaction

from accounts import crypto
from accounts.keyring import write_keyring
from accounts.models import DataKey

NEW_KEY_FILE = "master_key.new"


class Command(BaseCommand):
    help = (
        "Re-wrap every account's data key under a new master key, without touching the "
        "sealed text. Stop Almost first. Safe to run again after an interruption."
    )
    # The system checks would stop a half-done rotation from being finished.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--new-key-file",
            type=Path,
            help="File holding the new master key (base64 of 32 bytes). Without it, a new "
            f"key is made in the keys folder as {NEW_KEY_FILE} (or taken from there when "
            "resuming).",
        )
        parser.add_argument("--batch-size", type=int, default=200, help="Keys per transaction.")

    def handle(self, *args, new_key_file: Path | None, batch_size: int, **options):
        try:
            old = crypto.master_key()
        except crypto.MasterKeyError as error:
            raise CommandError(f"The current master key can't be loaded: {error}") from None
        new, new_path = self._new_key(new_key_file)
        if new.id == old.id:
            raise CommandError("The new master key is the same as the current one.")
        unknown = DataKey.objects.exclude(master_key_id__in=[old.id, new.id])
        if unknown.exists():
            ids = ", ".join(sorted(set(unknown.values_list("master_key_id", flat=True))))
            raise CommandError(
                f"Some account keys are wrapped by a master key that is neither the current "
                f"one ({old.id}) nor the new one ({new.id}): {ids}. Set the master key they "
                "were made with, then run this again."
            )
        todo = DataKey.objects.filter(master_key_id=old.id)
        total = todo.count()
        self.stdout.write(f"Re-wrapping {total} account key(s): master key {old.id} -> {new.id}.")
        done = 0
        while batch := list(todo.order_by("pk").values_list("pk", flat=True)[:batch_size]):
            done += self._rewrap(batch, old, new)
            self.stdout.write(f"  {done} of {total}")
        self._finish(old, new, new_path)

    def _new_key(self, path: Path | None) -> tuple[crypto.MasterKey, Path]:
        if path is not None:
            return crypto.read_key_file(path, "given with --new-key-file"), path
        path = Path(settings.KEY_DIR) / NEW_KEY_FILE
        if crypto.write_key_file(path, crypto.new_key_text()):
            self.stdout.write(f"Made a new master key in {path}.")
        else:
            self.stdout.write(f"Resuming with the new master key in {path}.")
        return crypto.read_key_file(path, "made by an earlier run"), path

    def _rewrap(self, pks: list, old: crypto.MasterKey, new: crypto.MasterKey) -> int:
        with transaction.atomic():
            rows = list(
                DataKey.objects.select_for_update().filter(pk__in=pks, master_key_id=old.id)
            )
            for row in rows:
                raw = crypto.unwrap_data_key(old, row.user_id, row.wrapped, row.master_key_id)
                row.wrapped = crypto.wrap_data_key(new, row.user_id, raw)
                row.master_key_id = new.id
            DataKey.objects.bulk_update(rows, ["wrapped", "master_key_id"])
        return len(rows)

    def _finish(self, old: crypto.MasterKey, new: crypto.MasterKey, new_path: Path) -> None:
        keyring = self._write_keyring()
        key_file = Path(settings.KEY_DIR) / crypto.KEY_FILE
        earlier = Path(settings.DATA_DIR) / crypto.KEY_FILE
        if old.file in {key_file, earlier} and new_path.name == NEW_KEY_FILE:
            # The generated key: put the new one in its place, keeping the old one aside
            # in the keys folder, so the server never finds itself without a key.
            retired = key_file.with_name(f"{crypto.KEY_FILE}.old-{old.id}")
            crypto.write_key_file(retired, old.file.read_text().strip())
            os.replace(new_path, key_file)
            if old.file == earlier:
                earlier.unlink()  # out of the data folder, where the backups are
            crypto.forget_master_key()
            self.stdout.write(
                f"Done. The new master key is in {key_file}: back it up now, apart from "
                f"the backups.\n{keyring}\nThe old key is kept in {retired}, apart "
                "from the backups, for keyrings copied elsewhere before today: replace "
                "those with the new keyring, then delete the old key.\nStart Almost again."
            )
            return
        self.stdout.write(
            f"Done. Every account key is wrapped by the new master key ({new.id}), in "
            f"{new_path}.\n{keyring}\nPoint Almost at the new key "
            f"(ALMOST_MASTER_KEY_FILE={new_path}, or ALMOST_MASTER_KEY set to its "
            "contents), then start Almost again. Keep the old key only as long as you "
            "keep keyrings copied elsewhere before today, and never beside the backups."
        )

    def _write_keyring(self) -> str:
        folder = Path(settings.BACKUP_DIR)
        if not folder.is_dir():
            return "There is no backups folder yet, so no keyring to write anew."
        path = write_keyring(connection, folder)
        return f"The keyring {path} is written anew: the backups beside it open with the new key."
