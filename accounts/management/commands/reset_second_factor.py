"""Turn off someone's second step when they've lost every passkey, their phone and their
recovery codes. For whoever runs the server; the person's password still stands."""

import logging

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import User
from accounts.two_step import factors_of, remove_all

log = logging.getLogger("almost.auth")


class Command(BaseCommand):
    help = (
        "Remove every passkey, the authenticator app and the recovery codes of one account, "
        "so it logs in with its password alone. Check who is asking first."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The account's username, exactly as typed at login.")

    def handle(self, *args, username: str, **options) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account is called “{username}”. Usernames are case-sensitive.")
        factors = factors_of(user)
        remove_all(user)
        log.warning(
            "second step reset user=%s id=%s passkeys=%s app=%s recovery_codes=%s by=command at=%s",
            user.username,
            user.pk,
            len(factors.passkeys),
            "yes" if factors.app else "no",
            "yes" if factors.codes else "no",
            timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        self.stdout.write(
            f"Turned off the second step of “{user.username}”: {len(factors.passkeys)} passkey(s), "
            f"{'the' if factors.app else 'no'} authenticator app and "
            f"{'their' if factors.codes else 'no'} recovery codes removed. They can log in with "
            "their password now; ask them to set up a new second step straight away."
        )
