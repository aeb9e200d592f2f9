from django.urls import path

from sunrelay.team import views

app_name = "team"

urlpatterns = [
    path("time-off/", views.time_off, name="time_off"),
    path("time-off/<int:pk>/", views.plan, name="plan"),
    path("time-off/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("time-off/<int:pk>/tell-customers/", views.tell, name="tell"),
]
