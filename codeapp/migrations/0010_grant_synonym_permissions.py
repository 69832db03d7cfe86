"""Give editors and integrity officers the synonym list of the search to keep.

Both look after how the code is found: editors write it, integrity officers hear what
people could not find. Employees search with the list but do not change it.
"""

from django.db import migrations

from core.grants import grant_to_roles

GRANTS = {
    "editor": ["codeapp.view_synonymlist", "codeapp.change_synonymlist"],
    "integrity officer": ["codeapp.view_synonymlist", "codeapp.change_synonymlist"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("codeapp", "0009_add_synonym_list"),
    ]
    operations = [grant_to_roles(GRANTS)]
