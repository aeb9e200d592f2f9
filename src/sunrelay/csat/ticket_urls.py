from django.urls import path

from sunrelay.csat import ticket_views

app_name = "csat_ticket"
urlpatterns = [path("tickets/<int:pk>/satisfaction/", ticket_views.panel, name="panel")]
