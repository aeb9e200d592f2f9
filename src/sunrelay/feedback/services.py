"""Writing feedback: capturing an item, themes, linking items to themes, shipping a theme.

Every write that a person makes checks feedback.access first; the capture of a solved feature
request (feedback.listeners) is the desk's own and has no person."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.desk.models import INBOUND_KINDS, Ticket
from sunrelay.feedback import access, notices
from sunrelay.feedback.models import FeedbackItem, Importance, Source, Theme, ThemeStatus

MAX_QUOTE = 4000


def capture(
    user,
    *,
    quote: str,
    account=None,
    contact=None,
    ticket: Ticket | None = None,
    product_area=None,
    importance: str = Importance.IMPORTANT,
    source: str = Source.DESK,
    theme: Theme | None = None,
    at=None,
) -> FeedbackItem:
    """One item in the customer's words. The account and contact come from the ticket when
    it has them and none is given; a contact of another account than the item's is refused."""
    if user is not None:
        access.check_curate(user)
    quote = (quote or "").strip()
    if not quote:
        raise ValidationError({"quote": "Quote the customer's own words."})
    if len(quote) > MAX_QUOTE:
        raise ValidationError({"quote": f"Keep the quote under {MAX_QUOTE} characters."})
    if ticket is not None:
        account = account or ticket.account
        contact = contact or ticket.requester
    if contact is not None and account is None:
        account = contact.account
    if contact is not None and contact.account_id not in (None, getattr(account, "pk", None)):
        raise ValidationError({"contact_id": "That contact belongs to another account."})
    item = FeedbackItem(
        quote=quote,
        account=account,
        contact=contact,
        ticket=ticket,
        product_area=product_area or (theme.product_area if theme else None),
        importance=Importance(importance),
        source=Source(source),
        theme=theme,
        linked_by=user if theme else None,
        created_by=user,
        created_at=at or timezone.now(),
    )
    item.full_clean(exclude=["account", "contact", "ticket", "theme", "product_area"])
    item.save()
    return item


def first_customer_words(ticket: Ticket) -> str:
    message = ticket.messages.filter(kind__in=INBOUND_KINDS).order_by("created_at", "id").first()
    return (message.body_text if message else ticket.subject).strip()[:MAX_QUOTE]


def capture_solved_request(ticket: Ticket, at) -> FeedbackItem | None:
    """The item of a ticket solved as a feature request, once per ticket."""
    if FeedbackItem.objects.filter(ticket=ticket, source=Source.TICKET).exists():
        return None
    quote = first_customer_words(ticket) or ticket.subject
    return capture(None, quote=quote, ticket=ticket, source=Source.TICKET, at=at)


def create_theme(user, *, name: str, product_area=None, description: str = "") -> Theme:
    access.check_curate(user)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Name the theme."})
    if Theme.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"There is already a theme called {name!r}."})
    theme = Theme(name=name, product_area=product_area, description=description.strip())
    theme.full_clean(exclude=["product_area"])
    theme.save()
    return theme


def update_theme(user, theme: Theme, **fields) -> Theme:
    """Change a theme's description, area or RICE figures (not its status: see ship)."""
    access.check_curate(user)
    allowed = {"description", "product_area", "reach", "impact", "confidence", "effort"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"update_theme does not change {sorted(unknown)}")
    for name, value in fields.items():
        setattr(theme, name, value)
    theme.full_clean(exclude=["product_area"])
    theme.save()
    return theme


def link(user, item: FeedbackItem, theme: Theme | None) -> FeedbackItem:
    """Put `item` under `theme` (None: take it out of its theme)."""
    access.check_curate(user)
    item.theme, item.linked_by = theme, (user if theme else None)
    if theme is not None and item.product_area_id is None:
        item.product_area_id = theme.product_area_id
    item.save(update_fields=["theme", "linked_by", "product_area"])
    return item


def set_status(user, theme: Theme, status: str) -> Theme:
    """Move a theme to open, planned or shipped. Shipping drafts its notice (feedback.notices)
    for a lead to review; nothing is sent here."""
    access.check_curate(user)
    status = ThemeStatus(status)
    with transaction.atomic():
        theme = Theme.objects.select_for_update().get(pk=theme.pk)
        theme.status = status
        theme.shipped_at = timezone.now() if status == ThemeStatus.SHIPPED else None
        theme.save(update_fields=["status", "shipped_at"])
        if status == ThemeStatus.SHIPPED:
            notices.draft(theme)
    return theme
