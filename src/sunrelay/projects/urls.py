from django.urls import path

from sunrelay.projects import board_views, edit_views, report_views, views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", edit_views.project_new, name="new"),
    path("board/", board_views.week_board, name="board"),
    path("hours/", report_views.hours, name="hours"),
    path("hours.csv", report_views.hours_csv, name="hours_csv"),
    path("hours/budget/", report_views.account_budget, name="account_budget"),
    path("<int:pk>/", views.project_detail, name="project"),
    path("<int:pk>/edit/", edit_views.project_edit, name="edit"),
    path("<int:pk>/time/", edit_views.log_time, name="log_time"),
    path("<int:pk>/sprints/", edit_views.add_sprint, name="sprint"),
    path("<int:pk>/sign-off/", edit_views.sign_off, name="sign_off"),
    path("<int:pk>/budget/", edit_views.budget, name="budget"),
]
