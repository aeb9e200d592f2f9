from django.urls import path

from sunrelay.web import settings_views as views

app_name = "settings"

urlpatterns = [
    path("", views.settings_home, name="home"),
    path("password/", views.password, name="password"),
]
