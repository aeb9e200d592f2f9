"""The one rule for what a customer may ever see of a ticket.

Internal notes never leave the building: every path that shows or sends ticket content to a
customer (API for contacts, outgoing mail, customer portal) asks this module.
"""

from __future__ import annotations

from sunrelay.desk.models import Message, MessageKind

CUSTOMER_VISIBLE_KINDS = frozenset({MessageKind.CUSTOMER, MessageKind.REPLY})


def is_customer_visible(message: Message) -> bool:
    return message.kind in CUSTOMER_VISIBLE_KINDS


def customer_visible_messages(ticket):
    return ticket.messages.filter(kind__in=CUSTOMER_VISIBLE_KINDS)
