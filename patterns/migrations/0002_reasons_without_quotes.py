"""Take words quoted from entries out of the stored reasons (they now live sealed only)."""

import re

from django.db import migrations

QUOTED = re.compile(r"\s*\(“[^”]*”\)|“[^”]*”")


def strip_quotes(apps, schema_editor):
    EntryCategory = apps.get_model("patterns", "EntryCategory")
    changed = []
    for row in EntryCategory.objects.only("pk", "reasons").iterator(chunk_size=2000):
        cleaned = [
            " ".join(QUOTED.sub(lambda m: "" if m[0].lstrip().startswith("(") else "a phrase", r).split())
            for r in row.reasons
        ]
        cleaned = [r for r in cleaned if r]
        if cleaned != row.reasons:
            row.reasons = cleaned
            changed.append(row)
    EntryCategory.objects.bulk_update(changed, ["reasons"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("patterns", "0001_initial")]

    # Going back leaves the quote-free reasons: the quotes are gone for good, and the
    # pages work them out again from the sealed text either way.
    operations = [migrations.RunPython(strip_quotes, migrations.RunPython.noop)]
