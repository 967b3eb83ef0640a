# Each existing person gets a distinct uid (a default would give them all the same one).

import uuid

from django.db import migrations


def fill_uids(apps, schema_editor):
    Person = apps.get_model('journal', 'Person')
    people = list(Person.objects.filter(uid__isnull=True).only('pk'))
    for person in people:
        person.uid = uuid.uuid4()
    Person.objects.bulk_update(people, ['uid'], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('journal', '0002_person_uid'),
    ]

    operations = [
        migrations.RunPython(fill_uids, migrations.RunPython.noop),
    ]
