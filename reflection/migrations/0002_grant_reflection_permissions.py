"""Give the roles their rights on sessions, cases and proposals.

Editors (P&O) run the sessions and the case library and record proposals; integrity
officers read them and decide proposals. Every signed-in user may suggest a change,
which needs no permission.
"""

from django.db import migrations

from core.grants import grant_to_roles

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


class Migration(migrations.Migration):
    dependencies = [
        ("reflection", "0001_sessions_cases_proposals"),
        ("codeapp", "0004_grant_version_permissions"),
    ]
    operations = [grant_to_roles(GRANTS)]
