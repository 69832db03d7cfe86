"""Database triggers that refuse UPDATE and DELETE of published versions and their entries."""

from django.db import migrations

TABLES = ["codeapp_codeversion", "codeapp_versionentry"]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(
                f"""
                CREATE OR REPLACE FUNCTION {table}_immutable() RETURNS trigger AS $$
                BEGIN
                    RAISE EXCEPTION 'published versions cannot be changed or deleted ({table})';
                END;
                $$ LANGUAGE plpgsql;
                CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table}
                    FOR EACH ROW EXECUTE FUNCTION {table}_immutable();
                """
            )
        elif vendor == "sqlite":
            for action in ("UPDATE", "DELETE"):
                schema_editor.execute(
                    f"""
                    CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table}
                    BEGIN SELECT RAISE(ABORT, 'published versions cannot be changed or deleted');
                    END;
                    """
                )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table};")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_immutable();")
        elif vendor == "sqlite":
            for action in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action};")


class Migration(migrations.Migration):
    dependencies = [("codeapp", "0002_add_versions_and_confirmations")]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]
