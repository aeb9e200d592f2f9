from django.urls import path

from sunrelay.slack import views

app_name = "slack"
urlpatterns = [
    path("", views.settings_page, name="settings"),
    path("install/", views.save_install, name="save_install"),
    path("check/", views.check, name="check"),
    path("channels/", views.add_channel, name="add_channel"),
    path("channels/<int:pk>/remove/", views.remove_channel, name="remove_channel"),
]
