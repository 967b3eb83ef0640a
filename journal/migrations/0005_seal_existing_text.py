# Seal the free text written before sealing existed, with each account's data key.
# Safe to run again: values that are already tokens are skipped. Reversible: going back
# opens every token into plain text again (you need the master key for both ways).

import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.db import migrations

from accounts.crypto import KEY_BYTES, SealError, master_key, unwrap_data_key, wrap_data_key
from journal.sealing import binding, looks_sealed, seal, unseal

SEALED = [  # table, column, the row's UUID column
    ('journal_interaction', 'text', 'token'),
    ('journal_person', 'notes', 'uid'),
]
BATCH = 1000


def _key_finder(apps, *, create):
    DataKey = apps.get_model('accounts', 'DataKey')
    master = master_key()
    ciphers = {}

    def key_for(user_id):
        if user_id not in ciphers:
            row = DataKey.objects.filter(user_id=user_id).first()
            if row is None and not create:
                raise SealError(f'Account {user_id} has no data key: its text cannot be opened.')
            if row is None:
                raw = os.urandom(KEY_BYTES)
                row = DataKey.objects.create(
                    user_id=user_id,
                    wrapped=wrap_data_key(master, user_id, raw),
                    master_key_id=master.id,
                )
            ciphers[user_id] = AESGCM(
                unwrap_data_key(master, user_id, row.wrapped, row.master_key_id)
            )
        return ciphers[user_id]

    return key_for


def _rewrite(schema_editor, table, column, row_column, change):
    """Apply change(...) to every non-empty value, in batches; None leaves a value alone."""
    connection = schema_editor.connection
    qn = connection.ops.quote_name
    select = (
        f'SELECT id, user_id, {qn(row_column)}, {qn(column)} FROM {qn(table)} '  # nosec B608  # quoted identifiers, values as parameters
        f"WHERE id > %s AND {qn(column)} <> '' ORDER BY id LIMIT %s"
    )
    update = f'UPDATE {qn(table)} SET {qn(column)} = %s WHERE id = %s'  # nosec B608  # quoted identifiers, values as parameters
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(select, [last, BATCH])
            rows = cursor.fetchall()
        if not rows:
            return
        last = rows[-1][0]
        updates = []
        for pk, user_id, row, value in rows:
            new = change(binding(table, column, row, user_id), user_id, value, f'{table}.{column} of row {pk}')
            if new is not None:
                updates.append((new, pk))
        if updates:
            with connection.cursor() as cursor:
                cursor.executemany(update, updates)


def seal_existing(apps, schema_editor):
    key_for = _key_finder(apps, create=True)

    def change(aad, user_id, value, where):
        return None if looks_sealed(value) else seal(key_for(user_id), aad, value)

    for table, column, row_column in SEALED:
        _rewrite(schema_editor, table, column, row_column, change)


def unseal_existing(apps, schema_editor):
    key_for = _key_finder(apps, create=False)

    def change(aad, user_id, value, where):
        return unseal(key_for(user_id), aad, value, where) if looks_sealed(value) else None

    for table, column, row_column in SEALED:
        _rewrite(schema_editor, table, column, row_column, change)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_datakey'),
        ('journal', '0004_sealed_text'),
    ]

    operations = [
        migrations.RunPython(seal_existing, unseal_existing),
    ]
