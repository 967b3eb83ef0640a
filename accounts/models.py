import zoneinfo
from functools import cache, cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models


@cache
def known_time_zones() -> frozenset[str]:
    """Every zone name this system knows; read from disk once per process."""
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in known_time_zones():
        raise ValidationError(f"“{value}” is not a time zone we know.")


def zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone called `name`, or UTC for a name this system doesn't know."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def zone_label(name: str) -> str:
    """A zone as people read it: "America/New York"."""
    return name.replace("_", " ")


class User(AbstractUser):
    """An account. Its time zone decides what "today" and "late at night" mean."""

    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    week_start = models.PositiveSmallIntegerField(
        default=0, choices=[(0, "Monday"), (6, "Sunday")], help_text="The day your weeks start."
    )

    @cached_property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zone(self.time_zone)

    @property
    def time_zone_label(self) -> str:
        return zone_label(self.time_zone)


class DataKey(models.Model):
    """An account's own key for its sealed text, stored wrapped by the server's master key.

    Deleting the account deletes this row, and with it every way to read the account's
    text, in backups taken before too. See accounts.crypto.
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="data_key"
    )
    wrapped = models.CharField(max_length=128)
    master_key_id = models.CharField(max_length=32)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            # rotate_master_key: the keys still wrapped by the old master key.
            models.Index(fields=["master_key_id"], name="datakey_master_key"),
        ]

    def __str__(self) -> str:
        return f"data key of account {self.user_id}"
