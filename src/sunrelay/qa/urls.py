from django.urls import path

from sunrelay.qa import views

app_name = "qa"
urlpatterns = [
    path("settings/", views.settings_page, name="settings"),
    path("settings/sources/", views.add_source, name="add_source"),
    path("settings/sources/<int:pk>/<str:action>/", views.source_action, name="source_action"),
    path("settings/staff/", views.add_staff_account, name="add_staff"),
    path("settings/staff/<int:pk>/remove/", views.remove_staff_account, name="remove_staff"),
]
