from django.urls import path

from sunrelay.feedback import ticket_views

app_name = "feedback_ticket"
urlpatterns = [
    path("tickets/<int:pk>/feedback/", ticket_views.panel, name="panel"),
    path("tickets/<int:pk>/feedback/capture/", ticket_views.capture, name="capture"),
]
