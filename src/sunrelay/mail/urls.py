from django.urls import path

from sunrelay.mail import list_views, views

app_name = "mail"
urlpatterns = [
    path("quarantine/", views.quarantine, name="quarantine"),
    path("quarantine/<int:pk>/", views.quarantined, name="quarantined"),
    path("quarantine/<int:pk>/raw/", views.raw_source, name="raw"),
    path("quarantine/<int:pk>/process/", views.process_again, name="process"),
    path("quarantine/<int:pk>/discard/", views.discard, name="discard"),
    path("outbox/", views.outbox_page, name="outbox"),
    path("outbox/<int:pk>/retry/", views.outbox_retry, name="outbox_retry"),
    path("outbox/<int:pk>/discard/", views.outbox_discard, name="outbox_discard"),
    path("contacts-without-account/", views.contacts_needing_account, name="contacts"),
    path("contacts-without-account/place/", views.place_contacts, name="place_contacts"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("lists/", list_views.lists_page, name="lists"),
    path("lists/<int:pk>/", list_views.lists_page, name="list_edit"),
    path("lists/<int:pk>/remove/", list_views.remove_list, name="list_remove"),
]
