"""Failed logins counted three ways, each with its own limit (django-axes handler).

django-axes counts failures per group of AXES_LOCKOUT_PARAMETERS and locks when the
largest count reaches one AXES_FAILURE_LIMIT. We want a different limit per group:

- a name from one address: AXES_FAILURE_LIMIT (5), so a stranger guessing your
  password locks only themselves;
- a name from any address: ALMOST_LOCKOUT_PER_NAME (20), so guessing one password
  from many addresses stops too;
- an address, whatever the names: ALMOST_LOCKOUT_PER_ADDRESS (20), so trying many
  names from one address stops too.

Each group's count is scaled to the first group's limit before axes compares it, so
the lock falls exactly when any group reaches its own limit. Every lock lifts after
AXES_COOLOFF_TIME without failures.

A good login clears only that name's failures from that address: clearing every
group would let someone with an account of their own wipe out the count of the
names they were guessing from the same address.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def limits() -> list[int]:
    """Each group's limit, in the order of settings.AXES_LOCKOUT_PARAMETERS."""
    return [
        settings.AXES_FAILURE_LIMIT,
        settings.ALMOST_LOCKOUT_PER_NAME,
        settings.ALMOST_LOCKOUT_PER_ADDRESS,
    ]


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """The failures that count, in units of AXES_FAILURE_LIMIT. Queries: 3."""
        limit = settings.AXES_FAILURE_LIMIT
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        return max(count * limit // own for count, own in zip(counts, limits(), strict=True))

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        attempts = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        )
        count, _ = attempts.delete()
        return count
