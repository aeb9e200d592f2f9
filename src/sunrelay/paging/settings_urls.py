from django.urls import path

from sunrelay.paging import settings_views as views

app_name = "paging_settings"

urlpatterns = [
    path("escalation/", views.policy_list, name="policies"),
    path("escalation/new/", views.policy_edit, name="policy_new"),
    path("escalation/<int:pk>/", views.policy_edit, name="policy"),
    path("webhooks/", views.webhook_list, name="webhooks"),
    path("webhooks/new/", views.webhook_edit, name="webhook_new"),
    path("webhooks/<int:pk>/", views.webhook_edit, name="webhook"),
    path("webhooks/<int:pk>/secret/", views.webhook_secret, name="webhook_secret"),
    path("webhooks/<int:pk>/delete/", views.webhook_delete, name="webhook_delete"),
]
