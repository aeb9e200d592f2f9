from django.urls import path

from sunrelay.projects import ticket_views

app_name = "projects_ticket"
urlpatterns = [
    path("tickets/<int:pk>/time/", ticket_views.panel, name="panel"),
    path("tickets/<int:pk>/time/quick/", ticket_views.quick, name="quick"),
    path("tickets/<int:pk>/time/timer/", ticket_views.timer, name="timer"),
    path("tickets/<int:pk>/time/log/", ticket_views.log, name="log"),
]
