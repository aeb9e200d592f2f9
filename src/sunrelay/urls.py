from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sunrelay.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("healthz", web_views.healthz, name="healthz"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("desk/", include("sunrelay.desk.urls")),
    path("desk/", include("sunrelay.accounts.urls")),
    path("mail/", include("sunrelay.mail.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("sunrelay.api.urls")),
]
