from django.urls import path

from sunrelay.moving import views

app_name = "moving"
urlpatterns = [
    path("", views.runs, name="runs"),
    path("<int:pk>/", views.run, name="run"),
]
