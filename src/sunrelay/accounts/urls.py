from django.urls import path

from sunrelay.accounts import views

app_name = "accounts"

urlpatterns = [
    path("accounts/", views.account_list, name="list"),
    path("accounts/<int:pk>/", views.account_detail, name="account"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact"),
]
