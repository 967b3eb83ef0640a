"""`manage.py restore FILE [--force]`: bring a backup back into an empty database."""

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
            "--force",
            action="store_true",
            help="Restore even though the database already holds data, overwriting it.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="The database alias to restore into (default: default).",
        )

    def handle(self, *args, file: Path, force: bool, database: str, **options):
        connection = connections[database]
        try:
            restore(connection, file, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        name = connection.settings_dict["NAME"]
        self.stdout.write(f"Restored {file.name} into {name}. Everything is back.")
        self.stdout.write(
            "The sealed text needs the master key it was written with: set the same "
            "ALMOST_MASTER_KEY (or key file) as the install the backup came from."
        )
