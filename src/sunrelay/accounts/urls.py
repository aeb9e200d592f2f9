from django.urls import path

from sunrelay.accounts import edit_views, views

app_name = "accounts"

urlpatterns = [
    path("accounts/", views.account_list, name="list"),
    path("accounts/new/", edit_views.account_new, name="account_new"),
    path("accounts/<int:pk>/", views.account_detail, name="account"),
    path("accounts/<int:pk>/edit/", edit_views.account_edit, name="account_edit"),
    path("contacts/new/", edit_views.contact_new, name="contact_new"),
    path("contacts/options/", views.contact_options, name="contact_options"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact"),
    path("contacts/<int:pk>/edit/", edit_views.contact_edit, name="contact_edit"),
]
