from django.urls import path

from sunrelay.integrations import panel_views

app_name = "integrations_ticket"
urlpatterns = [
    path("tickets/<int:pk>/bug/", panel_views.ticket_panel, name="panel"),
    path("tickets/<int:pk>/links/", panel_views.add_link, name="add_link"),
    path(
        "tickets/<int:pk>/links/<int:link_pk>/remove/", panel_views.remove_link, name="remove_link"
    ),
]
