"""Give integrity officers the confirmation campaigns to run, and editors their reports.

Integrity officers start and close campaigns (add, change); editors and officers "see
reports" (view). Managers are no group: they see their unit's coverage, never campaigns.
"""

from django.db import migrations

from core.grants import grant_to_roles

GRANTS = {
    "editor": ["codeapp.view_campaign"],
    "integrity officer": [
        "codeapp.view_campaign",
        "codeapp.add_campaign",
        "codeapp.change_campaign",
    ],
}


class Migration(migrations.Migration):
    dependencies = [
        ("codeapp", "0013_campaigns"),
    ]
    operations = [grant_to_roles(GRANTS)]
