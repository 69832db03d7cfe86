# The key register now belongs to core (core/0001); its table and rows stay where they are.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("values", "0002_keep_long_change_reasons"),
        ("core", "0001_itemkey_from_values"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ItemKey")],
            database_operations=[],
        ),
    ]
