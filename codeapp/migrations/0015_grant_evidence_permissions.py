"""Give integrity officers the people: finding a person and seeing their evidence.

The evidence per employee (every version they confirmed, when, with the seals) is what an
integrity officer hands to a lawyer; `people.view_person` opens it for anyone. Editors see
coverage figures (codeapp.view_confirmation), not a person's record; employees see their own.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "integrity officer": ["people.view_person"],
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
        ("codeapp", "0014_grant_campaign_permissions"),
        ("people", "0001_units_people_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
