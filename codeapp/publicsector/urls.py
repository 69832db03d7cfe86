"""Addresses fixed by convention, at the site's root: /toegankelijkheid/ (Dutch public sites)
and /.well-known/security.txt (RFC 9116). Not part of a code, so no /codes/<slug>/ twins."""

from django.urls import path

from codeapp.publicsector import views

app_name = "publicsector"

urlpatterns = [
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path(".well-known/security.txt", views.security_txt_view, name="security-txt"),
]
