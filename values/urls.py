"""The pages of core values: their editing pages (core.editing.ItemPages) and the preview."""

from django.urls import path
from django.utils.translation import gettext as _

from core.editing import ItemPages
from values import views
from values.forms import ValueForm
from values.models import Value

VALUE_PAGES = ItemPages(
    model=Value,
    form_class=ValueForm,
    create_heading=lambda parent: _("New core value"),
    edit_heading=lambda value: _("Edit core value “%(name)s”") % {"name": value.name},
)

app_name = "values"
urlpatterns = [
    *VALUE_PAGES.urls(),
    # The preview of any Markdown text of the draft while it is written (POST-only JSON).
    path("preview/", views.markdown_preview, name="preview"),
]
