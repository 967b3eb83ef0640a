"""`manage.py restore FILE [--keyring FILE] [--force]`: bring a backup back into an empty
database, with the accounts' keys from the keyring written beside it."""

from pathlib import Path

from django.core.management import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from journal.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` (.dump, .sqlite3 or .json.gz) into "
        "an empty database, then migrate it to this version."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file.")
        parser.add_argument(
            "--keyring",
            type=Path,
            default=None,
            help="The keyring holding the accounts' keys (default: keyring.json beside "
            "the backup). Use the newest you have: accounts deleted before it was written "
            "stay deleted.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore even though the database already holds data, overwriting it.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="The database alias to restore into (default: default).",
        )

    def handle(
        self, *args, file: Path, keyring: Path | None, force: bool, database: str, **options
    ):
        connection = connections[database]
        try:
            dropped = restore(connection, file, force=force, keyring_path=keyring)
        except BackupError as error:
            raise CommandError(str(error)) from None
        name = connection.settings_dict["NAME"]
        self.stdout.write(f"Restored {file.name} into {name}. Everything is back.")
        if dropped:
            self.stdout.write(
                f"{len(dropped)} account(s) in the backup were deleted after it was made: "
                "the keyring holds no key for them, so they were left out, sealed for good."
            )
        self.stdout.write("This server's master key opens every account's key in it.")
