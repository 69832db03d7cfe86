"""The pages of norms and examples: their editing pages (core.editing.ItemPages) and the
live readability figures of a norm text."""

from django.urls import path
from django.utils.translation import gettext as _

from core.editing import ItemPages
from norms import views
from norms.forms import ExampleForm, NormForm
from norms.models import Example, Norm
from values.models import Value

NORM_PAGES = ItemPages(
    model=Norm,
    form_class=NormForm,
    create_heading=lambda value: (
        _("New norm under “%(value)s”") % {"value": value.name} if value else _("New norm")
    ),
    edit_heading=lambda norm: _("Edit norm “%(title)s”") % {"title": norm.title},
    move_parents=lambda: Value.objects.active().order_by("position", "id"),
)

EXAMPLE_PAGES = ItemPages(
    model=Example,
    form_class=ExampleForm,
    create_heading=lambda norm: (
        _("New example for “%(norm)s”") % {"norm": norm.title} if norm else _("New example")
    ),
    edit_heading=lambda example: _("Edit example “%(title)s”") % {"title": example.title},
    move_parents=lambda: (
        Norm.objects.active()
        .filter(value__retired=False)
        .select_related("value")
        .order_by("value__position", "value_id", "position", "id")
    ),
)

app_name = "norms"
urlpatterns = [
    *NORM_PAGES.urls("norms/"),
    path("readability/", views.norm_readability, name="readability"),
    *EXAMPLE_PAGES.urls("examples/"),
]
