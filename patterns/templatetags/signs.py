from django import template

from patterns.classifier import classify
from patterns.labels import facts_for
from patterns.models import EntryCategory, Source

register = template.Library()


@register.simple_tag
def reasons(entry, category: EntryCategory) -> list[str]:
    """Why a category is on an entry, worked out again from the opened text.

    Reasons quote the entry ("answered with “cool”"), so only a version without the
    quotes is stored in the plain category table; the full one is made here, once per
    entry shown (about 0.2 ms), and never touches the database.
    """
    if category.source == Source.AUTO:
        verdicts = getattr(entry, "_verdicts", None)
        if verdicts is None:
            verdicts = entry._verdicts = classify(entry.text, facts_for(entry))
        fresh = verdicts.get(category.category)
        if fresh is not None and fresh.reasons:
            return list(fresh.reasons)
    return category.reasons
