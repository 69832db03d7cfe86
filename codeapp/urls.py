from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from codeapp import views

codeapp_patterns = ([path("draft/", views.draft, name="draft")], "codeapp")

# Only the account pages this product offers: passwords are reset by an administrator.
account_patterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("", include(codeapp_patterns)),
    path("draft/values/", include("values.urls")),
    path("draft/", include("norms.urls")),
    path("accounts/", include(account_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
