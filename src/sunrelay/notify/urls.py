from django.urls import path

from sunrelay.notify import views

app_name = "notify"

urlpatterns = [
    path("notifications/", views.notifications, name="list"),
    path("notifications/bell/", views.bell, name="bell"),
    path("notifications/read-all/", views.read_all, name="read_all"),
    path("notifications/<int:pk>/", views.open_notification, name="open"),
    path("settings/notifications/", views.preferences_page, name="preferences"),
    path("people/mentions/", views.mention_suggestions, name="mentions"),
]
