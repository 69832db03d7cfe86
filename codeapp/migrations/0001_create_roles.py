"""Create the editor and integrity-officer groups with their permissions."""

from django.db import migrations

from core.grants import add_grants

# Frozen here: later migrations change roles by adding their own steps.
ROLES = {
    "editor": [
        "values.view_value", "values.add_value", "values.change_value",
        "norms.view_norm", "norms.add_norm", "norms.change_norm",
        "norms.view_example", "norms.add_example", "norms.change_example",
    ],
    "integrity officer": ["values.view_value", "norms.view_norm", "norms.view_example"],
}  # fmt: skip


def create_roles(apps, schema_editor):
    add_grants(apps, ROLES)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("values", "0001_initial_values"),
        ("norms", "0001_initial_norms"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
