from django.urls import path

from values import views

app_name = "values"
urlpatterns = [
    path("new/", views.value_create, name="create"),
    # The preview of any Markdown text of the draft while it is written (POST-only JSON).
    path("preview/", views.markdown_preview, name="preview"),
    path("<slug:key>/edit/", views.value_edit, name="edit"),
    path("<slug:key>/retire/", views.value_retire, name="retire"),
    path("<slug:key>/restore/", views.value_restore, name="restore"),
    path("<slug:key>/move/", views.value_move, name="move"),
    path("<slug:key>/history/", views.value_history, name="history"),
]
