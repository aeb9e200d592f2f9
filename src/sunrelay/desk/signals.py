"""Signals of the desk for the apps above it. The desk calls none of those apps: they listen.

ticket_changed: sent by desk.services inside the transaction, after a change to one ticket
  is saved. Receivers get `ticket` (the saved row, locked where the service locked it),
  `events` (the TicketEvent rows the change wrote, in order) and `at` (the change's time).
  The SLA clocks, the reply's e-mail and urgent paging all start here.
events_written: events saved in bulk (desk.bulk), which send neither ticket_changed nor
  post_save; receivers get `events`, a list of saved TicketEvent rows whose `ticket` and
  `message` are set.
"""

from django.dispatch import Signal

ticket_changed = Signal()
events_written = Signal()
