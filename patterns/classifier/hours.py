"""Late at night, in one place: the classifier's rules and learned layer, the person
patterns and the basics all count the same hours."""

LATE_HOURS: tuple[int, ...] = (22, 23, 0, 1, 2, 3)  # roughly 22:00 to 04:00


def is_late(hour: int) -> bool:
    """Whether an hour of the clock (0-23) is late at night."""
    return hour in LATE_HOURS
