# Several codes: the profile and every published version belong to a code (the main one for
# what there was); version numbers follow on within a code. The versions' tables refuse
# updates by trigger (0003), so the triggers are lifted while the column is filled, and made
# again after (on SQLite, altering a column rebuilds the table, which drops them anyway).
import importlib

import core.codes
import django.db.models.deletion
import django.db.models.manager
from django.conf import settings
from django.db import migrations, models


_immutable = importlib.import_module("codeapp.migrations.0003_refuse_version_changes")


def fill_codes(apps, schema_editor):
    Code = apps.get_model("core", "Code")
    CodeVersion = apps.get_model("codeapp", "CodeVersion")
    CodeProfile = apps.get_model("codeapp", "CodeProfile")
    main = Code.objects.get(is_main=True)
    CodeVersion._base_manager.update(code=main)
    profile = CodeProfile.objects.filter(code=main).first()
    if profile is not None and profile.title:
        Code.objects.filter(pk=main.pk).update(name=profile.title[:300])


class Migration(migrations.Migration):

    dependencies = [
        ('codeapp', '0018_model_codes'),
        ('core', '0003_several_codes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='codeversion',
            options={'base_manager_name': 'everywhere', 'ordering': ['-number'], 'verbose_name': 'published version', 'verbose_name_plural': 'published versions'},
        ),
        migrations.AlterModelManagers(
            name='codeversion',
            managers=[
                ('objects', django.db.models.manager.Manager()),
                ('everywhere', django.db.models.manager.Manager()),
            ],
        ),
        migrations.AddField(
            model_name='codeprofile',
            name='code',
            field=models.OneToOneField(default=core.codes.active_code_id, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='profile', to='core.code', verbose_name='code'),
        ),
        migrations.RunPython(_immutable.drop_triggers, _immutable.create_triggers),
        migrations.AddField(
            model_name='codeversion',
            name='code',
            field=models.ForeignKey(null=True, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.code', verbose_name='code'),
        ),
        migrations.AddField(
            model_name='historicalcodeprofile',
            name='code',
            field=models.ForeignKey(blank=True, db_constraint=False, default=core.codes.active_code_id, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.code', verbose_name='code'),
        ),
        migrations.AlterField(
            model_name='codeversion',
            name='number',
            field=models.PositiveIntegerField(verbose_name='version'),
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='codeversion',
            name='code',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.code', verbose_name='code'),
        ),
        migrations.AddConstraint(
            model_name='codeversion',
            constraint=models.UniqueConstraint(fields=('code', 'number'), name='version_number_per_code'),
        ),
        migrations.AlterField(
            model_name='codeversion',
            name='sha256',
            field=models.CharField(db_index=True, max_length=64, verbose_name='seal (SHA-256)'),
        ),
        migrations.AddConstraint(
            model_name='codeversion',
            constraint=models.UniqueConstraint(fields=('code', 'sha256'), name='version_seal_per_code'),
        ),
        migrations.RunPython(_immutable.create_triggers, _immutable.drop_triggers),
    ]
