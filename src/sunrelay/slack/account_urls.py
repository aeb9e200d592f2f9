from django.urls import path

from sunrelay.slack import account_views

app_name = "slack_account"
urlpatterns = [
    path("accounts/<int:pk>/slack/", account_views.account_panel, name="panel"),
]
