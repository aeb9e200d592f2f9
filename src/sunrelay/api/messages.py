"""/tickets/{id}/messages and /tickets/{id}/events: the thread and the audit trail."""

from __future__ import annotations

import base64
import binascii

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja import Status as HttpStatus

from sunrelay.api import conflicts
from sunrelay.api.auth import actor
from sunrelay.api.schemas import Id
from sunrelay.api.ticket_schemas import EventOut, MessageIn, MessageOut
from sunrelay.desk import services, versions
from sunrelay.desk.permissions import visible_tickets
from sunrelay.mail.attachments import download
from sunrelay.mail.models import Attachment
from sunrelay.mail.replies import NewFile, reply_with_files

router = Router(tags=["tickets"])
attachments = Router(tags=["tickets"])


@router.get("/{ticket_id}/messages", response=list[MessageOut], summary="A ticket's messages")
def list_messages(request: HttpRequest, ticket_id: Id):
    ticket = get_object_or_404(visible_tickets(actor(request)), pk=ticket_id)
    # Staff read the whole thread, internal notes included; customers never use this API.
    return ticket.messages.select_related("author_user", "author_contact").prefetch_related(
        "mail_attachments"
    )


@router.post(
    "/{ticket_id}/messages",
    response={201: MessageOut, 409: conflicts.StaleOut},
    summary="Reply or add an internal note",
    description="409: the ticket changed after `expected_version` (or If-Match); nothing sent.",
)
def add_message(request: HttpRequest, ticket_id: Id, payload: MessageIn):
    user = actor(request)
    ticket = get_object_or_404(visible_tickets(user), pk=ticket_id)
    versions.check(ticket, conflicts.expected(request, payload.expected_version))
    if payload.kind == "reply":
        files = _decoded(payload.attachments)
        message = reply_with_files(
            ticket,
            user,
            payload.body,
            files,
            html=payload.html,
            status=payload.status,
            cause=payload.cause,
            bug_url=payload.bug_url,
            to_list=payload.to_list,
        )
    elif payload.to_list is not None:
        raise ValidationError({"to_list": "Notes stay internal: they go to no list or person."})
    elif payload.attachments:
        raise ValidationError({"attachments": "Files go with public replies, not notes."})
    else:
        # services.note() is reply(public=False); reply() keeps the status option.
        message = services.reply(
            ticket,
            user,
            payload.body,
            html=payload.html,
            public=False,
            status=payload.status,
            cause=payload.cause,
            bug_url=payload.bug_url,
        )
    return HttpStatus(201, message)


def _decoded(attachments) -> list[NewFile]:
    files = []
    for index, item in enumerate(attachments):
        try:
            data = base64.b64decode(item.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError(
                {"attachments": f"Attachment {index + 1} ({item.filename}) is not valid base64."}
            ) from None
        files.append(NewFile(item.filename, item.content_type, data))
    return files


@router.get("/{ticket_id}/events", response=list[EventOut], summary="A ticket's event log")
def list_events(request: HttpRequest, ticket_id: Id):
    ticket = get_object_or_404(visible_tickets(actor(request)), pk=ticket_id)
    return ticket.events.select_related("actor_user", "actor_contact")


@attachments.get(
    "/{attachment_id}",
    summary="Download an attachment",
    response={200: None},
    openapi_extra={"responses": {200: {"description": "The file, as a download"}}},
)
def download_attachment(request: HttpRequest, attachment_id: Id):
    item = get_object_or_404(
        Attachment.objects.filter(message__ticket__in=visible_tickets(actor(request))),
        pk=attachment_id,
    )
    return download(item)
