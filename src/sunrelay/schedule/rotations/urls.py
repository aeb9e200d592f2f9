from django.urls import path

from sunrelay.schedule.rotations import views

app_name = "rotations"

urlpatterns = [
    path("rotations/", views.rotation_list, name="list"),
    path("rotations/<int:pk>/", views.rotation_detail, name="detail"),
    path("rotations/<int:pk>/overrides/", views.add_override, name="add_override"),
    path(
        "rotations/<int:pk>/overrides/<int:override_pk>/delete/",
        views.delete_override,
        name="delete_override",
    ),
    path("rotations/feeds/", views.create_feed, name="create_feed"),
    path("rotations/feeds/<int:feed_pk>/revoke/", views.revoke_feed, name="revoke_feed"),
]
