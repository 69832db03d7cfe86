# Several codes in one organisation. A code (the main one made here from the one code there
# was) owns its items; keys are unique within a code, so the key register gets a code and a
# plain id (the key was its primary key): a new table takes the rows over, the old one goes.
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import core.codes

KEY_VALIDATOR = django.core.validators.RegexValidator(
    "^[a-z0-9][a-z0-9-]{0,63}$",
    "A key has 1 to 64 characters: lower-case letters a-z, digits and hyphens, starting with a "
    "letter or digit.",
)


def make_main_code(apps, schema_editor):
    Code = apps.get_model("core", "Code")
    if not Code.objects.filter(is_main=True).exists():
        Code.objects.create(slug="gedragscode", name="Gedragscode", is_main=True)


def move_keys(apps, schema_editor):
    Code = apps.get_model("core", "Code")
    OldItemKey = apps.get_model("core", "OldItemKey")
    ItemKey = apps.get_model("core", "ItemKey")
    main = Code.objects.get(is_main=True)
    rows = OldItemKey.objects.order_by("claimed_at", "key").values_list("key", "kind", "claimed_at")
    ItemKey.objects.bulk_create(
        ItemKey(code=main, key=key, kind=kind, claimed_at=claimed_at) for key, kind, claimed_at in rows
    )


def keys_back(apps, schema_editor):
    OldItemKey = apps.get_model("core", "OldItemKey")
    ItemKey = apps.get_model("core", "ItemKey")
    OldItemKey.objects.bulk_create(
        OldItemKey(key=row.key, kind=row.kind, claimed_at=row.claimed_at)
        for row in ItemKey.objects.filter(code__is_main=True)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_outgoingmail"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Code",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.CharField(help_text="Part of the code's address: /codes/<short name>/. Never change it once read.", max_length=64, unique=True, validators=[KEY_VALIDATOR], verbose_name="short name")),
                ("name", models.CharField(help_text="How the code is called in menus and lists.", max_length=300, verbose_name="name")),
                ("is_main", models.BooleanField(default=False, editable=False, help_text="The organisation's main code, read at /code/.", verbose_name="main code")),
                ("public", models.BooleanField(default=True, help_text="Anyone may read its published versions (when the site is public at all).", verbose_name="public")),
                ("audience", models.CharField(choices=[("everyone", "all employees"), ("council", "council members"), ("office-holders", "office holders"), ("units", "chosen units")], default="everyone", help_text="Who is asked to read and confirm this code. For anyone but all employees, choose the units whose people are meant (below); with none chosen, everyone is asked.", max_length=20, verbose_name="audience")),
                ("position", models.PositiveIntegerField(default=0, verbose_name="position")),
                ("keepers", models.ManyToManyField(blank=True, help_text="An editor or integrity officer named here holds that role for the codes that name them, and for no other. Someone named for no code holds their role for every code.", related_name="kept_codes", to=settings.AUTH_USER_MODEL, verbose_name="editors and officers for this code only")),
            ],
            options={
                "verbose_name": "code",
                "verbose_name_plural": "codes",
                "ordering": ["-is_main", "position", "name"],
                "constraints": [
                    models.UniqueConstraint(condition=models.Q(("is_main", True)), fields=("is_main",), name="one_main_code"),
                    models.CheckConstraint(condition=models.Q(("slug__regex", "^[a-z0-9][a-z0-9-]{0,63}$")), name="code_slug_format"),
                ],
            },
        ),
        migrations.RunPython(make_main_code, migrations.RunPython.noop),
        migrations.RenameModel("ItemKey", "OldItemKey"),
        migrations.CreateModel(
            name="ItemKey",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=64, validators=[KEY_VALIDATOR], verbose_name="key")),
                ("kind", models.CharField(choices=[("value", "core value"), ("norm", "norm"), ("example", "example")], max_length=10, verbose_name="kind of item")),
                ("claimed_at", models.DateTimeField(auto_now_add=True, verbose_name="claimed at")),
                ("code", models.ForeignKey(default=core.codes.active_code_id, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.code", verbose_name="code")),
            ],
            options={
                "verbose_name": "item key",
                "verbose_name_plural": "item keys",
                "constraints": [models.UniqueConstraint(fields=("code", "key"), name="itemkey_unique_per_code")],
            },
        ),
        migrations.RunPython(move_keys, keys_back),
        migrations.DeleteModel("OldItemKey"),
    ]
