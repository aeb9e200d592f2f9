from django.urls import path

from sunrelay.reports import presales_views, views

app_name = "reports"

urlpatterns = [
    path("weekly/", views.weekly_page, name="weekly"),
    path("weekly/report.md", views.weekly_markdown, name="weekly_markdown"),
    path("weekly/csv/<slug:name>/", views.weekly_csv, name="weekly_csv"),
    # Pre-sales: win rates and times by SE, tier and product area (docs/presales.md).
    path("presales/", presales_views.presales_page, name="presales"),
]
