# Full-text search indexes on the published entries (codeapp.searching), one per language
# of the code. PostgreSQL only: the embedded SQLite demo database searches by substring.

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# Must be the very expression codeapp.searching.entry_vector builds, or PostgreSQL
# cannot use the index.
CONFIGS = ["dutch", "english"]


def _index(config):
    vector = SearchVector("heading", weight="A", config=config) + SearchVector(
        "body", weight="B", config=config
    )
    return GinIndex(vector, name=f"versionentry_search_{config}")


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("codeapp", "VersionEntry")
    for config in CONFIGS:
        schema_editor.add_index(model, _index(config))


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("codeapp", "VersionEntry")
    for config in CONFIGS:
        schema_editor.remove_index(model, _index(config))


class Migration(migrations.Migration):

    dependencies = [
        ("codeapp", "0007_grant_health_permissions"),
    ]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
