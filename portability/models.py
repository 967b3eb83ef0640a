"""What portability keeps: the record of each import (portability.import_runs)."""

from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    """One import into an account (portability.import_runs): at most one runs at a time, and
    the last hour's count throttles them. Holds no text: `digest` is a keyed hash of
    what was imported, so a second confirm of the same file can say so."""

    class Kind(models.TextChoices):
        ALMOST = "almost", "Almost export"
        DAYLIO_PREVIEW = "daylio_preview", "Daylio preview"
        DAYLIO = "daylio", "Daylio import"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_runs"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    digest = models.CharField(max_length=64, blank=True)
    started = models.DateTimeField()
    finished = models.DateTimeField(null=True, blank=True)
    entries = models.PositiveIntegerField(default=0)

    class Meta:
        # The table made when this model was in accounts: moving it moved no data.
        db_table = "accounts_importrun"
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
