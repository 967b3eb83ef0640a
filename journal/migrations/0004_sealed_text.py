# The free-text columns become sealed fields (journal/sealing.py). The columns stay
# text; 0005 seals what they already hold.

import uuid

import journal.sealing
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('journal', '0003_fill_person_uid'),
    ]

    operations = [
        migrations.AlterField(
            model_name='person',
            name='uid',
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AddConstraint(
            model_name='person',
            constraint=models.UniqueConstraint(fields=('uid',), name='person_unique_uid'),
        ),
        migrations.AlterField(
            model_name='interaction',
            name='text',
            field=journal.sealing.SealedTextField(blank=True, max_length=5000, row='token', verbose_name='what happened'),
        ),
        migrations.AlterField(
            model_name='person',
            name='notes',
            field=journal.sealing.SealedTextField(blank=True, max_length=5000, row='uid'),
        ),
    ]
