"""/tickets: list with filters, open, read and change tickets."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja import Status as HttpStatus

from sunrelay.api import lookups
from sunrelay.api.auth import actor
from sunrelay.api.schemas import Id, Paging, page
from sunrelay.api.ticket_schemas import TicketFilters, TicketIn, TicketOut, TicketPage, TicketPatch
from sunrelay.desk import queue_filters, services
from sunrelay.desk.models import Priority, Ticket
from sunrelay.desk.permissions import check_can_work, visible_tickets
from sunrelay.schedule.holds import with_hold
from sunrelay.sla.models import TicketSla
from sunrelay.sla.queues import by_sla_state, urgency_order

router = Router(tags=["tickets"])

# Priorities are stored as words; ordering by them needs their rank, not the alphabet.
PRIORITY_RANK = Case(
    *(When(priority=value, then=Value(rank)) for rank, value in enumerate(Priority.values)),
    output_field=IntegerField(),
)


def tickets_for(user) -> QuerySet[Ticket]:
    """Tickets `user` may see, with everything TicketOut reads fetched in a fixed number of queries."""
    return (
        with_hold(visible_tickets(user))
        .select_related("account", "requester", "assignee", "urgency")
        .prefetch_related(
            "tags", "ccs", Prefetch("slas", queryset=TicketSla.objects.select_related("policy"))
        )
    )


def _tag_names(tag: str) -> list[str]:
    try:
        return services.normalize_tags([tag])
    except ValidationError:
        return []  # longer than any tag can be: matches nothing


def _filtered(tickets: QuerySet[Ticket], f: TicketFilters, user) -> QuerySet[Ticket]:
    if f.status:
        tickets = tickets.filter(status__in=f.status)
    for field in ("priority", "level", "channel", "interesting"):
        value = getattr(f, field)
        if value is not None:
            tickets = tickets.filter(**{field: value})
    # The same conditions as the workspace's queues (desk.queue_filters, sla.queues).
    for field, lookup in queue_filters.PEOPLE.items():
        value = getattr(f, field)
        if value:
            tickets = queue_filters.by_person(tickets, lookup, value, user)
    if f.skill is not None:
        tickets = tickets.filter(**{queue_filters.EQUALS["skill"]: f.skill})
    if f.has_bug_link is not None:
        tickets = queue_filters.by_bug_link(tickets, f.has_bug_link)
    if f.sla is not None:
        tickets = by_sla_state(tickets, f.sla)
    if f.account is not None:
        tickets = tickets.filter(account_id=f.account)
    if f.requester is not None:
        tickets = tickets.filter(requester_id=f.requester)
    if f.tier is not None:
        tickets = tickets.filter(account__tier=f.tier)
    if f.tag:
        tickets = tickets.filter(tags__name__in=_tag_names(f.tag))
    if f.q:
        tickets = tickets.filter(subject__icontains=f.q)
    if f.created_after is not None:
        tickets = tickets.filter(created_at__gte=f.created_after)
    if f.created_before is not None:
        tickets = tickets.filter(created_at__lt=f.created_before)
    if f.updated_after is not None:
        tickets = tickets.filter(updated_at__gte=f.updated_after)
    return _ordered(tickets, f.ordering)


def _ordered(tickets: QuerySet[Ticket], ordering: str) -> QuerySet[Ticket]:
    descending = ordering.startswith("-")
    key = ordering.lstrip("-")
    if key == "urgency":
        # As the workspace's queues: running clocks, then no running clock, then waiting.
        return tickets.order_by(*urgency_order(descending), "-id" if descending else "id")
    if key == "priority":
        tickets = tickets.annotate(priority_rank=PRIORITY_RANK)
        key = "priority_rank"
    # The id breaks ties, so pages neither repeat nor skip tickets with equal keys.
    if descending:
        return tickets.order_by(f"-{key}", "-id")
    return tickets.order_by(key, "id")


@router.get("", response=TicketPage, summary="List tickets")
def list_tickets(request: HttpRequest, filters: Query[TicketFilters], paging: Query[Paging]):
    user = actor(request)
    return page(_filtered(tickets_for(user), filters, user), paging)


def _contact(user, field: str, email: str):
    return services.contact_by_email(user, email, field)


def _requester(user, payload: TicketIn):
    if (payload.requester_email is None) == (payload.requester_id is None):
        raise ValidationError({"requester_email": "Give either requester_email or requester_id."})
    if payload.requester_id is not None:
        return lookups.contact(user, "requester_id", payload.requester_id)
    return _contact(user, "requester_email", payload.requester_email)


@router.post("", response={201: TicketOut}, summary="Open a ticket")
def create_ticket(request: HttpRequest, payload: TicketIn):
    user = actor(request)
    # Before any lookup or new contact: people who cannot open tickets hear 403, not 422.
    check_can_work(user)
    # A contact created for this ticket goes away again if the ticket is refused.
    with transaction.atomic():
        new = services.NewTicket(
            requester=_requester(user, payload),
            subject=payload.subject,
            body=payload.body,
            html=payload.html,
            channel=payload.channel,
            priority=payload.priority,
            level=payload.level,
            assignee=lookups.user_or_none("assignee_id", payload.assignee_id),
            tags=payload.tags,
            ccs=[_contact(user, "cc_emails", email) for email in payload.cc_emails],
            external_ref=payload.external_ref,
        )
        ticket = services.create_ticket(new, actor=user).ticket
    return HttpStatus(201, tickets_for(user).get(pk=ticket.pk))


@router.get("/{ticket_id}", response=TicketOut, summary="Read a ticket")
def get_ticket(request: HttpRequest, ticket_id: Id):
    return get_object_or_404(tickets_for(actor(request)), pk=ticket_id)


@router.patch("/{ticket_id}", response=TicketOut, summary="Change a ticket")
def update_ticket(request: HttpRequest, ticket_id: Id, payload: TicketPatch):
    user = actor(request)
    ticket = get_object_or_404(visible_tickets(user), pk=ticket_id)
    # Readers (sales) hear 403 before the payload's ids are looked up.
    check_can_work(user, ticket)
    changes = payload.model_dump(exclude_unset=True)
    if "assignee_id" in changes:
        changes["assignee"] = lookups.user_or_none("assignee_id", changes.pop("assignee_id"))
    if "account_id" in changes:
        changes["account"] = lookups.account_or_none(user, "account_id", changes.pop("account_id"))
    cc_emails = changes.pop("cc_emails", None)
    # One change: refused CCs undo the other fields, and the other way round.
    with transaction.atomic():
        services.update_ticket(ticket, user, **changes)
        if cc_emails is not None:
            services.set_cc_emails(ticket, user, cc_emails)
    return tickets_for(user).get(pk=ticket.pk)
