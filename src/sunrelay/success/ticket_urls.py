from django.urls import path

from sunrelay.success import ticket_views

app_name = "success_ticket"
urlpatterns = [path("tickets/<int:pk>/context/", ticket_views.panel, name="panel")]
