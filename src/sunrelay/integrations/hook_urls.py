from django.urls import path

from sunrelay.integrations import hook_views

app_name = "hooks"
urlpatterns = [
    path("github/", hook_views.github, name="github"),
    path("gitlab/", hook_views.gitlab, name="gitlab"),
]
