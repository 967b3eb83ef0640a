"""This week in sentences, from the week sums (patterns.week_sums), on the weekly view."""

from collections import Counter

from patterns import charts
from patterns.classifier.categories import BY_SLUG, SLUGS

RECENT_PEOPLE = 5  # the people said a sentence about, and shown patterns beside the chart


def _times(n: int, word: str = "interaction") -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _commonest(counts: Counter) -> str:
    """ "the most common was X", or the signs by name when none came up more than the rest."""
    top = max(counts.values())
    first = [BY_SLUG[s].label for s in SLUGS if counts[s] == top]  # in taxonomy order
    if len(first) == 1:
        return f"the most common was {first[0]}"
    if top == 1:
        return f"the signs were {_and(first)}, once each"
    return f"{_and(first)} came up most, {top} times each"


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def week_summary(
    now_week: charts.Week,
    before: list[charts.Week],
    people: list[tuple[str, charts.Week]],
    everyone: bool,
) -> dict:
    """This week in sentences, and how it compares with the four weeks before.

    `people`: each person's name and sums this week (week_sums.people_in_week).
    """
    lines = []
    if not now_week.total:
        lines.append("Nothing logged this week yet.")
    elif everyone:
        lines.append(
            f"You logged {_times(now_week.total)} this week; "
            f"{now_week.signed} had a sign of a micro-rejection."
        )
    # The people with the most entries with a sign first, then the most entries.
    people = sorted(people, key=lambda p: (-p[1].signed, -p[1].total, p[0]))
    for name, week in people[:RECENT_PEOPLE]:
        total, signed = week.total, week.signed
        if signed:
            lines.append(
                f"{signed} of {_times(total)} with {name} had a micro-rejection; "
                f"{_commonest(Counter(week.counts))}."
            )
        elif total == 1:
            lines.append(f"Your interaction with {name} had no sign of a micro-rejection.")
        else:
            lines.append(f"None of your {total} interactions with {name} had a micro-rejection.")
    change = ""
    past_total = sum(w.total for w in before)
    if past_total:
        average = sum(w.signed for w in before) / len(before)
        diff = now_week.signed - average
        word = "more than" if diff > 0 else "fewer than" if diff < 0 else "the same as"
        change = (
            f"Interactions with a sign this week: {now_week.signed}, {word} the average of "
            f"the four weeks before ({average:.1f} a week)."
        )
        past_feeling = sum(w.feeling_sum for w in before) / past_total
        if now_week.feeling is not None:
            change += (
                f" It felt {now_week.feeling:+.1f} on average, against {past_feeling:+.1f} before."
            )
    return {"lines": lines, "change": change}
