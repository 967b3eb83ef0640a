from django import template

from journal import cards

register = template.Library()


@register.simple_tag(takes_context=True)
def entry_card(context, entry, heading: int = 4):
    """{% entry_card entry %}: one entry as a card (see journal.cards)."""
    return cards.entry_card(entry, context["request"], heading)
