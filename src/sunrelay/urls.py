from django.contrib import admin
from django.urls import include, path

from sunrelay.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("healthz", web_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("sunrelay.api.urls")),
]
