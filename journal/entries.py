"""Writes that touch more than one model: saving an entry with its categories."""

from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from journal import rollups
from journal.forms import EntryForm
from journal.models import EARLIEST, Interaction
from journal.signs import label_entry


def save_entry(form: EntryForm) -> Interaction:
    """Save a valid entry form and classify the entry, all or nothing.

    A form posted twice with the same token (double click, retry after a time-out)
    gives back the entry the first post stored.
    """
    token = form.cleaned_data.get("token")
    if form.instance.pk is None and token:
        existing = Interaction.objects.filter(user=form.user, token=token).first()
        if existing is not None:
            return existing
        form.instance.token = token
    new = form.instance.pk is None
    try:
        with transaction.atomic():
            # An edit may move the entry to another week or person: both weeks count again.
            before = (
                []
                if new
                else list(
                    Interaction.objects.filter(pk=form.instance.pk).values_list(
                        "person_id", "occurred_at"
                    )
                )
            )
            entry = form.save()
            label_entry(entry, new=new)
            rollups.refresh_entries(form.user, [*before, entry])
    except IntegrityError:
        # Two identical posts raced each other past the check above.
        existing = Interaction.objects.filter(user=form.user, token=token).first()
        if token is None or existing is None:
            raise
        return existing
    return entry


def keep_clock_times(user, old: ZoneInfo, new: ZoneInfo) -> int:
    """After the account's time zone changes from `old` to `new`, every entry (the trash's
    too) keeps the clock time it was logged with: "2am" stays 2am, so late-night stays
    late-night and the reasons that quote the hour still match it. One read of the
    account's entries, and an update per 500 that move.

    Times were typed, and are shown, in the account's zone, so this keeps what the person
    wrote, whether the zone was wrong from the start or they have moved. An entry keeps
    its moment instead where its clock time can't be kept: a time the new zone skips or
    has twice (a clock change), one that would land in the future or before 1970.
    Returns how many did.
    """
    now = timezone.now()
    moved = []
    held = 0
    rows = Interaction.objects.filter(user=user).values_list("pk", "occurred_at")
    for pk, at in rows.iterator(chunk_size=2000):
        kept = at.astimezone(old).replace(tzinfo=new)
        if kept == at:
            continue
        clock_change = kept.utcoffset() != kept.replace(fold=1).utcoffset()
        if clock_change or not EARLIEST <= kept <= now:
            held += 1
        else:
            moved.append(Interaction(pk=pk, occurred_at=kept))
    Interaction.objects.bulk_update(moved, ["occurred_at"], batch_size=500)
    return held
