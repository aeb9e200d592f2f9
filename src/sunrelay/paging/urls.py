from django.urls import path

from sunrelay.paging import views

app_name = "paging"

urlpatterns = [
    path("tickets/<int:pk>/page/", views.page, name="page"),
    path("tickets/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    # The path keeps its first name, like the API's POST /tickets/{id}/escalate.
    path("tickets/<int:pk>/escalate/", views.raise_level, name="raise_level"),
]
