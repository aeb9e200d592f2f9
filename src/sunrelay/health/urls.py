from django.urls import path

from sunrelay.health import views

app_name = "health"
urlpatterns = [
    path("", views.at_risk, name="at_risk"),
    path("accounts/<int:pk>/", views.account, name="account"),
    path("accounts/<int:pk>/score/", views.rescore, name="rescore"),
    path("alerts/<int:pk>/done/", views.alert_done, name="alert_done"),
    path("scorecards/", views.scorecards, name="scorecards"),
    path("telemetry/import/", views.telemetry_import, name="import"),
]
