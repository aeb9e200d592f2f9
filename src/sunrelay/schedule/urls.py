from django.urls import path

from sunrelay.schedule import handover_views, views

app_name = "schedule"

urlpatterns = [
    path("shifts/", views.on_shift, name="on_shift"),
    path("coverage/", views.coverage, name="coverage"),
    path("handoffs/", views.handoffs, name="handoffs"),
    path("handoffs/settings/", handover_views.handoff_settings, name="handoff_settings"),
]
