# Person gets a UUID that exists before insert: sealed notes are bound to it.
# Added empty first; 0003 gives each existing person its own, 0004 makes it required.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('journal', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='person',
            name='uid',
            field=models.UUIDField(editable=False, null=True),
        ),
    ]
