from django.urls import path

from sunrelay.integrations import views

app_name = "integrations_ticket"
urlpatterns = [path("tickets/<int:pk>/bug/", views.ticket_panel, name="panel")]
