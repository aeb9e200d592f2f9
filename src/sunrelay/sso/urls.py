from django.urls import path

from sunrelay.sso import login_views, status_views

app_name = "sso"

urlpatterns = [
    path("sso/login/", login_views.begin, name="begin"),
    path("sso/callback/", login_views.callback, name="callback"),
    path("desk/settings/sso/", status_views.status, name="status"),
]
