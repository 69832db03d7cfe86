"""Give integrity officers the people: finding a person and seeing their evidence.

The evidence per employee (every version they confirmed, when, with the seals) is what an
integrity officer hands to a lawyer; `people.view_person` opens it for anyone. Editors see
coverage figures (codeapp.view_confirmation), not a person's record; employees see their own.
"""

from django.db import migrations

from core.grants import grant_to_roles

GRANTS = {
    "integrity officer": ["people.view_person"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("codeapp", "0014_grant_campaign_permissions"),
        ("people", "0001_units_people_roles"),
    ]
    operations = [grant_to_roles(GRANTS)]
