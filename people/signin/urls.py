"""The sign-in pages under /accounts/ (codeapp/urls.py includes them beside Django's own)."""

from django.urls import include, path

from people.signin import views

urlpatterns = [
    # Password and work-account sign-in; signing out ends the identity provider's session
    # too after a sign-in there.
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    # The code flow of OpenID Connect (mozilla-django-oidc): authenticate/, callback/ (the
    # redirect URI registered at the identity provider) and logout/; 404 while SSO is off.
    path("oidc/", include("mozilla_django_oidc.urls")),
]
