from django.urls import path

from norms import views

app_name = "norms"
urlpatterns = [
    path("norms/new/", views.norm_create, name="create"),
    path("norms/<slug:key>/edit/", views.norm_edit, name="edit"),
    path("norms/<slug:key>/retire/", views.norm_retire, name="retire"),
    path("norms/<slug:key>/restore/", views.norm_restore, name="restore"),
    path("norms/<slug:key>/move/", views.norm_move, name="move"),
    path("norms/<slug:key>/history/", views.norm_history, name="history"),
    path("readability/", views.norm_readability, name="readability"),
    path("examples/new/", views.example_create, name="example-create"),
    path("examples/<slug:key>/edit/", views.example_edit, name="example-edit"),
    path("examples/<slug:key>/retire/", views.example_retire, name="example-retire"),
    path("examples/<slug:key>/restore/", views.example_restore, name="example-restore"),
    path("examples/<slug:key>/move/", views.example_move, name="example-move"),
    path("examples/<slug:key>/history/", views.example_history, name="example-history"),
]
