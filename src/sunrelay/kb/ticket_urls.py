from django.urls import path

from sunrelay.kb import ticket_views

app_name = "kb_ticket"
urlpatterns = [
    path("tickets/<int:pk>/knowledge/", ticket_views.panel, name="panel"),
    path(
        "tickets/<int:pk>/macros/<int:macro_id>/text/", ticket_views.macro_text, name="macro_text"
    ),
    path(
        "tickets/<int:pk>/macros/<int:macro_id>/send/", ticket_views.macro_send, name="macro_send"
    ),
]
