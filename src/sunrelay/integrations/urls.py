from django.urls import path

from sunrelay.integrations import views

app_name = "integrations"
urlpatterns = [
    path("bugs/", views.bug_list, name="bugs"),
    path("bugs/<int:pk>/", views.bug, name="bug"),
    path("notices/<int:pk>/send/", views.send_notice, name="send_notice"),
    path("notices/<int:pk>/discard/", views.discard_notice, name="discard_notice"),
]
