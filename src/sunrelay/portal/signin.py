"""Signing in to the portal with an e-mail magic link.

- Anyone may ask for a link for any address; the answer is the same whether or not a contact
  has it (no account enumeration), and only a known contact is sent one.
- Asking is rate limited per address and per network (portal.limits), counted before the
  address is looked up, so the limit answers the same for known and unknown addresses too.
- A link works once and for SUNRELAY_PORTAL_LINK_MINUTES (30 by default); using one spends
  the contact's other outstanding links too. Only its SHA-256 is stored. Opening it shows a button: only the POST that follows uses it up, so a mail
  scanner that opens every link in a message signs nobody in and spoils nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sunrelay.accounts.models import Contact
from sunrelay.accounts.services import normalize_email
from sunrelay.lib.links import absolute
from sunrelay.mail.models import OutboxKind
from sunrelay.mail.notify import enqueue_mail
from sunrelay.mail.senders import find_contact
from sunrelay.portal import limits
from sunrelay.portal.keys import digest, new_secret
from sunrelay.portal.models import SignInLink

TOO_MANY = (
    "Too many sign-in links were asked for this address or from your network in the last "
    "hour. Use the last link we sent, or try again later."
)


class BadLink(Exception):
    """The link is unknown, used or expired; the message says which, and what to do."""


def lifetime() -> timedelta:
    return timedelta(minutes=settings.PORTAL_LINK_MINUTES)


def request_link(email: str, ip: str) -> None:
    """Send a sign-in link to `email` when a contact has that address; nothing otherwise.

    Raises limits.RateLimited (the same way for known and unknown addresses)."""
    address = normalize_email(email)
    limits.hit(
        limits.Limit("signin-address", address, settings.PORTAL_LIMIT_PER_ADDRESS),
        limits.Limit("signin-ip", limits.network(ip), settings.PORTAL_LIMIT_PER_IP),
        message=TOO_MANY,
    )
    contact = find_contact(address)
    if contact is not None:
        send_link(contact)


@transaction.atomic
def send_link(contact: Contact) -> SignInLink:
    """Issue a link for `contact` and queue the e-mail carrying it (same transaction)."""
    raw, hashed = new_secret()
    now = timezone.now()
    link = SignInLink.objects.create(
        contact=contact, token_hash=hashed, created_at=now, expires_at=now + lifetime()
    )
    url = absolute(reverse("portal:sign_in_link", args=[raw]))
    minutes = settings.PORTAL_LINK_MINUTES
    greeting = f"Hello {contact.name}," if contact.name else "Hello,"
    text = (
        f"{greeting}\n\nSomeone, we hope you, asked to sign in to {settings.MAIL_SUPPORT_NAME} "
        f"with this address. Follow this link within {minutes} minutes to sign in; it works "
        f"once:\n\n{url}\n\nIf it was not you, ignore this e-mail: without the link nothing "
        "happens.\n"
    )
    enqueue_mail(OutboxKind.NOTICE, [contact.email], "Your sign-in link", text)
    return link


def check_link(raw: str) -> SignInLink:
    """The link `raw` names, when it may still be used; BadLink saying why not."""
    link = SignInLink.objects.select_related("contact").filter(token_hash=digest(raw)).first()
    if link is None:
        raise BadLink("This sign-in link is not valid. Ask for a new one below.")
    if link.used_at is not None:
        raise BadLink("This sign-in link was used already: each works once. Ask for a new one.")
    if link.expires_at <= timezone.now():
        raise BadLink(
            f"This sign-in link has expired: links work for {settings.PORTAL_LINK_MINUTES} "
            "minutes. Ask for a new one below."
        )
    return link


def use_link(raw: str) -> Contact:
    """Use the link up and return its contact; BadLink when it cannot be used (again)."""
    link = check_link(raw)
    now = timezone.now()
    # Conditional: of two requests racing with the same link, one wins.
    taken = SignInLink.objects.filter(pk=link.pk, used_at__isnull=True, expires_at__gt=now).update(
        used_at=now
    )
    if not taken:
        raise BadLink("This sign-in link was used already: each works once. Ask for a new one.")
    # The contact's other links, asked for before this one, are spent with it.
    SignInLink.objects.filter(contact=link.contact, used_at__isnull=True).update(used_at=now)
    return link.contact
