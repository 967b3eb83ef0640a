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


class ImportRun(models.Model):
    """One import into an account (accounts.import_runs): at most one runs at a time, and
    the last hour's count throttles them. Holds no text: `digest` is a keyed hash of
    what was imported, so a second confirm of the same file can say so."""

    class Kind(models.TextChoices):
        ALMOST = "almost", "Almost export"
        DAYLIO_PREVIEW = "daylio_preview", "Daylio preview"
        DAYLIO = "daylio", "Daylio import"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="import_runs")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    digest = models.CharField(max_length=64, blank=True)
    started = models.DateTimeField()
    finished = models.DateTimeField(null=True, blank=True)
    entries = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            # One import at a time per account: a second confirm waits for nothing and
            # writes nothing while the first runs (the database decides, on PostgreSQL
            # too, where two requests really run at once).
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(finished__isnull=True),
                name="importrun_one_running_per_user",
            ),
        ]
        indexes = [
            # The throttle: an account's runs of the last hour.
            models.Index(fields=["user", "started"], name="importrun_user_started"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} for account {self.user_id} at {self.started:%Y-%m-%d %H:%M}"
        )
