"""`manage.py rebuild_rollups [--user NAME]`: write the charts' week sums again."""

from django.core.management import BaseCommand

from accounts.models import User
from journal import rollups
from journal.management.user_option import account_named


class Command(BaseCommand):
    help = (
        "Write the week sums the charts read again from the entries, for every account "
        "or one with --user. Each account is rewritten in a transaction of its own."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", help="Only this username's sums.")

    def handle(self, *args, user: str | None = None, **options):
        users = User.objects.order_by("pk")
        if user is not None:
            users = users.filter(pk=account_named(user).pk)
        accounts = rows = 0
        for account in users.iterator():
            rows += rollups.rebuild(account)
            accounts += 1
        self.stdout.write(f"Rebuilt {rows} week sums for {accounts} accounts.")
