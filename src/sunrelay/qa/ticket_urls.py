from django.urls import path

from sunrelay.qa import ticket_views

app_name = "qa_ticket"
urlpatterns = [path("tickets/<int:pk>/qa/", ticket_views.panel, name="panel")]
