"""SCIM 2.0 (docs/sso.md): its own bearer token, no log-in, no CSRF (sso.scim_views)."""

from django.urls import path

from sunrelay.sso import scim_views as views

app_name = "scim"

urlpatterns = [
    path("Users", views.users, name="users"),
    path("Users/<str:pk>", views.user, name="user"),
    path("Groups", views.groups, name="groups"),
    path("Groups/<str:name>", views.group, name="group"),
    path("ServiceProviderConfig", views.config, name="config"),
    path("ResourceTypes", views.types, name="types"),
    path("ResourceTypes/<str:id_>", views.types, name="type"),
    path("Schemas", views.schema_documents, name="schemas"),
    path("Schemas/<str:id_>", views.schema_documents, name="schema"),
]
