"""Give the roles their rights on sessions, cases and proposals.

Editors (P&O) run the sessions and the case library and record proposals; integrity
officers read them and decide proposals. Every signed-in user may suggest a change,
which needs no permission.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "editor": [
        "reflection.view_session", "reflection.add_session", "reflection.change_session",
        "reflection.view_case", "reflection.add_case", "reflection.change_case",
        "reflection.view_proposal", "reflection.add_proposal",
    ],
    "integrity officer": [
        "reflection.view_session", "reflection.view_case", "reflection.view_proposal",
        "reflection.decide_proposal",
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
        for perm in perms if group else []:
            app_label, codename = perm.split(".")
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("reflection", "0001_sessions_cases_proposals"),
        ("codeapp", "0004_grant_version_permissions"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
