from django.urls import path

from sunrelay.schedule.rotations import settings_views as views

app_name = "rotation_settings"

urlpatterns = [
    path("", views.rotation_list, name="list"),
    path("new/", views.rotation_edit, name="new"),
    path("<int:pk>/", views.rotation_edit, name="rotation"),
    path("<int:pk>/layers/new/", views.layer_edit, name="layer_new"),
    path("<int:pk>/layers/<int:layer_pk>/", views.layer_edit, name="layer"),
    path("<int:pk>/layers/<int:layer_pk>/delete/", views.layer_delete, name="layer_delete"),
]
