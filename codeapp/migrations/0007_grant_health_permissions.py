"""Give the roles their rights on the code health dashboard and on planning from it.

Editors and integrity officers see the dashboard (view the settings); only integrity
officers change its thresholds. Integrity officers may plan a reflection session, so
they can turn the dashboard's agenda suggestion into a session themselves.
"""

from django.db import migrations

from core.grants import grant_to_roles

GRANTS = {
    "editor": ["codeapp.view_healthsettings"],
    "integrity officer": [
        "codeapp.view_healthsettings", "codeapp.change_healthsettings",
        "reflection.add_session",
    ],
}  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("codeapp", "0006_add_health_settings"),
        ("reflection", "0002_grant_reflection_permissions"),
    ]
    operations = [grant_to_roles(GRANTS)]
