# Each account's data key, wrapped by the master key (accounts/crypto.py).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='DataKey',
            fields=[
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='data_key', serialize=False, to=settings.AUTH_USER_MODEL)),
                ('wrapped', models.CharField(max_length=128)),
                ('master_key_id', models.CharField(max_length=32)),
                ('created', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'indexes': [models.Index(fields=['master_key_id'], name='datakey_master_key')],
            },
        ),
    ]
