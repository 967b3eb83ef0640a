"""`manage.py serve [ADDR:PORT]`: the one-command start for the embedded install."""

import os
import sys

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command


class Command(BaseCommand):
    help = (
        "Apply migrations, collect static files and serve Almost with gunicorn "
        "(default 127.0.0.1:8000)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport", nargs="?", default="127.0.0.1:8000", help="ADDR:PORT or PORT"
        )

    def handle(self, *args, addrport: str, **options):
        host, _, port = addrport.rpartition(":")
        host = host or "127.0.0.1"
        if not port.isdigit():
            raise CommandError(f"“{addrport}” is not ADDR:PORT, for example 127.0.0.1:8000.")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        shown = "127.0.0.1" if host in {"0.0.0.0", "::", "[::]"} else host  # nosec B104  # a comparison, binds nothing
        self.stdout.write(f"Almost is running. Open http://{shown}:{port}/ in your browser.")
        if settings.DEBUG:
            self.stdout.write("DEBUG is on: never use this setting for real data.")
        self.stdout.write("Press Ctrl+C to stop.")
        sys.stdout.flush()
        os.environ["ALMOST_BIND"] = f"{host}:{port}"
        os.execvp(
            sys.executable,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                str(settings.BASE_DIR / "config" / "gunicorn.py"),
                "config.wsgi",
            ],
        )
