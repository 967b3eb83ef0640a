"""Writes that touch more than one model: saving an entry with its categories."""

from django.db import IntegrityError, transaction

from journal.forms import EntryForm
from journal.models import Interaction
from patterns.labels import label_entry


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
            entry = form.save()
            label_entry(entry, new=new)
    except IntegrityError:
        # Two identical posts raced each other past the check above.
        existing = Interaction.objects.filter(user=form.user, token=token).first()
        if token is None or existing is None:
            raise
        return existing
    return entry
