"""Take over the models patterns kept for what the person writes (patterns 0006).

The signs on entries, the account's tuning, the week sums, basics and decisions keep
their `patterns_*` tables, constraints and indexes: this runs no SQL on them. Their
content types are renamed to journal, so permissions and admin history follow them.
"""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import journal.models
import journal.sealing

MOVED = ["basic", "decision", "entrycategory", "tuning", "weekrollup"]


def relabel(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(ContentType.objects.filter(app_label=new).values_list("model", flat=True))
    ContentType.objects.filter(app_label=old, model__in=set(MOVED) - taken).update(app_label=new)


def to_journal(apps, schema_editor):
    relabel(apps, "patterns", "journal")


def to_patterns(apps, schema_editor):
    relabel(apps, "journal", "patterns")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("journal", "0009_chat_conversation"),
        ("patterns", "0006_models_move_to_journal"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Tuning",
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
                        ("weights", journal.sealing.SealedTextField(blank=True, row="uid")),
                        ("corrections", models.PositiveIntegerField(default=0)),
                        ("updated", models.DateTimeField(auto_now=True)),
                        ("uid", models.UUIDField(default=uuid.uuid4, editable=False)),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="tuning",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "patterns_tuning",
                    },
                ),
                migrations.CreateModel(
                    name="Basic",
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
                            "line",
                            models.CharField(
                                choices=[
                                    ("replies", "Replies within __ hours on most days"),
                                    (
                                        "cancellations",
                                        "No more than __ cancellations without another time",
                                    ),
                                    ("reach_out", "They reach out first at least __ times in 10"),
                                    ("daylight", "At most __% of contact after 10 pm"),
                                    (
                                        "clarity",
                                        "After I ask for clarity, an answer within __ days",
                                    ),
                                    ("own_words", "In my own words"),
                                ],
                                max_length=16,
                            ),
                        ),
                        ("number", models.PositiveSmallIntegerField(blank=True, null=True)),
                        (
                            "words",
                            journal.sealing.SealedTextField(blank=True, max_length=1000, row="uid"),
                        ),
                        ("created", models.DateTimeField(auto_now_add=True)),
                        ("uid", models.UUIDField(default=uuid.uuid4, editable=False)),
                        (
                            "person",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="basics",
                                to="journal.person",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "patterns_basic",
                        "ordering": ["created", "id"],
                        "indexes": [
                            models.Index(fields=["user", "created"], name="basic_user_created")
                        ],
                        "constraints": [
                            models.UniqueConstraint(fields=("uid",), name="basic_unique_uid")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Decision",
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
                            "choice",
                            models.CharField(
                                choices=[
                                    ("keep", "Keep going"),
                                    ("clarity", "Ask for clarity"),
                                    ("step_back", "Step back"),
                                    ("end", "End it"),
                                ],
                                max_length=16,
                            ),
                        ),
                        (
                            "feeling",
                            models.SmallIntegerField(
                                blank=True, null=True, validators=[journal.models.validate_feeling]
                            ),
                        ),
                        (
                            "note",
                            journal.sealing.SealedTextField(blank=True, max_length=2000, row="uid"),
                        ),
                        ("look_again", models.DateField(blank=True, null=True)),
                        ("looked", models.BooleanField(default=False)),
                        ("decided", models.DateTimeField(default=django.utils.timezone.now)),
                        ("uid", models.UUIDField(default=uuid.uuid4, editable=False)),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="decisions",
                                to="journal.person",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "patterns_decision",
                        "ordering": ["-decided", "-id"],
                        "indexes": [
                            models.Index(
                                fields=["person", "-decided"], name="decision_person_time"
                            ),
                            models.Index(fields=["user", "look_again"], name="decision_look_again"),
                        ],
                        "constraints": [
                            models.UniqueConstraint(fields=("uid",), name="decision_unique_uid")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="EntryCategory",
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
                            "category",
                            models.CharField(
                                choices=[
                                    ("one_word_replies", "One-word replies"),
                                    ("busy_excuses", '"Busy" as a cover'),
                                    ("avoided_plans", "Avoided plans"),
                                    ("left_on_read", "Left on read"),
                                    ("late_night_only", "Late-night only"),
                                    ("joked_off", "Joked off"),
                                    ("hot_and_cold", "Hot and cold"),
                                ],
                                max_length=32,
                            ),
                        ),
                        ("score", models.FloatField(default=0)),
                        ("reasons", models.JSONField(blank=True, default=list)),
                        (
                            "source",
                            models.CharField(
                                choices=[("auto", "Found by Almost"), ("person", "Set by you")],
                                default="auto",
                                max_length=8,
                            ),
                        ),
                        ("active", models.BooleanField(default=True)),
                        (
                            "interaction",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="categories",
                                to="journal.interaction",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name_plural": "entry categories",
                        "db_table": "patterns_entrycategory",
                        "indexes": [
                            models.Index(
                                fields=["category", "active"], name="entrycategory_category"
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("interaction", "category"), name="entrycategory_unique"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="WeekRollup",
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
                        ("week", models.DateField()),
                        ("sunday", models.BooleanField(default=False)),
                        ("chat", models.BooleanField(default=False)),
                        ("total", models.PositiveIntegerField(default=0)),
                        ("signed", models.PositiveIntegerField(default=0)),
                        ("feeling_sum", models.IntegerField(default=0)),
                        ("me", models.PositiveIntegerField(default=0)),
                        ("them", models.PositiveIntegerField(default=0)),
                        ("counts", models.JSONField(default=dict)),
                        ("hours", models.JSONField(default=dict)),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, to="journal.person"
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "patterns_weekrollup",
                        "indexes": [
                            models.Index(fields=["user", "week"], name="weekrollup_user_week")
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("person", "week", "sunday", "chat"),
                                name="weekrollup_unique_week",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(to_journal, to_patterns),
    ]
