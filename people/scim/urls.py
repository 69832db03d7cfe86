"""The SCIM 2.0 service's addresses (RFC 7644 §3.2), included under /scim/v2/."""

from django.urls import path, re_path

from people.scim import views

app_name = "scim"

urlpatterns = [
    path("ServiceProviderConfig", views.service_provider_config, name="service-provider-config"),
    path("ResourceTypes", views.resource_type_list, name="resource-types"),
    path("ResourceTypes/<str:resource_id>", views.resource_type_detail, name="resource-type"),
    path("Schemas", views.schema_list, name="schemas"),
    path("Schemas/<str:resource_id>", views.schema_detail, name="schema"),
    path("Users", views.user_list, name="users"),
    path("Users/<str:resource_id>", views.user_detail, name="user"),
    path("Groups", views.group_list, name="groups"),
    path("Groups/<str:resource_id>", views.group_detail, name="group"),
    path(".search", views.search, name="search"),
    # Anything else under /scim/v2/ answers a SCIM 404, not the site's HTML page.
    re_path(r"^(?P<rest>.*)$", views.not_found, name="not-found"),
]
