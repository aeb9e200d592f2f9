from django.urls import path

from sunrelay.integrations import chat_views, crm_views, pattern_views, views, webhook_views

app_name = "integrations"
urlpatterns = [
    path("bugs/", views.bug_list, name="bugs"),
    path("bugs/<int:pk>/", views.bug, name="bug"),
    path("bugs/<int:pk>/check/", views.check_tracker, name="check_tracker"),
    path("notices/<int:pk>/send/", views.send_notice, name="send_notice"),
    path("notices/<int:pk>/discard/", views.discard_notice, name="discard_notice"),
    path("webhooks/", webhook_views.webhooks, name="webhooks"),
    path("webhooks/new/", webhook_views.add_webhook, name="add_webhook"),
    path("chat/", chat_views.channels, name="chat"),
    path("chat/new/", chat_views.add_channel, name="add_chat"),
    path("chat/<int:pk>/remove/", chat_views.remove_channel, name="remove_chat"),
    path("link-patterns/", pattern_views.patterns, name="link_patterns"),
    path("link-patterns/new/", pattern_views.add_pattern, name="add_link_pattern"),
    path(
        "link-patterns/<int:pk>/remove/", pattern_views.remove_pattern, name="remove_link_pattern"
    ),
    path("crm-import/", crm_views.crm_import_page, name="crm_import"),
    path("deliveries/<int:pk>/send-again/", webhook_views.send_again, name="send_again"),
]
