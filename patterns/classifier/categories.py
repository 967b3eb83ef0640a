"""The seven micro-rejection categories. Their slugs are a contract (database, URLs,
charts, export, ``manage.py classify``): never rename them."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    slug: str
    label: str
    summary: str

    @property
    def quoted(self) -> str:
        """The label in quotation marks, as a sentence names it: “Avoided plans”, and
        “Busy” as a cover (its own quotes curled, rather than quotes within quotes)."""
        if '"' in self.label:
            return self.label.replace('"', "“", 1).replace('"', "”", 1)
        return f"“{self.label}”"


CATEGORIES: tuple[Category, ...] = (
    Category(
        "one_word_replies",
        "One-word replies",
        "You share something long or personal and get back a word, an emoji or a reaction.",
    ),
    Category(
        "busy_excuses",
        '"Busy" as a cover',
        "Vague busyness is offered to explain silence, flaking or a cancelled plan.",
    ),
    Category(
        "avoided_plans",
        "Avoided plans",
        'Plans keep sliding, get dodged, or fade out in "maybe sometime".',
    ),
    Category(
        "left_on_read",
        "Left on read",
        "Your message was seen but not answered, while they were active elsewhere.",
    ),
    Category(
        "late_night_only",
        "Late-night only",
        "They reach out late at night or when bored, and are quiet the rest of the time.",
    ),
    Category(
        "joked_off",
        "Joked off",
        "Something serious you raised got a joke, sarcasm or a quick change of subject.",
    ),
    Category(
        "hot_and_cold",
        "Hot and cold",
        "Warm and keen one moment, distant and flat the next.",
    ),
)

SLUGS: tuple[str, ...] = tuple(c.slug for c in CATEGORIES)
BY_SLUG: dict[str, Category] = {c.slug: c for c in CATEGORIES}
