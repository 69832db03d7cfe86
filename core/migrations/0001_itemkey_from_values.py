# The key register moves from the values app to core without touching the database:
# the table keeps its name (values_itemkey) and its rows; only Django's model state moves.
import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("values", "0002_keep_long_change_reasons"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ItemKey",
                    fields=[
                        ("key", models.CharField(max_length=64, primary_key=True, serialize=False, validators=[django.core.validators.RegexValidator("^[a-z0-9][a-z0-9-]{0,63}$", "A key has 1 to 64 characters: lower-case letters a-z, digits and hyphens, starting with a letter or digit.")], verbose_name="key")),
                        ("kind", models.CharField(choices=[("value", "core value"), ("norm", "norm"), ("example", "example")], max_length=10, verbose_name="kind of item")),
                        ("claimed_at", models.DateTimeField(auto_now_add=True, verbose_name="claimed at")),
                    ],
                    options={
                        "verbose_name": "item key",
                        "verbose_name_plural": "item keys",
                        "db_table": "values_itemkey",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
