"""Give editors and integrity officers the synonym list of the search to keep.

Both look after how the code is found: editors write it, integrity officers hear what
people could not find. Employees search with the list but do not change it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "editor": ["codeapp.view_synonymlist", "codeapp.change_synonymlist"],
    "integrity officer": ["codeapp.view_synonymlist", "codeapp.change_synonymlist"],
}


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
        ("codeapp", "0009_add_synonym_list"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
