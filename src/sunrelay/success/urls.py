from django.urls import path

from sunrelay.success import feedback_views, views

app_name = "success"
urlpatterns = [
    path("", views.team_list, name="teams"),
    path("accounts/<int:pk>/", views.account, name="account"),
    path("accounts/<int:pk>/team/", views.pair, name="pair"),
    path("accounts/<int:pk>/cadence/", views.set_cadence, name="cadence"),
    path("accounts/<int:pk>/touch/", views.touch, name="touch"),
    path("context/new/", views.context_new, name="context_new"),
    path("context/<int:pk>/feedback/", feedback_views.capture_note, name="note_feedback"),
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_new, name="request_new"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("rituals/<str:kind>/", views.ritual, name="ritual"),
]
