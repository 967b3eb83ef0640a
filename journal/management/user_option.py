"""What the commands with `--user NAME` share."""

from django.core.management import CommandError

from accounts.models import User


def account_named(username: str) -> User:
    """The account called `username`, or a CommandError saying there is none. Queries: 1."""
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise CommandError(f"No account named “{username}”.") from None
