from django.urls import path

from sunrelay.health import setup_views, views

app_name = "health"
urlpatterns = [
    path("", views.at_risk, name="at_risk"),
    path("accounts/<int:pk>/", views.account, name="account"),
    path("accounts/<int:pk>/score/", views.rescore, name="rescore"),
    path("alerts/<int:pk>/done/", views.alert_done, name="alert_done"),
    path("scorecards/", views.scorecards, name="scorecards"),
    path("scorecards/new/", setup_views.scorecard, name="scorecard_new"),
    path("scorecards/<int:pk>/", setup_views.scorecard, name="scorecard"),
    path("scorecards/<int:card_pk>/measures/new/", setup_views.measure_new, name="measure_new"),
    path("measures/<int:pk>/", setup_views.measure, name="measure"),
    path("measures/<int:pk>/remove/", setup_views.measure_remove, name="measure_remove"),
    path("rules/new/", setup_views.rule, name="rule_new"),
    path("rules/<int:pk>/", setup_views.rule, name="rule"),
    path("telemetry/import/", views.telemetry_import, name="import"),
]
