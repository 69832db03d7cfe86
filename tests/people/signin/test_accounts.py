"""Just-in-time accounts (people/signin/accounts.py): made on the first sign-in, updated on
every one, roles from groups with every change recorded, refused when switched off."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.roles import EDITOR_GROUP, OFFICER_GROUP
from people.models import Person, RoleChange, Source, TeamLead, Unit, UnitManager
from people.signin.accounts import AccountInactive, account_sign_in
from people.signin.backend import SignInBackend, SignInFailed
from people.signin.claims import Profile
from people.teamleads import is_team_lead
from tests.helpers import make_user

pytestmark = pytest.mark.django_db

MANAGED = frozenset({EDITOR_GROUP, OFFICER_GROUP})


def anna(**changes) -> Profile:
    fields = {
        "subject": "sub-anna",
        "username": "anna@example.nl",
        "email": "anna@example.nl",
        "first_name": "Anna de Vries",
        "unit": "Team Zuid",
        "function": "Beleidsmedewerker",
        "roles": frozenset({EDITOR_GROUP}),
        "managed_roles": MANAGED,
    }
    return Profile(**{**fields, **changes})


@pytest.fixture(autouse=True)
def _groups(roles):
    """The role groups."""


def test_the_first_sign_in_makes_the_account_with_its_unit_function_and_role():
    user = account_sign_in(profile=anna())

    person = Person.objects.select_related("unit").get(user=user)
    assert (user.username, user.email, user.get_full_name()) == (
        "anna@example.nl",
        "anna@example.nl",
        "Anna de Vries",
    )
    assert not user.has_usable_password()
    assert (person.external_id, person.source, person.function) == (
        "sub-anna",
        Source.SIGN_IN,
        "Beleidsmedewerker",
    )
    assert person.unit.name == "Team Zuid"
    assert list(user.groups.values_list("name", flat=True)) == [EDITOR_GROUP]
    assert list(RoleChange.objects.values_list("role", "change", "source")) == [
        (EDITOR_GROUP, "granted", Source.SIGN_IN)
    ]


def test_a_later_sign_in_updates_the_same_account_and_records_the_role_changes():
    first = account_sign_in(profile=anna())
    later = account_sign_in(
        profile=anna(
            email="a.devries@example.nl",
            first_name="Anna",
            last_name="de Vries-Jansen",
            unit="Team Noord",
            function="Adviseur",
            roles=frozenset({OFFICER_GROUP}),
        )
    )

    assert later.pk == first.pk
    assert get_user_model().objects.count() == 1
    later.refresh_from_db()
    assert (later.email, later.get_full_name()) == ("a.devries@example.nl", "Anna de Vries-Jansen")
    assert (later.person.unit.name, later.person.function) == ("Team Noord", "Adviseur")
    assert list(later.groups.values_list("name", flat=True)) == [OFFICER_GROUP]
    changes = set(RoleChange.objects.values_list("role", "change", "source"))
    assert changes == {
        (EDITOR_GROUP, "granted", Source.SIGN_IN),
        (EDITOR_GROUP, "revoked", Source.SIGN_IN),
        (OFFICER_GROUP, "granted", Source.SIGN_IN),
    }


def test_a_group_given_by_hand_outside_the_mapping_stays():
    user = account_sign_in(profile=anna())
    Group.objects.create(name="reviewers").user_set.add(user)

    account_sign_in(profile=anna(roles=frozenset()))

    assert list(user.groups.values_list("name", flat=True)) == ["reviewers"]


def test_without_a_role_mapping_roles_stay_as_they_are():
    user = account_sign_in(profile=anna())
    account_sign_in(profile=anna(roles=None))
    assert user.groups.filter(name=EDITOR_GROUP).exists()


def test_it_finds_the_account_by_subject_never_by_email(django_user_model):
    # A local account with the same name and address.
    someone = make_user(django_user_model, "anna@example.nl", email="anna@example.nl")

    user = account_sign_in(profile=anna())

    assert user.pk != someone.pk
    assert user.username == "anna@example.nl-2"


def test_the_unit_is_found_by_external_id_then_by_name():
    by_id = Unit.objects.create(name="Dienstverlening", external_id="Team Zuid")
    assert account_sign_in(profile=anna()).person.unit == by_id
    by_name = Unit.objects.create(name="Burgerzaken")
    assert account_sign_in(profile=anna(unit="Burgerzaken")).person.unit == by_name
    assert Unit.objects.count() == 2


def test_units_named_as_managed_make_the_person_their_manager_and_drop_with_the_claim():
    noord = Unit.objects.create(name="Team Noord")
    user = account_sign_in(profile=anna(manages=("Team Noord", "Team Oost")))
    assert set(UnitManager.objects.filter(user=user).values_list("unit__name", flat=True)) == {
        "Team Noord",
        "Team Oost",
    }
    by_hand = Unit.objects.create(name="Staf")
    UnitManager.objects.create(unit=by_hand, user=user, source=Source.ADMIN)

    account_sign_in(profile=anna(manages=()))

    assert list(UnitManager.objects.filter(user=user).values_list("unit", flat=True)) == [
        by_hand.pk
    ]
    assert RoleChange.objects.filter(
        user=user, role=f"manager of {noord.name}", change="revoked", source=Source.SIGN_IN
    ).exists()


def test_a_switched_off_account_is_refused_and_nothing_changes():
    user = account_sign_in(profile=anna())
    user.is_active = False
    user.save()
    before = RoleChange.objects.count()

    with pytest.raises(AccountInactive):
        account_sign_in(profile=anna(email="new@example.nl", roles=frozenset()))

    user.refresh_from_db()
    assert user.email == "anna@example.nl"
    assert user.groups.filter(name=EDITOR_GROUP).exists()
    assert RoleChange.objects.count() == before


def test_missing_claims_are_refused_before_anything_is_written(settings, rf):
    settings.OIDC_ISSUER = "https://login.example.nl"
    settings.OIDC_CLAIMS = {"subject": "sub", "email": "email", "username": "", "name": ""}
    settings.OIDC_ROLE_MAP = {}
    settings.OIDC_RP_SCOPES = "openid email"
    backend = SignInBackend()
    backend.get_userinfo = lambda access, id_token, payload: payload

    with pytest.raises(SignInFailed) as failed:
        backend.get_or_create_user("access", "id", {"email": "x@example.nl"})

    assert failed.value.reason == "claims"
    assert not get_user_model().objects.exists()
    assert not Unit.objects.exists()


def test_units_named_as_led_make_the_person_their_team_lead_and_drop_with_the_claim():
    user = account_sign_in(profile=anna(leads=("Team Noord",)))
    row = TeamLead.objects.get(user=user)
    assert (row.unit.name, row.source) == ("Team Noord", Source.SIGN_IN)
    by_hand = TeamLead.objects.create(
        unit=Unit.objects.create(name="Staf"), user=user, source=Source.ADMIN
    )
    assert is_team_lead(user)

    account_sign_in(profile=anna(leads=()))

    assert list(TeamLead.objects.filter(user=user)) == [by_hand]
    changes = RoleChange.objects.filter(user=user, role="team lead of Team Noord")
    assert sorted(changes.values_list("change", flat=True)) == ["granted", "revoked"]
    # A sign-in without the claim leaves the rows as they are.
    account_sign_in(profile=anna())
    assert list(TeamLead.objects.filter(user=user)) == [by_hand]
