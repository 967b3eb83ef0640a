"""What journal does when accounts says the account changed (accounts.signals).

Connected in JournalConfig.ready().
"""

from django.dispatch import receiver

from accounts.signals import account_contents, time_zone_changed
from journal import rollups
from journal.entries import keep_clock_times
from journal.models import Interaction, Person


@receiver(time_zone_changed, dispatch_uid="almost_keep_clock_times")
def keep_entry_times(sender, user, old, new, **kwargs) -> str:
    """Entries keep their clock times in the new zone, and the weeks are summed in it.
    Returns the sentence that tells the person so."""
    held = keep_clock_times(user, old, new)
    rollups.rebuild(user)  # Weeks are read in the new zone now.
    said = "Your entries keep the times you gave them."
    if held == 1:
        said += (
            " Apart from 1: that time hasn't come yet in the new zone, or falls in a"
            " clock change, so it keeps the moment it happened."
        )
    elif held:
        said += (
            f" Apart from {held}: those times haven't come yet in the new zone, or fall"
            " in a clock change, so they keep the moment they happened."
        )
    return said


@receiver(account_contents, dispatch_uid="almost_journal_contents")
def count_people_and_entries(sender, user, **kwargs) -> dict[str, int]:
    """How many people and entries (the trash's too) the account holds. Queries: 2."""
    return {
        "people": Person.objects.filter(user=user).count(),
        "entries": Interaction.objects.filter(user=user).count(),
    }
