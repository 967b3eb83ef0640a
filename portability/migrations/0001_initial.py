# ImportRun moved here from accounts (issue 18). Its table, accounts_importrun, stays as
# it is: this migration only tells Django's state that the model is portability's now;
# accounts.0005_importrun_moved_to_portability drops it from the accounts state.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


# Its content type moves too, so permissions on import runs follow the model.
def relabel(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="importrun").exists():
        ContentType.objects.filter(app_label=old, model="importrun").update(app_label=new)


def to_portability(apps, schema_editor):
    relabel(apps, "accounts", "portability")


def to_accounts(apps, schema_editor):
    relabel(apps, "portability", "accounts")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0004_two_step_devices"),
        ("contenttypes", "0002_remove_content_type_name"),  # accounts.0003 made the table
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportRun",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("almost", "Almost export"),
                                    ("daylio_preview", "Daylio preview"),
                                    ("daylio", "Daylio import"),
                                ],
                                max_length=16,
                            ),
                        ),
                        ("digest", models.CharField(blank=True, max_length=64)),
                        ("started", models.DateTimeField()),
                        ("finished", models.DateTimeField(blank=True, null=True)),
                        ("entries", models.PositiveIntegerField(default=0)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="import_runs",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "accounts_importrun",
                        "indexes": [
                            models.Index(fields=["user", "started"], name="importrun_user_started")
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("finished__isnull", True)),
                                fields=("user",),
                                name="importrun_one_running_per_user",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(to_portability, to_accounts),
    ]
