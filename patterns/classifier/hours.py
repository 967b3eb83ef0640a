"""Late at night, in one place: the classifier's rules and learned layer, the person
patterns, the basics and an imported chat's figures all count the same hours."""

LATE_HOURS: tuple[int, ...] = (22, 23, 0, 1, 2, 3)  # roughly 22:00 to 04:00

# A clock time read from text without am or pm ("23:40", "2:15"): these late hours can't
# be read as the afternoon, so they are late whatever the text says...
LATE_ON_ANY_CLOCK: tuple[int, ...] = tuple(h for h in LATE_HOURS if h == 0 or h > 12)
# ...and these are late only when the text says it was night: the small hours, and the
# evening's late hours as a 12-hour clock shows them ("2:15", "11:30 last night").
LATE_IF_NIGHT_IS_SAID: tuple[int, ...] = tuple(sorted({h % 12 or 12 for h in LATE_HOURS}))


def is_late(hour: int) -> bool:
    """Whether an hour of the clock (0-23) is late at night."""
    return hour in LATE_HOURS
