"""Give every session a public name: its kind and quarter ("Dilemmasessie, 1e kwartaal 2026").

Until now a published version named a session by its title ("Dilemma session team Taxes").
Versions already sealed keep what they say; only proposals published from now on carry
the public name.
"""

from django.conf import settings
from django.db import migrations, models
from django.utils.translation import gettext, override


def public_name(session_format: str, day, labels: dict[str, str]) -> str:
    # The same words as reflection.models.default_public_name, frozen here with this migration.
    return gettext("%(kind)s, Q%(quarter)d %(year)d") % {
        "kind": gettext(labels.get(session_format, session_format)),
        "quarter": (day.month - 1) // 3 + 1,
        "year": day.year,
    }


def name_sessions(apps, schema_editor):
    for model_name in ("Session", "HistoricalSession"):
        model = apps.get_model("reflection", model_name)
        labels = {str(k): str(v) for k, v in model._meta.get_field("format").choices}
        with override(settings.LANGUAGE_CODE):
            for row in model.objects.filter(public_name="").only("pk", "format", "date"):
                row.public_name = public_name(row.format, row.date, labels)
                row.save(update_fields=["public_name"])


class Migration(migrations.Migration):

    dependencies = [
        ("reflection", "0005_add_proposal_deputy"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalsession",
            name="public_name",
            field=models.CharField(default="", max_length=200, verbose_name="public name"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="session",
            name="public_name",
            field=models.CharField(default="", max_length=200, verbose_name="public name"),
            preserve_default=False,
        ),
        migrations.RunPython(name_sessions, migrations.RunPython.noop),
    ]
