"""`manage.py backup [--output DIR] [--json]`: a consistent, timestamped backup."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from journal.backups import KEYRING, BackupError, backup
from journal.models import purge_expired_trash

FORMATS = {
    ".dump": "PostgreSQL custom format (restore with `manage.py restore` or pg_restore)",
    ".sqlite3": "SQLite database copy",
    ".json.gz": "JSON, every row",
}


class Command(BaseCommand):
    help = (
        "Back up the whole database into a timestamped file: pg_dump on PostgreSQL "
        "(JSON when pg_dump is not installed), SQLite's online backup on SQLite."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="Folder for the backup (default: backups/ in the data folder).",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Write every row as JSON, whatever the database. Use it to move "
            "from SQLite to PostgreSQL.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="The database alias to back up (default: default).",
        )

    def handle(self, *args, output: Path | None, json: bool, database: str, **options):
        directory = output or Path(settings.BACKUP_DIR)
        # Entries past the trash's days are gone: no backup should bring them back.
        purge_expired_trash()
        try:
            path = backup(connections[database], directory, as_json=json)
        except BackupError as error:
            raise CommandError(str(error)) from None
        kind = next(text for suffix, text in FORMATS.items() if path.name.endswith(suffix))
        size = path.stat().st_size
        shown = f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size // 1024 + 1} KB"
        self.stdout.write(f"Backup written: {path} ({shown}, {kind}).")
        self.stdout.write(
            f"The accounts' keys are in {path.parent / KEYRING}, which replaced the one "
            "before: copy it along with the backups, and keep no older copy of it, so "
            "deleted accounts stay sealed. Keep both as private as the server. The master "
            "key is in neither: keep a copy of it apart from your backups, or the sealed "
            "text in them cannot be read."
        )
