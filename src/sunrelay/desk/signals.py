"""Signals of the desk for the other apps.

events_written: events saved in bulk (desk.bulk), which send no post_save; receivers get
`events`, a list of saved TicketEvent rows.
"""

from django.dispatch import Signal

events_written = Signal()
