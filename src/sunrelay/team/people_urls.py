from django.urls import path

from sunrelay.team import people_views as views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_new, name="new"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/person/", views.person_update, name="update"),
    path("<int:pk>/week/", views.week_update, name="week"),
]
