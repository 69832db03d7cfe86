from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from codeapp import views
from codeapp.api.endpoints import api
from codeapp.campaigns import views as campaigns
from codeapp.codes import views as codes
from codeapp.coverage import views as coverage
from codeapp.drafting.views import draft as drafting
from codeapp.drafting.views import profile, publishing
from codeapp.establishment import views as establishment
from codeapp.evidence import views as evidence
from codeapp.health import views as health_views
from codeapp.modelcodes import views as modelcodes
from codeapp.reading.views import confirm, synonyms, version_compare
from codeapp.reading.views import pages as reading
from codeapp.reading.views import pdf as printing
from codeapp.reading.views import search as searching
from codeapp.reading.views import suggest as suggesting
from codeapp.wordexport import views as wordexport
from codeapp.wordimport import views as wordimport
from core.dates import DAY_PATTERN


class DateConverter:
    """YYYY-MM-DD in a URL; whether it is a real date is the view's to say (with a clear page)."""

    regex = DAY_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(DateConverter, "isodate")


def reading_paths(at: str) -> list:
    """The reading pages of a code, at `at`: "code/" for the main code, "codes/<slug>/" for
    each code (codeapp/codes/addresses.py); the same names, so a page links within its code."""
    return [
        # Reading the published code (URLs fixed by design.md: they end up in court files).
        path(f"{at}", reading.in_force, name="in-force"),
        path(f"{at}versions/", reading.versions, name="versions"),
        path(f"{at}v<int:number>/", reading.version, name="version"),
        path(f"{at}v<int:number>/pdf/", printing.version_pdf, name="version-pdf"),
        # Steps of establishment added after publication (integrity officers).
        path(
            f"{at}v<int:number>/establishment/",
            establishment.establishment_add,
            name="version-establishment",
        ),
        path(
            f"{at}v<int:number>/docx/",
            wordexport.version_file,
            {"fmt": "docx"},
            name="version-docx",
        ),
        path(
            f"{at}v<int:number>/odt/", wordexport.version_file, {"fmt": "odt"}, name="version-odt"
        ),
        path(f"{at}v<int:number>/model/", modelcodes.version_model_compare, name="version-model"),
        path(f"{at}v<int:number>/confirm/", confirm.version_confirm, name="version-confirm"),
        path(
            f"{at}v<int:number>/confirmations/",
            confirm.version_confirmations,
            name="version-confirmations",
        ),
        path(f"{at}on/<isodate:day>/", reading.version_on, name="version-on"),
        path(
            f"{at}compare/<int:a>/<int:b>/",
            version_compare.version_compare,
            name="version-compare",
        ),
        path(f"{at}changes/", confirm.changes_since_confirmed, name="changes-since-confirmed"),
        path(f"{at}search/", searching.search, name="search"),
    ]


def codeapp_patterns(reading_at: str) -> tuple:
    return (
        [
            # The working draft and publishing (editors, integrity officers).
            path("draft/", drafting.draft, name="draft"),
            path("draft/compare/", publishing.draft_compare, name="draft-compare"),
            # The draft as a file for the works council and the board (codeapp/wordexport).
            path("draft/docx/", wordexport.draft_file, {"fmt": "docx"}, name="draft-docx"),
            path("draft/odt/", wordexport.draft_file, {"fmt": "odt"}, name="draft-odt"),
            path(
                "draft/compare/docx/",
                wordexport.draft_compare_file,
                {"fmt": "docx"},
                name="draft-compare-docx",
            ),
            path(
                "draft/compare/odt/",
                wordexport.draft_compare_file,
                {"fmt": "odt"},
                name="draft-compare-odt",
            ),
            path("draft/publish/", publishing.publish, name="publish"),
            path("draft/code/edit/", profile.profile_edit, name="profile-edit"),
            path("draft/code/history/", profile.profile_history, name="profile-history"),
            # Bringing the existing code in from a Word document (codeapp/wordimport).
            path("draft/word/", wordimport.upload, name="word-upload"),
            path("draft/word/<int:pk>/", wordimport.preview, name="word-preview"),
            path("draft/word/<int:pk>/land/", wordimport.land, name="word-land"),
            # The model code the code builds on (codeapp/modelcodes).
            path("draft/model/", modelcodes.model_page, name="model"),
            path("draft/model/leave-out/<str:key>/", modelcodes.leave_out, name="model-leave-out"),
            path("draft/model/releases/new/", modelcodes.release_receive, name="model-release-new"),
            path("draft/model/releases/<int:pk>/", modelcodes.release_page, name="model-release"),
            path(
                "draft/model/changes/<int:pk>/adapt/", modelcodes.change_adapt, name="model-adapt"
            ),
            *reading_paths(reading_at),
            # The organisation's codes, and choosing the one to work on (codeapp/codes/).
            path("codes/", codes.code_list, name="codes"),
            # The synonym list the search of every code expands terms with (editors, officers).
            path("code/search/synonyms/", synonyms.synonyms_edit, name="search-synonyms"),
            # A suggestion starts from the published code (the draft is not the employee's to
            # see); another code's from its own address, so the suggestion is about that code.
            path(
                "proposals/suggest/" if reading_at == "code/" else f"{reading_at}suggest/",
                suggesting.suggest,
                name="suggest",
            ),
            # Code health: is the code clear, balanced and alive (editors, integrity officers).
            path("health/", health_views.dashboard, name="health"),
            path("health/settings/", health_views.settings_edit, name="health-settings"),
            path("health/report.csv", health_views.report_csv, name="health-report-csv"),
            path("health/report.pdf", health_views.report_pdf, name="health-report-pdf"),
            path("health/agenda/plan/", health_views.agenda_plan, name="health-agenda-plan"),
            # The integrity themes the code covers (editors and integrity officers change them).
            path("health/themes/", health_views.themes, name="health-themes"),
            path("health/themes/new/", health_views.theme_create, name="health-theme-create"),
            path("health/themes/<int:pk>/", health_views.theme_edit, name="health-theme"),
            path(
                "health/themes/<int:pk>/delete/",
                health_views.theme_delete_view,
                name="health-theme-delete",
            ),
            # Confirmation campaigns (integrity officers start them; editors and officers see them).
            path("campaigns/", campaigns.campaign_list, name="campaigns"),
            path("campaigns/new/", campaigns.campaign_new, name="campaign-new"),
            path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign"),
            path("campaigns/<int:pk>/export.csv", campaigns.campaign_csv, name="campaign-csv"),
            path("campaigns/<int:pk>/pdf/", campaigns.campaign_pdf, name="campaign-pdf"),
            path("campaigns/<int:pk>/close/", campaigns.campaign_close_view, name="campaign-close"),
            # Coverage: who confirmed, per unit (reports; managers see their own units).
            path("coverage/", coverage.tree, name="coverage"),
            path("coverage/units/<int:pk>/", coverage.unit, name="coverage-unit"),
            path("coverage/overdue/", coverage.overdue, name="coverage-overdue"),
            path("coverage/export.csv", coverage.export_csv, name="coverage-csv"),
            path("coverage/pdf/", coverage.export_pdf, name="coverage-pdf"),
            # Evidence per employee: integrity officers find anyone; everyone sees their own.
            path("people/", evidence.people, name="people"),
            path("people/<int:pk>/evidence/", evidence.evidence, name="evidence"),
            path("people/<int:pk>/evidence/pdf/", evidence.evidence_pdf, name="evidence-pdf"),
            path("me/confirmations/", evidence.my_confirmations, name="my-confirmations"),
            path(
                "me/confirmations/pdf/", evidence.my_confirmations_pdf, name="my-confirmations-pdf"
            ),
        ],
        "codeapp",
    )


# Only the account pages this product offers: passwords are reset by an administrator.
account_patterns = [
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]

# A database outage answers 503 rather than the 500 page (codeapp/ops/outage.py).
handler500 = "codeapp.ops.outage.server_error"


def site_patterns(reading_at: str = "code/", api_at: str = "api/v1/") -> list:
    """Every page of the site, with one code's reading pages at `reading_at` and its API at
    `api_at`: the main code's at /code/ and /api/v1/ (this module's `urlpatterns`), another
    code's at /codes/<slug>/ and /api/v1/codes/<slug>/ (codeapp/codes/addresses.py)."""
    return [
        path("", views.home, name="home"),
        path("", include(codeapp_patterns(reading_at))),
        path("draft/values/", include("values.urls")),
        path("draft/", include("norms.urls")),
        path("", include("reflection.urls")),
        # The accessibility statement and security.txt (codeapp/publicsector).
        path("", include("codeapp.publicsector.urls")),
        path(api_at, api.urls),
        # Signing in and out, with a password or the work account (people/signin/urls.py).
        path("accounts/", include("people.signin.urls")),
        # Provisioning by the identity provider (SCIM 2.0, bearer token; people/scim/).
        path("scim/v2/", include("people.scim.urls")),
        path("accounts/", include(account_patterns)),
        # Switching the interface language only sets a preference cookie, so it takes no CSRF
        # token: then the published code's pages carry none for anonymous readers, and are the
        # same bytes for all of them (see codeapp.reading.version_page). A forged switch changes a
        # language.
        path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
        path("admin/", admin.site.urls),
    ]


urlpatterns = site_patterns()

# A request too large (or otherwise unreadable) gets a clear page, not Django's bare one.
handler400 = "codeapp.ops.errors.bad_request"
