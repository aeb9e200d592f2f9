from django.urls import path

from sunrelay.desk.views import bulk, merging, new_ticket, queues, saved, tickets

app_name = "desk"

urlpatterns = [
    path("", queues.index, name="index"),
    path("queues/<slug:name>/", queues.queue, name="queue"),
    path("tickets/new/", new_ticket.new_ticket, name="new_ticket"),
    path("queues/<slug:name>/bulk/", bulk.bulk, name="bulk"),
    path("views/", saved.create, name="create_view"),
    path("views/<int:pk>/", saved.open_view, name="view"),
    path("views/<int:pk>/edit/", saved.edit, name="edit_view"),
    path("views/<int:pk>/filters/", saved.save_filters, name="view_filters"),
    path("views/<int:pk>/delete/", saved.delete, name="delete_view"),
    path("tickets/<int:pk>/", tickets.detail, name="ticket"),
    path("tickets/<int:pk>/reply/", tickets.add_reply, name="reply"),
    path("tickets/<int:pk>/note/", tickets.add_note, name="note"),
    path("tickets/<int:pk>/properties/", tickets.update_properties, name="properties"),
    path("tickets/<int:pk>/ccs/", tickets.update_ccs, name="ccs"),
    path("tickets/<int:pk>/assign-to-me/", tickets.assign_to_me, name="assign_to_me"),
    path("tickets/<int:pk>/handoff-note/", tickets.add_handoff_note, name="handoff_note"),
    path("tickets/<int:pk>/hand-off/", tickets.hand_off_now, name="hand_off_now"),
    path("tickets/<int:pk>/take-back/", tickets.take_back, name="take_back"),
    path("tickets/<int:pk>/merge/", merging.merge, name="merge"),
    path("tickets/<int:pk>/messages/<int:message_id>/split/", merging.split, name="split"),
]
