from django.urls import path

from sunrelay.sla import settings_views as views

app_name = "sla_settings"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("calendars/new/", views.calendar_edit, name="calendar_new"),
    path("calendars/<int:pk>/", views.calendar_edit, name="calendar"),
    path("calendars/<int:pk>/holidays/", views.holiday_add, name="holiday_add"),
    path(
        "calendars/<int:pk>/holidays/<int:holiday_pk>/remove/",
        views.holiday_remove,
        name="holiday_remove",
    ),
    path("calendars/<int:pk>/holidays/import/", views.holidays_import, name="holidays_import"),
    path("policies/new/", views.policy_edit, name="policy_new"),
    path("policies/<int:pk>/", views.policy_edit, name="policy"),
    path("policies/<int:pk>/move/", views.policy_move, name="policy_move"),
]
