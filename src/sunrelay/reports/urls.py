from django.urls import path

from sunrelay.reports import leadership_target_views, leadership_views, presales_views, views

app_name = "reports"

urlpatterns = [
    path("weekly/", views.weekly_page, name="weekly"),
    path("weekly/report.md", views.weekly_markdown, name="weekly_markdown"),
    path("weekly/csv/<slug:name>/", views.weekly_csv, name="weekly_csv"),
    # Pre-sales: win rates and times by SE, tier and product area (docs/presales.md).
    path("presales/", presales_views.presales_page, name="presales"),
    # The leadership report: a month or a quarter on one page (docs/metrics.md).
    path("leadership/", leadership_views.leadership_page, name="leadership"),
    path("leadership/report.md", leadership_views.leadership_markdown, name="leadership_markdown"),
    path("leadership/report.csv", leadership_views.leadership_csv, name="leadership_csv"),
    path("leadership/targets/", leadership_target_views.targets_page, name="leadership_targets"),
    path(
        "leadership/figure/<slug:key>/",
        leadership_views.leadership_figure,
        name="leadership_figure",
    ),
]
