"""Every change to a ticket happens here, and every change leaves its TicketEvent.

Views, the API and the admin parse input and call these functions; they never save a
ticket themselves. Rule violations raise django.core.exceptions.ValidationError with a
message per field; access violations raise PermissionDenied. The rules themselves are
desk.lifecycle's.

After a change the services send desk.signals.ticket_changed inside the transaction: the
apps above the desk (SLA clocks, the reply's e-mail, paging, reports) listen to it. The
desk calls none of them.
"""

from sunrelay.desk.lifecycle import MAX_SUBJECT_LENGTH, MAX_TAG_LENGTH, normalize_tags
from sunrelay.desk.services.ccs import cc_contacts, set_cc_emails, set_ccs, split_addresses
from sunrelay.desk.services.edits import edit_from_source
from sunrelay.desk.services.events import (
    RECORDED_ELSEWHERE,
    SYSTEM,
    record_event,
    record_handback,
    record_handoff,
)
from sunrelay.desk.services.merging import merge_tickets, split_message
from sunrelay.desk.services.messages import (
    customer_message_rows,
    note,
    receive_customer_message,
    record_auto_reply,
    record_bounce,
    record_delivery_failure,
    reply,
    system_note,
)
from sunrelay.desk.services.on_behalf import contact_by_email, open_on_behalf
from sunrelay.desk.services.opening import NewTicket, Opened, create_ticket, opening_rows
from sunrelay.desk.services.placing import place_contacts
from sunrelay.desk.services.properties import EDITABLE_FIELDS, check_changes, update_ticket

__all__ = [
    "EDITABLE_FIELDS",
    "MAX_SUBJECT_LENGTH",
    "MAX_TAG_LENGTH",
    "RECORDED_ELSEWHERE",
    "SYSTEM",
    "NewTicket",
    "Opened",
    "cc_contacts",
    "check_changes",
    "contact_by_email",
    "create_ticket",
    "customer_message_rows",
    "edit_from_source",
    "normalize_tags",
    "note",
    "open_on_behalf",
    "opening_rows",
    "merge_tickets",
    "place_contacts",
    "receive_customer_message",
    "record_auto_reply",
    "record_bounce",
    "record_delivery_failure",
    "record_event",
    "record_handback",
    "record_handoff",
    "reply",
    "set_cc_emails",
    "set_ccs",
    "split_addresses",
    "split_message",
    "system_note",
    "update_ticket",
]
