"""/portal: a contact's own tickets through their own token (api.portal_auth), and the
deflection figure of the web form for staff (/articles/deflection).

What a contact may see is portal.access's rule, the same as the portal pages'; what they
may do goes through portal.requests, as the pages do.
"""

from __future__ import annotations

from dataclasses import asdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja import Status as HttpStatus

from sunrelay.api.messages import _decoded
from sunrelay.api.portal_auth import ContactTokenAuth, calling_contact
from sunrelay.api.portal_schemas import (
    DeflectionOut,
    MeOut,
    PortalMessageIn,
    PortalMessageOut,
    PortalTicketFilters,
    PortalTicketIn,
    PortalTicketOut,
    PortalTicketPage,
)
from sunrelay.api.schemas import Id, Paging, page
from sunrelay.desk.models import Channel, ProductArea
from sunrelay.mail.attachments import download, served_content_type
from sunrelay.portal import access, deflection, requests
from sunrelay.team.roles import is_staff_member

router = Router(tags=["portal (contacts)"], auth=[ContactTokenAuth()])
deflection_router = Router(tags=["knowledge"])


def _tickets(request: HttpRequest):
    return access.portal_tickets(calling_contact(request)).select_related("requester")


@router.get("/me", response=MeOut, summary="Who the token belongs to")
def me(request: HttpRequest):
    contact = calling_contact(request)
    return {
        "id": contact.pk,
        "name": contact.name,
        "email": contact.email,
        "account": contact.account,
        "sees_account_tickets": access.shares_account_tickets(contact),
    }


@router.get("/tickets", response=PortalTicketPage, summary="Your tickets")
def list_tickets(request: HttpRequest, filters: Query[PortalTicketFilters], paging: Query[Paging]):
    tickets = _tickets(request)
    if filters.status:
        tickets = tickets.filter(status__in=filters.status)
    return page(tickets.order_by("-updated_at", "-id"), paging)


@router.post("/tickets", response={201: PortalTicketOut}, summary="Open a ticket")
def create_ticket(request: HttpRequest, payload: PortalTicketIn):
    area = None
    if payload.product_area_id is not None:
        area = ProductArea.objects.filter(pk=payload.product_area_id).first()
        if area is None:
            raise ValidationError(
                {"product_area_id": f"There is no product area with id {payload.product_area_id}."}
            )
    new = requests.NewRequest(
        subject=payload.subject,
        body=payload.body,
        urgency=payload.urgency,
        area=area,
        files=_decoded(payload.attachments),
    )
    ticket = requests.open_ticket(calling_contact(request), new, channel=Channel.API)
    return HttpStatus(201, _tickets(request).get(pk=ticket.pk))


@router.get("/tickets/{ticket_id}", response=PortalTicketOut, summary="One of your tickets")
def get_ticket(request: HttpRequest, ticket_id: Id):
    return get_object_or_404(_tickets(request), pk=ticket_id)


@router.get(
    "/tickets/{ticket_id}/messages",
    response=list[PortalMessageOut],
    summary="A ticket's messages (yours and our replies)",
)
def list_messages(request: HttpRequest, ticket_id: Id):
    return list(access.thread(get_object_or_404(_tickets(request), pk=ticket_id)))


@router.post(
    "/tickets/{ticket_id}/messages",
    response={201: PortalMessageOut},
    summary="Write on a ticket",
)
def add_message(request: HttpRequest, ticket_id: Id, payload: PortalMessageIn):
    ticket = get_object_or_404(_tickets(request), pk=ticket_id)
    files = _decoded(payload.attachments)
    message = requests.write(calling_contact(request), ticket, payload.body, files)
    return HttpStatus(201, access.thread(ticket).get(pk=message.pk))


@router.get(
    "/attachments/{attachment_id}",
    url_name="portal_attachment",
    summary="Download a file of one of your tickets",
    response={200: None},
    openapi_extra={"responses": {200: {"description": "The file, as a download"}}},
)
def attachment(request: HttpRequest, attachment_id: Id):
    item = get_object_or_404(access.portal_attachments(calling_contact(request)), pk=attachment_id)
    return download(bytes(item.data), item.filename, served_content_type(item.content_type))


@deflection_router.get(
    "/deflection", response=DeflectionOut, summary="How often suggested articles deflected"
)
def deflection_figure(request: HttpRequest, days: int = Query(30, ge=1, le=365)):
    if not is_staff_member(request.auth):
        raise PermissionDenied("Only staff read the deflection figure.")
    d = deflection.figure(days)
    return {**asdict(d), "rate": d.rate}
