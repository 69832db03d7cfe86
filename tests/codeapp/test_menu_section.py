"""The main menu marks the section of the page being shown, and only that one."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _marked(response) -> list[str]:
    menu = re.search(r'<ul class="navbar-nav">.*?</ul>', response.content.decode(), re.S)
    assert menu, "the page has the main menu"
    return re.findall(r'class="nav-link active" href="([^"]+)"', menu.group(0))


@pytest.mark.parametrize(
    ("path", "marked"),
    [
        ("/code/", ["/code/"]),
        ("/draft/", ["/draft/"]),
        ("/draft/values/new/", ["/draft/"]),
        ("/health/", ["/health/"]),
        ("/health/settings/", ["/health/"]),
        ("/health/themes/", ["/health/"]),
        ("/health/themes/new/", ["/health/"]),
        ("/code/search/synonyms/", []),
        ("/reflection/", ["/reflection/"]),
        ("/reflection/cases/", ["/reflection/"]),
        ("/proposals/", ["/proposals/"]),
        ("/proposals/review/", ["/proposals/review/"]),
        ("/coverage/", ["/coverage/"]),
        ("/coverage/overdue/", ["/coverage/"]),
        ("/people/", ["/coverage/"]),
        ("/me/confirmations/", ["/me/confirmations/"]),
        ("/live/", ["/live/"]),
        ("/live/new/", ["/live/"]),
    ],
)
def test_it_marks_the_section_of_the_page(client_for, path, marked):
    response = client_for("admin").get(path)

    assert response.status_code == 200
    assert _marked(response) == marked


def test_it_marks_the_page_itself_as_current(client_for):
    response = client_for("admin").get("/reflection/")

    assert 'href="/reflection/" aria-current="page"' in response.content.decode()


def test_a_team_lead_finds_team_sessions_in_the_menu_and_an_employee_does_not(client_for):
    lead = client_for("teamlead").get("/proposals/").content.decode()
    employee = client_for("employee").get("/proposals/").content.decode()
    assert 'href="/live/"' in lead
    assert 'href="/live/"' not in employee
