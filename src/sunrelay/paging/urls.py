from django.urls import path

from sunrelay.paging import views

app_name = "paging"

urlpatterns = [
    path("tickets/<int:pk>/page/", views.page, name="page"),
    path("tickets/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("tickets/<int:pk>/escalate/", views.escalate, name="escalate"),
]
