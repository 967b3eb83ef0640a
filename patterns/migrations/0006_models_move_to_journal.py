"""The signs, tuning, week sums, basics and decisions move to journal (journal 0010).

Only Django's idea of which app holds them changes: their tables keep their names and
rows, so this runs no SQL.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("patterns", "0005_basics_and_decisions")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Basic"),
                migrations.DeleteModel(name="Decision"),
                migrations.DeleteModel(name="EntryCategory"),
                migrations.DeleteModel(name="Tuning"),
                migrations.DeleteModel(name="WeekRollup"),
            ],
            database_operations=[],
        ),
    ]
