"""The portal session: a signed entry in the browser's session saying which contact signed
in (by which address), and when. It is not a Django log-in: staff pages never see a contact,
and a staff log-in opens no portal page. Signing in or out changes the session's key, so a key
seen before signing in is worth nothing after it.
"""

from __future__ import annotations

from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from sunrelay.accounts.models import Contact

SESSION_KEY = "sunrelay.portal.contact"
SALT = "sunrelay.portal.session"


def sign_in(request: HttpRequest, contact: Contact) -> None:
    request.session.cycle_key()
    request.session[SESSION_KEY] = signing.dumps([contact.pk, contact.email.lower()], salt=SALT)


def sign_out(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def signed_in_contact(request: HttpRequest) -> Contact | None:
    """The contact signed in on this browser, or None (never signed in, expired, or gone)."""
    raw = request.session.get(SESSION_KEY)
    if not raw:
        return None
    try:
        pk, email = signing.loads(
            raw, salt=SALT, max_age=timedelta(days=settings.PORTAL_SESSION_DAYS)
        )
    except (signing.BadSignature, TypeError, ValueError):
        return None
    contact = Contact.objects.select_related("account").filter(pk=pk).first()
    # Signed in by the address: once the contact's address changes, the session ends.
    if contact is None or contact.email.lower() != email:
        return None
    return contact


def contact_required(view):
    """A portal page: the signed-in contact on request.contact, else to the sign-in page.
    Pages show tickets: never cached by the browser or a proxy."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        contact = signed_in_contact(request)
        if contact is None:
            return redirect(reverse("portal:sign_in"))
        request.contact = contact
        # Times in the account's zone: contacts have none of their own.
        timezone.activate(contact.account.time_zone if contact.account_id else "UTC")
        try:
            response = view(request, *args, **kwargs)
        finally:
            timezone.deactivate()
        add_never_cache_headers(response)
        return response

    return wrapper
