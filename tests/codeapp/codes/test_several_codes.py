"""Several codes in one organisation: each its own draft, keys, versions, chain, pages and API;
/code/ and /api/v1/ stay the main code's; rights for chosen codes; --code on the commands."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from codeapp.codes.addresses import working_on
from codeapp.models import CodeProfile, CodeVersion
from core import codes
from core.models import Code
from norms.models import Norm
from reflection.models import Proposal
from tests.helpers import (
    FIRST_DAY,
    add_norm,
    add_value,
    english,
    publish,
    set_profile,
    signed_in,
    text_of,
)
from values.models import Value

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(editor, officer, code) -> Code:
    """A council code beside the main one (which has the `code` fixture's draft, published),
    with the same keys as the main code: keys are unique within a code, not across codes."""
    publish(officer, FIRST_DAY, summary="Eerste versie.")
    council = Code.objects.create(slug="raad", name="Gedragscode raadsleden", audience="council")
    with working_on(council):
        set_profile(editor, title="Gedragscode voor raadsleden")
        honesty = add_value(editor, "Eerlijkheid", "Raadsleden zijn eerlijk.", key="eerlijkheid")
        add_norm(editor, honesty, "Belangen melden", "obligation", key="geschenken")
        publish(officer, FIRST_DAY, summary="Eerste versie van de raadscode.")
    return council


def test_each_code_has_its_own_draft_keys_and_versions(council, code):
    assert Value.objects.count() == 2  # the main code's, outside any code's block
    with working_on(council):
        assert list(Value.objects.values_list("key", flat=True)) == ["eerlijkheid"]
        assert Norm.objects.get(key="geschenken").title == "Belangen melden"
        [version] = CodeVersion.objects.all()
        assert version.number == 1 and version.title == "Gedragscode voor raadsleden"
        assert CodeProfile.current().code == council
    main_v1 = CodeVersion.objects.get()
    assert main_v1.number == 1 and main_v1.code.is_main
    assert CodeVersion.everywhere.count() == 2


def test_the_main_code_keeps_its_addresses_and_the_council_code_reads_at_its_own(council):
    anonymous = Client()
    main = text_of(anonymous.get("/code/v1/"))
    assert "Geen steekpenningen" in main and "Belangen melden" not in main
    page = anonymous.get("/codes/raad/v1/")
    assert page.status_code == 200
    assert "Belangen melden" in text_of(page) and "Geen steekpenningen" not in text_of(page)
    # Its links stay within the code.
    assert 'href="/codes/raad/versions/"' in page.content.decode()
    assert anonymous.get("/codes/raad/").status_code == 200
    assert anonymous.get("/codes/raad/versions/").status_code == 200
    assert anonymous.get("/codes/raad/v1/pdf/").status_code == 200
    assert anonymous.get("/codes/raad/search/?q=belangen").status_code == 200
    assert anonymous.get("/codes/raad/v2/").status_code == 404
    assert anonymous.get("/codes/bestaat-niet/").status_code == 404


def test_the_main_codes_twin_names_code_as_canonical(council):
    main = codes.main_code()
    page = Client().get(f"/codes/{main.slug}/v1/")
    assert page.status_code == 200
    assert '<link rel="canonical" href="http://testserver/code/v1/">' in page.content.decode()
    assert page["Link"] == '<http://testserver/code/v1/>; rel="canonical"'
    assert 'rel="canonical"' not in Client().get("/codes/raad/v1/").content.decode()


def test_the_list_of_codes_shows_published_titles_never_a_draft(council, editor):
    with working_on(council):
        set_profile(editor, title="Geheime concepttitel")
    Code.objects.create(slug="bestuur", name="Code bestuurders (nog niet af)")
    page = text_of(Client().get("/codes/"))
    assert "Gedragscode voor raadsleden" in page and "raadsleden" in page
    assert "Geheime concepttitel" not in page
    assert "nog niet af" not in page  # nothing published: not for readers
    assert "nog niet af" in text_of(signed_in(editor).get("/codes/"))


def test_a_code_that_is_not_public_is_for_signed_in_readers_only(council, employee):
    Code.objects.filter(pk=council.pk).update(public=False)
    codes.forget()
    assert Client().get("/codes/raad/v1/").status_code == 302
    assert Client().get("/api/v1/codes/raad/versions").status_code == 401
    assert "raadsleden" not in text_of(Client().get("/codes/"))
    assert Client().get("/code/v1/").status_code == 200
    assert signed_in(employee).get("/codes/raad/v1/").status_code == 200


def test_the_api_lists_the_codes_and_answers_for_each(council):
    api = Client()
    listing = api.get("/api/v1/codes").json()
    assert [entry["slug"] for entry in listing] == [codes.main_code().slug, "raad"]
    raad = listing[1]
    assert raad["title"] == "Gedragscode voor raadsleden"
    assert raad["audience"] == "council" and raad["main"] is False
    assert raad["latest_version"]["number"] == 1
    assert raad["url"] == "http://testserver/api/v1/codes/raad/code"
    assert raad["reading_url"] == "http://testserver/codes/raad/"
    document = api.get("/api/v1/codes/raad/code").json()
    assert document["title"] == "Gedragscode voor raadsleden"
    assert api.get("/api/v1/code").json()["title"] != document["title"]
    versions = api.get("/api/v1/codes/raad/versions").json()
    assert versions[0]["url"] == "http://testserver/api/v1/codes/raad/versions/1"
    assert api.get("/api/v1/codes/raad/versions/1").status_code == 200
    missing = api.get("/api/v1/codes/bestaat-niet/code")
    assert missing.status_code == 404 and "bestaat-niet" in missing.json()["detail"]


def test_an_editor_works_on_the_code_they_choose(council, editor):
    client = signed_in(editor)
    assert "Eerlijkheid" in text_of(client.get("/draft/"))
    chosen = client.post("/codes/", {"code": "raad", "next": "/draft/"})
    assert chosen.status_code == 302 and chosen["Location"] == "/draft/"
    draft = text_of(client.get("/draft/"))
    assert "Belangen melden" in draft and "Deskundigheid" not in draft
    assert "Gedragscode raadsleden" in draft  # the page names the code worked on
    # Reading /code/ is still the main code.
    assert "Geen steekpenningen" in text_of(client.get("/code/v1/"))
    refused = client.post("/codes/", {"code": "bestaat-niet"}, follow=True)
    assert "Gedragscode raadsleden" in text_of(client.get("/draft/"))
    assert refused.status_code == 200


def test_a_clerk_named_for_the_council_code_edits_only_that_code(council, editor, officer):
    council.keepers.add(editor)
    client = signed_in(editor)
    draft = text_of(client.get("/draft/"))  # no choice made: the first code they keep
    assert "Belangen melden" in draft
    assert client.post("/codes/", {"code": codes.main_code().slug}).status_code == 302
    assert "Belangen melden" in text_of(client.get("/draft/"))  # refused: still the council's
    with working_on(codes.main_code()):
        assert not editor.has_perm("values.change_value")
    editor = type(editor).objects.get(pk=editor.pk)
    with working_on(council):
        assert editor.has_perm("values.change_value")
    # An officer named for no code keeps every code.
    with working_on(council):
        assert officer.has_perm("reflection.decide_proposal")


def test_proposal_numbers_follow_on_within_a_code(council, editor, code):
    from tests.helpers import new_proposal

    first_main = new_proposal(editor, code["gifts"], "Een week.", title="Sneller melden")
    with working_on(council):
        norm = Norm.objects.get(key="geschenken")
        first_council = new_proposal(editor, norm, "Altijd.", title="Altijd melden")
        assert list(Proposal.objects.all()) == [first_council]
    assert first_main.number == first_council.number == 1


def test_commands_work_per_code(council, tmp_path):
    out = io.StringIO()
    call_command("export_code", "--code", "raad", "--version", "1", stdout=out)
    exported = json.loads(out.getvalue())
    assert exported["title"] == "Gedragscode voor raadsleden"
    out = io.StringIO()
    call_command("verify_versions", stdout=out)
    assert "raad: All 1 versions verified" in out.getvalue()
    with pytest.raises(CommandError, match="--code nergens: there is no such code"):
        call_command("export_code", "--code", "nergens", stdout=io.StringIO())
    with pytest.raises(CommandError, match="there is no such code"):
        call_command("verify_versions", "--code", "nergens", stdout=io.StringIO())


def test_a_backup_of_several_codes_restores_every_chain_with_the_same_seals(council, tmp_path):
    from tests.helpers.documents import wipe_everything

    sealed = {}
    for code in codes.all_codes():
        with working_on(code):
            for version in CodeVersion.objects.order_by("number"):
                path = tmp_path / f"{code.slug}-v{version.number}.json"
                call_command(
                    "export_code", "--code", code.slug, "--version", str(version.number),
                    "--output", str(path), stdout=io.StringIO(),
                )  # fmt: skip
                sealed[path] = (code.slug, version.sha256)
    for code in codes.all_codes():
        with working_on(code):
            wipe_everything()
    assert not CodeVersion.everywhere.exists()

    for path, (slug, _seal) in sealed.items():
        call_command("import_code", str(path), "--code", slug, stdout=io.StringIO())

    for path, (slug, seal) in sealed.items():
        number = int(path.stem.rsplit("-v", 1)[1])
        assert CodeVersion.everywhere.get(code__slug=slug, number=number).sha256 == seal
    out = io.StringIO()
    call_command("verify_versions", stdout=out)
    assert out.getvalue().count("versions verified") == 2


def test_add_code_adds_one_and_refuses_a_clash_or_a_bad_name():
    call_command("add_code", "bestuur", "Gedragscode bestuurders", "--audience", "office-holders",
                 stdout=io.StringIO())  # fmt: skip
    assert codes.code_named("bestuur").audience == "office-holders"
    with pytest.raises(CommandError, match="slug"):
        call_command("add_code", "bestuur", "Nog een", stdout=io.StringIO())
    with pytest.raises(CommandError, match="slug"):
        call_command("add_code", "Met Spaties", "Fout", stdout=io.StringIO())
    assert Code.objects.count() == 2


def test_a_confirmation_counts_for_its_own_code_only(council, employee):
    reader = signed_in(employee)
    assert reader.post("/codes/raad/v1/confirm/").status_code == 302
    council_page = reader.get("/codes/raad/v1/").content.decode()
    assert 'class="mb-0 confirmed"' in council_page
    main_page = reader.get("/code/v1/").content.decode()
    assert 'class="mb-0 confirmed"' not in main_page  # the main code's v1 is not confirmed
    assert "which you confirmed" not in main_page and "die je hebt bevestigd" not in main_page
    [confirmation] = employee.code_confirmations.all()
    assert confirmation.version.code == council


def test_a_keeper_of_another_code_sees_no_editing_menu_on_this_one(council, editor):
    council.keepers.add(editor)
    page = signed_in(editor).get("/code/v1/").content.decode()
    assert 'href="/draft/"' not in page
    assert 'href="/draft/"' in signed_in(editor).get("/codes/raad/v1/").content.decode()


def test_a_code_for_chosen_units_asks_only_their_people_to_confirm(council, employee):
    from codeapp.codes.models import AudienceUnit
    from people.models import Person, Unit

    raad = Unit.objects.create(name="Gemeenteraad")
    fractie = Unit.objects.create(name="Fractie A", parent=raad)
    AudienceUnit.objects.create(code=council, unit=raad)
    reader = signed_in(employee)
    page = reader.get("/codes/raad/v1/").content.decode()
    assert 'class="mb-0 not-asked"' in page and "I have read this version" not in page
    refused = english(reader).post("/codes/raad/v1/confirm/", follow=True)
    assert "you are not asked to confirm it" in text_of(refused)
    assert not employee.code_confirmations.exists()
    # A member of a sub-unit is asked; the staff code still asks everyone.
    Person.objects.update_or_create(user=employee, defaults={"unit": fractie})
    member = signed_in(type(employee).objects.get(pk=employee.pk))
    assert 'class="mb-0 not-asked"' not in member.get("/codes/raad/v1/").content.decode()
    assert member.post("/codes/raad/v1/confirm/").status_code == 302
    assert employee.code_confirmations.get().version.code == council
    assert 'class="mb-0 not-asked"' not in reader.get("/code/v1/").content.decode()


def test_an_employee_chooses_a_code_and_their_own_pages_follow_it(council, employee):
    reader = english(signed_in(employee))
    assert reader.post("/codes/raad/v1/confirm/").status_code == 302
    assert "You have not confirmed any version yet." in text_of(reader.get("/me/confirmations/"))
    chosen = reader.post("/codes/", {"code": "raad"})
    assert chosen.status_code == 302 and chosen["Location"] == "/"
    page = text_of(reader.get("/me/confirmations/"))
    assert "You have not confirmed any version yet." not in page
    assert "You work on:" in page and "Gedragscode raadsleden" in page
