"""Create the editor and integrity-officer groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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
    # Permissions are normally made after all migrations; make them now so groups can get them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


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
