"""The public web form: a request becomes a ticket of channel "web".

- A signed-in contact's request opens a ticket at once (when the form was drawn for them:
  portal.formtoken).
- Anybody else's waits, stored with its files, until the sender follows the confirmation link
  we e-mail them (single use, SUNRELAY_PORTAL_CONFIRM_HOURS); then the address becomes a
  contact if it is new (placed in the account owning its domain, as mail places senders) and
  the ticket opens. Unconfirmed requests are deleted when their link expires (portal.drains).
- Spam is kept out without third parties: a honeypot field, the form token's time check, and
  rate limits per address and per network (portal.limits).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sunrelay.accounts.models import Contact
from sunrelay.accounts.services import normalize_email
from sunrelay.desk import lifecycle
from sunrelay.desk.models import Channel, Ticket
from sunrelay.lib.headers_safe import check_one_line, mime_type
from sunrelay.lib.links import absolute
from sunrelay.mail.models import OutboxKind
from sunrelay.mail.notify import enqueue_mail
from sunrelay.mail.replies import NewFile
from sunrelay.mail.senders import Senders
from sunrelay.portal import deflection, limits, requests
from sunrelay.portal.formtoken import BadForm, FormToken
from sunrelay.portal.keys import digest, new_secret
from sunrelay.portal.models import FormVisit, RequestFile, WebRequest

TOO_MANY = (
    "Too many requests were sent from this address or your network in the last hour. "
    "Your text is kept: try again later, or write to us by e-mail."
)


@dataclass(frozen=True)
class Sent:
    """What became of a request: a ticket at once, or a request waiting for confirmation."""

    ticket: Ticket | None = None
    waiting: WebRequest | None = None


class BadLink(Exception):
    """A confirmation link that is unknown or expired; the message says what to do."""


def check_honeypot(value: str) -> None:
    if value:
        raise BadForm(
            "A field meant to stay empty was filled in, which is what spam robots do. "
            "If you are a person, clear the field named “Leave this empty” and send again."
        )


def _check_sender(email: str, name: str) -> str:
    address = normalize_email(email)
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError({"email": "Give the e-mail address we should answer."}) from None
    if address.lower() in settings.MAIL_SUPPORT_ADDRESSES:
        raise ValidationError({"email": "That is our own address: give yours, so we can answer."})
    check_one_line(name, "name", "Your name")
    if len(name) > 200:
        raise ValidationError({"name": "Your name is longer than 200 characters."})
    return address


def _check_request(new: requests.NewRequest) -> None:
    errors: dict[str, list[str]] = {}
    for check in (
        lambda: lifecycle.clean_subject(new.subject),
        lambda: lifecycle.check_body(new.body),
        lambda: new.priority,
        lambda: requests.check_files(new.files),
        lambda: [_file_type(f) for f in new.files],
    ):
        try:
            check()
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _file_type(f: NewFile) -> str:
    return mime_type(f.content_type or "application/octet-stream", "attachments", f"“{f.name}”")


def send(
    new: requests.NewRequest,
    *,
    token: FormToken,
    contact: Contact | None,
    email: str = "",
    name: str = "",
    ip: str = "",
) -> Sent:
    """Accept a request from the form. `contact` is the signed-in contact, if any: it counts
    only when the form was drawn for them. Raises ValidationError per field, or
    limits.RateLimited, or BadForm for a form sent twice; nothing is stored then."""
    if FormVisit.objects.filter(key=token.visit_key, submitted_at__isnull=False).exists():
        raise BadForm("This form was sent already. To write again, open a new form.")
    if contact is not None and token.contact_id != contact.pk:
        contact = None  # drawn before signing in, or elsewhere: confirm by e-mail instead
    address = contact.email if contact is not None else _check_sender(email, name.strip())
    _check_request(new)
    limits.hit(
        limits.Limit("form-address", address, settings.PORTAL_LIMIT_PER_ADDRESS),
        limits.Limit("form-ip", limits.network(ip), settings.PORTAL_LIMIT_PER_IP),
        message=TOO_MANY,
    )
    with transaction.atomic():
        if contact is not None:
            ticket = requests.open_ticket(contact, new, channel=Channel.WEB)
            deflection.record_sent(token, ticket=ticket)
            return Sent(ticket=ticket)
        waiting = _store(new, address, name.strip(), token)
        return Sent(waiting=waiting)


def _store(new: requests.NewRequest, address: str, name: str, token: FormToken) -> WebRequest:
    raw, hashed = new_secret()
    now = timezone.now()
    waiting = WebRequest.objects.create(
        email=address,
        name=name,
        subject=lifecycle.clean_subject(new.subject),
        body=new.body,
        product_area=new.area,
        urgency=new.urgency,
        token_hash=hashed,
        visit=deflection.record_sent(token),
        created_at=now,
        expires_at=now + timedelta(hours=settings.PORTAL_CONFIRM_HOURS),
    )
    RequestFile.objects.bulk_create(
        RequestFile(
            request=waiting,
            filename=f.name,
            content_type=_file_type(f),
            size=len(f.data),
            data=f.data,
        )
        for f in new.files
    )
    url = absolute(reverse("portal:confirm", args=[raw]))
    greeting = f"Hello {name}," if name else "Hello,"
    text = (
        f"{greeting}\n\nWe received your request “{waiting.subject}” through our web form. "
        f"To open it as a ticket, confirm that this address is yours by following this link "
        f"within {settings.PORTAL_CONFIRM_HOURS} hours:\n\n{url}\n\nIf you did not write to "
        "us, ignore this e-mail: an unconfirmed request is deleted.\n"
    )
    enqueue_mail(OutboxKind.NOTICE, [address], f"Confirm your request: {waiting.subject}", text)
    return waiting


def waiting_request(raw: str) -> WebRequest:
    """The request a confirmation link names (confirmed already or not); BadLink otherwise."""
    found = WebRequest.objects.filter(token_hash=digest(raw)).first()
    if found is None:
        raise BadLink(
            "This confirmation link is not valid, or its request was deleted unconfirmed. "
            "Send the form again."
        )
    if found.confirmed_at is None and found.expires_at <= timezone.now():
        raise BadLink(
            f"This confirmation link has expired: links work for "
            f"{settings.PORTAL_CONFIRM_HOURS} hours. Send the form again."
        )
    return found


@transaction.atomic
def confirm(raw: str) -> Ticket:
    """Open the ticket of the request `raw` names, once; following the link again answers
    the same ticket. Raises BadLink."""
    found = waiting_request(raw)
    now = timezone.now()
    # Conditional: of two clicks racing, one opens the ticket.
    taken = WebRequest.objects.filter(
        pk=found.pk, confirmed_at__isnull=True, expires_at__gt=now
    ).update(confirmed_at=now)
    if not taken:
        found.refresh_from_db()
        if found.ticket is None:
            raise BadLink("This request could not be opened. Send the form again.")
        return found.ticket
    contact = Senders().contact(found.email, found.name)
    files = [NewFile(f.filename, f.content_type, bytes(f.data)) for f in found.files.all()]
    new = requests.NewRequest(
        subject=found.subject,
        body=found.body,
        urgency=found.urgency,
        area=found.product_area,
        files=files,
    )
    ticket = requests.open_ticket(contact, new, channel=Channel.WEB)
    found.files.all().delete()
    WebRequest.objects.filter(pk=found.pk).update(ticket=ticket)
    if found.visit_id:
        deflection.record_ticket(found.visit_id, ticket)
    return ticket
