"""Permissions given to roles (auth groups) by data migrations: one body for all of them.

Every app that adds a permission a role needs writes a migration naming only what it grants:

    operations = [grant_to_roles({"editor": ["myapp.view_thing"]})]

Migrations import this module, so its names stay as they are.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

Grants = dict[str, list[str]]  # group name: ["app_label.codename", ...]


def make_permissions(apps) -> None:
    """Create the permissions of every model now; Django would make them only after all
    migrations have run, too late for a group to be given them."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def add_grants(apps, grants: Grants) -> None:
    make_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in grants.items():
        group, _created = Group.objects.get_or_create(name=name)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_grants(apps, grants: Grants) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in grants.items():
        group = Group.objects.filter(name=name).first()
        for perm in perms if group else []:
            app_label, codename = perm.split(".")
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


def grant_to_roles(grants: Grants) -> migrations.RunPython:
    """The migration operation that gives `grants` and, migrating back, takes them away."""
    return migrations.RunPython(
        lambda apps, schema_editor: add_grants(apps, grants),
        lambda apps, schema_editor: remove_grants(apps, grants),
    )
