"""Import a WhatsApp or Telegram chat export for one person (shared/CHAT-IMPORT.md)."""

import json
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from journal.forms import tidy_name
from portability.chat import figures
from portability.chat.parse import MAX_BYTES, ChatError, pick_me, read_chat
from portability.chats import check_dates, find_person, store_chat


class Command(BaseCommand):
    help = (
        "Read a chat export (a WhatsApp .txt or .zip, or Telegram Desktop's result.json; "
        "- reads standard input), print its figures, and store each conversation once as "
        "an entry of the person. Nothing is stored with --dry-run, or when anything is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The export, or - for standard input.")
        parser.add_argument("--username", required=True, help="The account to import into.")
        parser.add_argument("--person", required=True, help="The person (made if new).")
        parser.add_argument("--me", help="Your name as the chat shows it.")
        parser.add_argument(
            "--date-order",
            choices=["dmy", "mdy"],
            help="Day first (dmy) or month first (mdy), when no date in the file shows it.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show the figures only.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, file, username, person, me, date_order, dry_run, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no account named “{username}”.")
        try:
            name = tidy_name(person)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        if not name:
            raise CommandError("Give the person's name with --person.")
        try:
            chat = read_chat(self.read(file), date_order)
            mine = pick_me(chat, me, name)
            check_dates(chat, user.tz)
        except ChatError as error:
            raise CommandError(str(error)) from None
        points = figures.points(chat.messages, mine)
        found = figures.conversations(points)
        summary = figures.summarise(points, found) | {"created": 0, "already_there": 0}
        if not dry_run:
            try:
                stored = store_chat(user, find_person(user, name), name, chat, mine, found)
            except ChatError as error:
                raise CommandError(str(error)) from None
            summary |= {"created": stored.created, "already_there": stored.already_there}
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(self.report(summary, name, dry_run))

    def read(self, file: str) -> bytes:
        """The file's bytes, at most one more than the limit (read_chat says it is too big)."""
        if file == "-":
            return sys.stdin.buffer.read(MAX_BYTES + 1)
        try:
            with open(file, "rb") as handle:
                return handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(f"Can't read {file}: {error.strerror or error}.") from None

    def report(self, s: dict, name: str, dry_run: bool) -> str:
        conversations = s["conversations"]
        lines = [
            f"{s['messages']['me']} messages from you and {s['messages']['them']} from "
            f"{name}, {s['first']} to {s['last']}.",
            f"{conversations['total']} conversations: you started "
            f"{conversations['started_by_me']}, {name} {conversations['started_by_them']}.",
        ]
        if dry_run:
            lines.append("Nothing was stored (--dry-run).")
        else:
            lines.append(
                f"Stored {s['created']} new conversations; {s['already_there']} were there already."
            )
        return "\n".join(lines)
