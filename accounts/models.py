import zoneinfo
from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a time zone we know.")


class User(AbstractUser):
    """An account. Its time zone decides what "today" and "late at night" mean."""

    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    week_start = models.PositiveSmallIntegerField(
        default=0, choices=[(0, "Monday"), (6, "Sunday")], help_text="The day your weeks start."
    )

    @cached_property
    def tz(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")
