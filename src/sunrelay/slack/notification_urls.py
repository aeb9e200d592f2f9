from django.urls import path

from sunrelay.slack import notification_views

app_name = "slack_dm"
urlpatterns = [
    path("", notification_views.direct_messages_page, name="choices"),
]
