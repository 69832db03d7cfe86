"""Give the roles their rights on the code health dashboard and on planning from it.

Editors and integrity officers see the dashboard (view the settings); only integrity
officers change its thresholds. Integrity officers may plan a reflection session, so
they can turn the dashboard's agenda suggestion into a session themselves.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "editor": ["codeapp.view_healthsettings"],
    "integrity officer": [
        "codeapp.view_healthsettings", "codeapp.change_healthsettings",
        "reflection.add_session",
    ],
}  # fmt: skip


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group:
            for perm in perms:
                app_label, codename = perm.split(".")
                group.permissions.remove(
                    *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
                )


class Migration(migrations.Migration):
    dependencies = [
        ("codeapp", "0006_add_health_settings"),
        ("reflection", "0002_grant_reflection_permissions"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
