"""import_users: a dry run first, all or nothing, every error with its line and column."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from core.roles import EDITOR_GROUP, OFFICER_GROUP
from people.models import Person, RoleChange, Source, Unit, UnitManager
from tests.helpers import make_user
from tests.helpers.servers import STRONG_KEY, manage

pytestmark = pytest.mark.django_db

GOOD = (
    "username,email,first_name,last_name,unit,parent_unit,function,joined_on,roles,manages\n"
    "anna,anna@example.nl,Anna,de Boer,Team Noord,Afdeling Dienstverlening,teamleider,"
    "2024-03-01,,Team Noord\n"
    "bert,bert@example.nl,Bert,Smit,Team Noord,,adviseur,2025-09-15,editor,\n"
    "cor,cor@example.nl,Cor,Visser,Afdeling Dienstverlening,Gemeente,directeur,,"
    "editor;integrity officer,\n"
)


@pytest.fixture(autouse=True)
def role_groups(db):
    Group.objects.get_or_create(name=EDITOR_GROUP)
    Group.objects.get_or_create(name=OFFICER_GROUP)


def run(tmp_path, text: str, *options: str) -> None:
    path = tmp_path / "mensen.csv"
    path.write_text(text, encoding="utf-8")
    call_command("import_users", str(path), *options)


def everything() -> list:
    return [
        list(get_user_model().objects.order_by("pk").values()),
        list(Person.objects.order_by("pk").values()),
        list(Unit.objects.order_by("pk").values()),
        list(UnitManager.objects.order_by("pk").values()),
        list(RoleChange.objects.order_by("pk").values()),
    ]


def test_a_dry_run_is_the_default_and_writes_nothing(tmp_path, capsys):
    run(tmp_path, GOOD)

    assert "Dry run, nothing written: 3 new account(s), 0 updated, 3 new unit(s)" in (
        capsys.readouterr().out
    )
    assert not get_user_model().objects.exists()
    assert not Unit.objects.exists()


def test_apply_imports_accounts_units_roles_and_managers(tmp_path, capsys):
    run(tmp_path, GOOD, "--apply")

    assert "Imported: 3 new account(s)" in capsys.readouterr().out
    anna = get_user_model().objects.get(username="anna")
    assert (anna.email, anna.first_name, anna.last_name) == ("anna@example.nl", "Anna", "de Boer")
    assert not anna.has_usable_password()
    noord = Unit.objects.get(name="Team Noord")
    assert noord.parent.name == "Afdeling Dienstverlening"
    assert noord.parent.parent.name == "Gemeente"
    assert (anna.person.unit, anna.person.function, str(anna.person.joined_on)) == (
        noord, "teamleider", "2024-03-01",
    )  # fmt: skip
    assert anna.person.source == Source.IMPORT
    assert UnitManager.objects.get(user=anna).unit == noord
    cor = get_user_model().objects.get(username="cor")
    assert set(cor.groups.values_list("name", flat=True)) == {EDITOR_GROUP, OFFICER_GROUP}
    sources = set(RoleChange.objects.values_list("source", flat=True))
    assert sources == {Source.IMPORT}
    assert RoleChange.objects.filter(user=anna, role="manager of Team Noord").exists()


def test_a_second_import_updates_and_takes_away_what_the_file_no_longer_says(tmp_path):
    run(tmp_path, GOOD, "--apply")

    run(tmp_path, "username,roles,manages,active\nbert,,\nanna,editor,,0\n", "--apply")

    bert = get_user_model().objects.get(username="bert")
    anna = get_user_model().objects.get(username="anna")
    assert not bert.groups.exists()
    assert bert.first_name == "Bert"  # the column is not in the file: left alone
    assert not UnitManager.objects.filter(user=anna).exists()
    assert not anna.is_active and anna.person.left_at is not None
    assert RoleChange.objects.filter(
        user=bert, role=EDITOR_GROUP, change=RoleChange.Change.REVOKED, source=Source.IMPORT
    ).exists()


def test_a_file_with_errors_names_each_line_and_column_and_writes_nothing(tmp_path, capsys):
    make_user(get_user_model(), "bestaand")
    before = everything()
    text = (
        "username,email,unit,joined_on,roles,manages\n"
        "goed,goed@example.nl,Team Noord,2024-01-01,,\n"
        "datum,datum@example.nl,Team Noord,2024-02-30,,\n"
        "adres,geen-adres,Team Noord,,,\n"
        ",leeg@example.nl,,,,\n"
        "rol,rol@example.nl,,,baas,\n"
        "chef,chef@example.nl,,,,Team Nergens\n"
        "goed,dubbel@example.nl,,,,\n"
    )

    with pytest.raises(CommandError, match="6 error"):
        run(tmp_path, text, "--apply")

    errors = capsys.readouterr().err
    assert "line 3, column joined_on: '2024-02-30' is not a date YYYY-MM-DD" in errors
    assert "line 4, column email: 'geen-adres' is not an e-mail address" in errors
    assert "line 5, column username: is empty" in errors
    assert "line 6, column roles: no role 'baas'" in errors
    assert "line 7, column manages: no unit 'Team Nergens'" in errors
    assert "line 8, column username: 'goed' is on line 2 too" in errors
    assert everything() == before  # not even the good row


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("email,unit\nx@example.nl,Team\n", "line 1: the header has no column 'username'"),
        ("username,shoe_size\nanna,42\n", "line 1: unknown column(s) 'shoe_size'"),
        ("username\n", "the file has no rows below the header"),
        ("username,email\nanna,a@example.nl,extra\n", "line 2: more cells than columns"),
        ("username,parent_unit\nanna,Gemeente\n", "column parent_unit: is given without a unit"),
    ],
)
def test_a_file_it_cannot_read_is_refused(tmp_path, capsys, text, message):
    with pytest.raises(CommandError):
        run(tmp_path, text, "--apply")
    assert message in capsys.readouterr().err
    assert not get_user_model().objects.exists()


def test_a_unit_moved_elsewhere_by_the_file_is_an_error(tmp_path, capsys, manager):
    text = "username,unit,parent_unit\nanna,Team Noord,Afdeling Handhaving\n"
    with pytest.raises(CommandError):
        run(tmp_path, text, "--apply")
    assert "lies under 'Afdeling Dienstverlening', not 'Afdeling Handhaving'" in (
        capsys.readouterr().err
    )


def test_an_administrator_is_not_changed_by_an_import(tmp_path, capsys, admin_user):
    with pytest.raises(CommandError):
        run(tmp_path, "username,roles\nadmin,\n", "--apply")
    assert "is an administrator" in capsys.readouterr().err


def test_a_file_that_is_not_utf8_or_not_there(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("username\nJosé\n".encode("latin-1"))
    with pytest.raises(CommandError, match="is not UTF-8"):
        call_command("import_users", str(path))
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("import_users", str(tmp_path / "nothing.csv"))


def test_it_is_all_or_nothing_on_sqlite_too(tmp_path):
    """The embedded database `make run` uses: the same savepoints and the same rollback."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/import.sqlite3", "DJANGO_SECRET_KEY": STRONG_KEY}
    assert manage("migrate", "-v", "0", **env).returncode == 0
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_text("username,unit,joined_on\nanna,Team,2024-01-01\nbert,Team,gisteren\n")
    good.write_text("username,unit,joined_on\nanna,Team,2024-01-01\n")
    count = "from people.models import Person; print(Person.objects.count())"

    refused = manage("import_users", str(bad), "--apply", **env)
    assert refused.returncode == 1
    assert "line 3, column joined_on: 'gisteren' is not a date" in refused.stderr
    assert manage("shell", "-c", count, **env).stdout.strip() == "0"

    assert manage("import_users", str(good), "--apply", **env).returncode == 0
    assert manage("shell", "-c", count, **env).stdout.strip() == "1"
