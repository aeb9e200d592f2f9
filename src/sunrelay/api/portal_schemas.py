"""Bodies of the contacts' API (/api/v1/portal/): only what a customer may see."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.urls import reverse
from ninja import Field, Schema

from sunrelay.api.schemas import Id, Input
from sunrelay.api.ticket_schemas import AttachmentIn
from sunrelay.desk.models import Channel, Priority, Status
from sunrelay.portal.models import Urgency


class AccountName(Schema):
    id: int
    name: str


class MeOut(Schema):
    id: int
    name: str
    email: str
    account: AccountName | None
    sees_account_tickets: bool = Field(
        description="True when the account shares its tickets with all its contacts."
    )


class PersonOut(Schema):
    name: str
    email: str


class PortalTicketOut(Schema):
    id: int
    subject: str
    status: Status
    priority: Priority
    channel: Channel
    requester: PersonOut
    created_at: datetime
    updated_at: datetime
    solved_at: datetime | None


class PortalTicketPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[PortalTicketOut]


class PortalTicketFilters(Schema):
    status: list[Status] = Field(default_factory=list, description="Repeatable.")


class PortalFileOut(Schema):
    id: int
    filename: str
    content_type: str
    size: int
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("api:portal_attachment", kwargs={"attachment_id": obj.pk})


class PortalMessageOut(Schema):
    id: int
    by: Literal["customer", "support"] = Field(
        description="customer: you or a colleague; support: our reply."
    )
    author: str = Field(description="The writer's name as we show it.")
    body: str
    created_at: datetime
    attachments: list[PortalFileOut]

    @staticmethod
    def resolve_by(obj) -> str:
        return "customer" if obj.author_contact_id else "support"

    @staticmethod
    def resolve_author(obj) -> str:
        if obj.author_contact is not None:
            return obj.author_contact.name or obj.author_contact.email
        # Our people by their first name, as the reply's e-mail signs them.
        return (obj.author_user.first_name if obj.author_user else "") or "Support"

    @staticmethod
    def resolve_body(obj) -> str:
        return obj.body_text

    @staticmethod
    def resolve_attachments(obj) -> list:
        return list(obj.mail_attachments.all())


FILES = Field(
    default_factory=list,
    max_length=20,
    description="Files; together within SUNRELAY_MAX_ATTACHMENT_BYTES.",
)


class PortalTicketIn(Input):
    subject: str
    body: str
    urgency: Urgency = Field(
        Urgency.NOT_WORKING,
        description="question (low priority), not_working (normal), blocked (high), down (urgent).",
    )
    product_area_id: Id | None = None
    attachments: list[AttachmentIn] = FILES


class PortalMessageIn(Input):
    body: str
    attachments: list[AttachmentIn] = FILES


class DeflectionOut(Schema):
    days: int
    until: datetime = Field(description="Visits begun before this (an hour ago) are counted.")
    visits: int = Field(description="Web-form visits in the period.")
    shown: int = Field(description="Of which were shown at least one suggested article.")
    deflected: int = Field(description="Of those shown articles, visits that sent no request.")
    opened: int = Field(description="Of those deflected, visits that opened an article.")
    tickets: int = Field(description="Visits whose request opened a ticket.")
    rate: float | None = Field(description="deflected / shown; null when nothing was shown.")
