from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from journal import cards

register = template.Library()

# Attributes as written, fixed text with no input in it.
SELECTED = mark_safe(" selected")  # nosec B308 B703  # a constant
CHECKED = mark_safe(" checked")  # nosec B308 B703  # a constant
REQUIRED = mark_safe(" required")  # nosec B308 B703  # a constant


@register.simple_tag(takes_context=True)
def entry_card(context, entry):
    """{% entry_card entry %}: one entry as a card (see journal.cards)."""
    return cards.entry_card(entry, context["request"])


def _choices(field) -> list[tuple[int, str, object, bool]]:
    """A bound choice field's options: (index, value, label, chosen), chosen as Django's
    widgets decide it (one at most, unless the widget takes several)."""
    widget = field.field.widget
    chosen = set(widget.format_value(field.value()))
    several = widget.allow_multiple_selected
    found = False
    rows = []
    for index, (value, label) in enumerate(field.field.choices):
        value = "" if value is None else str(value)
        picked = value in chosen and (several or not found)
        found = found or picked
        rows.append((index, value, label, picked))
    return rows


@register.simple_tag
def options(field):
    """{% options field %}: the <option>s of a select.

    The entry form is on the log page. Django's widget templates render one template per
    option, which took most of the page's time; these are the same tags, written here."""
    return format_html_join(
        "",
        '\n  <option value="{}"{}>{}</option>',
        ((value, SELECTED if picked else "", label) for _, value, label, picked in _choices(field)),
    )


@register.simple_tag
def choice_inputs(field):
    """{% choice_inputs field %}: radio buttons or checkboxes, each in its label (as above).

    An error is named once, by the fieldset around them (aria-describedby), and heard on
    entering the group; marking each button invalid as well made a screen reader say
    "invalid" on every one without saying why."""
    kind = field.field.widget.input_type
    required = REQUIRED if field.build_widget_attrs({}).get("required") else ""
    return format_html_join(
        "",
        '<div>\n    <label for="{id}"><input type="{kind}" name="{name}" value="{value}"'
        '{required} id="{id}"{checked}> {label}</label>\n  </div>',
        (
            {
                "id": f"{field.auto_id}_{index}",
                "kind": kind,
                "name": field.html_name,
                "value": value,
                "required": required,
                "checked": CHECKED if picked else "",
                "label": label,
            }
            for index, value, label, picked in _choices(field)
        ),
    )
