# ImportRun moved to portability (issue 18), keeping its table: the model leaves the
# accounts state only. Nothing runs in the database.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_two_step_devices'),
        ('portability', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='ImportRun',
                ),
            ],
            database_operations=[],
        ),
    ]
