"""The integrity themes page: editors and officers change the list and which norms cover each
theme; a save over someone else's is refused, bad input changes nothing, history says who."""

import pytest
from django.urls import reverse

from codeapp.codes.addresses import working_on
from codeapp.health.models import IntegrityTheme
from core.models import Code
from tests.helpers import add_norm, add_value, signed_in

pytestmark = pytest.mark.django_db

THEMES = reverse("codeapp:health-themes")
NEW = reverse("codeapp:health-theme-create")


def edit_url(theme) -> str:
    return reverse("codeapp:health-theme", args=[theme.pk])


def gifts() -> IntegrityTheme:
    return IntegrityTheme.objects.get(name_en="Gifts and invitations")


def place_of(theme: IntegrityTheme) -> str:
    """The theme's place as the form offers it: after the theme before it, or at the top."""
    before = [t for t in IntegrityTheme.objects.exclude(pk=theme.pk)
              if (t.position, t.pk) < (theme.position, theme.pk)]  # fmt: skip
    return f"after-{before[-1].pk}" if before else "top"


def data(theme: IntegrityTheme, **changes) -> dict:
    values = {
        "name_nl": theme.name_nl, "name_en": theme.name_en, "keywords": theme.keywords,
        "position": place_of(theme), "revision": str(theme.revision),
        "norms": [str(pk) for pk in theme.norms.values_list("pk", flat=True)],
    }  # fmt: skip
    values.update(changes)
    return values


def test_the_page_lists_the_themes_with_their_norms_and_suggestions(code, editor):
    gifts().norms.add(code["gifts"])

    page = signed_in(editor).get(THEMES).content.decode()

    assert "Gifts and invitations" in page and "1.1 Geschenken melden" in page
    assert "no norm covers it" in page
    assert f'href="{edit_url(gifts())}"' in page and f'href="{NEW}"' in page


def test_an_editor_maps_norms_and_the_history_says_who_and_what(code, editor):
    theme = gifts()

    response = signed_in(editor).post(
        edit_url(theme),
        data(theme, norms=[str(code["gifts"].pk), str(code["bribes"].pk)], reason="Na de sessie"),
    )

    assert response.status_code == 302 and response["Location"] == THEMES
    theme.refresh_from_db()
    assert set(theme.norms.all()) == {code["gifts"], code["bribes"]}
    assert theme.revision == 2
    record = theme.history.latest("history_date")
    assert record.history_user == editor
    assert record.history_change_reason == "Na de sessie; norms added: 1.1, 1.2"
    page = signed_in(editor).get(THEMES).content.decode()
    assert "norms added: 1.1, 1.2" in page


def test_an_officer_renames_and_reorders_and_adds_a_theme(code, officer):
    client = signed_in(officer)
    theme = gifts()
    last = IntegrityTheme.objects.exclude(pk=theme.pk).last()
    client.post(edit_url(theme), data(theme, name_en="Gifts", position=f"after-{last.pk}"))
    theme.refresh_from_db()
    assert theme.name_en == "Gifts" and list(IntegrityTheme.objects.all())[-1] == theme

    response = client.post(
        NEW,
        {"name_nl": "Reizen", "name_en": "Travel", "keywords": " Reis ,  reis, trip ,",
         "position": "top", "revision": "0"},
    )  # fmt: skip

    assert response.status_code == 302
    added = IntegrityTheme.objects.get(name_en="Travel")
    assert added.keywords == "reis, trip" and added.revision == 1
    assert IntegrityTheme.objects.first() == added  # at the top


def test_a_save_over_someone_elses_is_refused_and_shows_both(code, editor, editor2):
    theme = gifts()
    opened = data(theme)
    signed_in(editor2).post(edit_url(theme), data(theme, name_en="Presents"))

    response = signed_in(editor).post(edit_url(theme), {**opened, "name_en": "Gifts only"})

    assert response.status_code == 409
    theme.refresh_from_db()
    assert theme.name_en == "Presents"
    assert "Presents" in response.content.decode() and "Gifts only" in response.content.decode()


@pytest.mark.parametrize(
    "bad",
    [
        {"name_nl": ""},
        {"name_en": "x" * 201},
        {"position": "-1"},
        {"position": "many"},
        {"position": "after-999999"},
        {"norms": ["999999"]},
        {"keywords": "a" * 1001},
        {"revision": ""},
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(code, editor, bad):
    theme = gifts()

    response = signed_in(editor).post(edit_url(theme), data(theme, **bad))

    assert response.status_code == 400
    assert 'class="invalid-feedback' in response.content.decode() or "alert" in (
        response.content.decode()
    )
    stored = IntegrityTheme.objects.get(pk=theme.pk)
    assert (stored.name_nl, stored.name_en, stored.position, stored.revision) == (
        theme.name_nl, theme.name_en, theme.position, theme.revision,
    )  # fmt: skip
    assert not stored.norms.exists()


def test_a_norm_of_another_code_cannot_be_mapped_and_its_mapping_stays(code, editor):
    council = Code.objects.create(slug="raad", name="Gedragscode raadsleden", audience="council")
    theme = gifts()
    with working_on(council):
        honesty = add_value(editor, "Eerlijkheid", key="eerlijkheid")
        theirs = add_norm(editor, honesty, "Geschenken raad", key="geschenken")
        theme.norms.add(theirs)

    refused = signed_in(editor).post(edit_url(theme), data(theme, norms=[str(theirs.pk)]))
    assert refused.status_code == 400
    saved = signed_in(editor).post(edit_url(theme), data(theme, norms=[str(code["gifts"].pk)]))
    assert saved.status_code == 302

    assert set(IntegrityTheme.norms.through.objects.filter(integritytheme=theme).values_list(
        "norm_id", flat=True
    )) == {theirs.pk, code["gifts"].pk}  # fmt: skip


def test_removing_a_theme_checks_the_revision(code, editor):
    theme = gifts()
    url = reverse("codeapp:health-theme-delete", args=[theme.pk])
    client = signed_in(editor)

    stale = client.post(url, {"revision": str(theme.revision - 1)})
    assert stale.status_code == 302 and IntegrityTheme.objects.filter(pk=theme.pk).exists()
    assert client.post(url, {"revision": "x"}).status_code == 302
    assert IntegrityTheme.objects.filter(pk=theme.pk).exists()

    done = client.post(url, {"revision": str(theme.revision)})

    assert done.status_code == 302 and done["Location"] == reverse("codeapp:health-themes")
    assert not IntegrityTheme.objects.filter(pk=theme.pk).exists()
    assert IntegrityTheme.history.filter(id=theme.pk, history_type="-").get().history_user == editor
    assert client.post(url, {"revision": "1"}).status_code == 404


def test_the_pages_are_in_dutch_too(code, editor):
    from django.test import Client

    client = Client(headers={"accept-language": "nl"})
    client.force_login(editor)

    page = client.get(THEMES).content.decode()

    assert "Geschenken en uitnodigingen" in page


def _norms(editor, size: int) -> None:
    value = add_value(editor, "Waarde", key="waarde")
    themes = list(IntegrityTheme.objects.all())
    for i in range(size):
        norm = add_norm(editor, value, f"Norm {i} over geschenken", key=f"norm-{i}")
        themes[i % len(themes)].norms.add(norm)
        if i % 3 == 0:
            IntegrityTheme.objects.create(
                name_nl=f"Thema {i}", name_en=f"Theme {i}", keywords="norm"
            )


@pytest.mark.parametrize("size", [2, 15])
def test_the_theme_pages_need_the_same_queries_whatever_the_size(
    size, editor, django_assert_max_num_queries
):
    _norms(editor, size)
    client = signed_in(editor)
    theme = gifts()
    client.post(edit_url(theme), data(theme, name_en="Gifts"))  # one history record more

    for url in (THEMES, edit_url(theme), NEW):
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200


def test_a_theme_moves_between_two_with_no_room_and_the_order_stays(code, editor):
    themes = list(IntegrityTheme.objects.all())
    first, second, moving = themes[0], themes[1], themes[-1]
    IntegrityTheme.objects.filter(pk=second.pk).update(position=first.position + 1)

    response = signed_in(editor).post(edit_url(moving), data(moving, position=f"after-{first.pk}"))

    assert response.status_code == 302
    order = list(IntegrityTheme.objects.values_list("pk", flat=True))
    assert order == [first.pk, moving.pk, *[t.pk for t in themes[1:-1]]]


def test_the_list_shows_no_position_numbers_and_the_form_offers_places(en_client_for, code):
    page = en_client_for("editor").get(THEMES).content.decode()
    assert ">Position<" not in page and ">Keywords<" not in page

    form = en_client_for("editor").get(edit_url(gifts())).content.decode()
    assert "At the top" in form and "After “" in form and 'type="number"' not in form
    assert "Search words for suggestions" in form
