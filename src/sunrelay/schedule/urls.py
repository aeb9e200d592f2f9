from django.urls import path

from sunrelay.schedule import views

app_name = "schedule"

urlpatterns = [
    path("shifts/", views.on_shift, name="on_shift"),
    path("coverage/", views.coverage, name="coverage"),
    path("handoffs/", views.handoffs, name="handoffs"),
]
