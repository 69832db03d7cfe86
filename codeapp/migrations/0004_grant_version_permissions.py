"""Give the roles their rights on versions, confirmations and the code's title and preamble."""

from django.db import migrations

from core.grants import grant_to_roles

GRANTS = {
    "editor": [
        "codeapp.view_codeprofile", "codeapp.change_codeprofile",
        "codeapp.view_codeversion", "codeapp.view_confirmation",
    ],
    "integrity officer": [
        "codeapp.view_codeprofile", "codeapp.view_codeversion", "codeapp.add_codeversion",
        "codeapp.view_confirmation",
    ],
}  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("codeapp", "0003_refuse_version_changes")]
    operations = [grant_to_roles(GRANTS)]
