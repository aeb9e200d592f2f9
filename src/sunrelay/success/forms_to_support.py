"""The two structured forms customer engineers send support (fields exactly as the team
names them, docs/success.md): a context note, and a request to the head of support with its
answer. The requester hears of every change to their request by e-mail, through the outbox.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sunrelay.lib.formatting import person
from sunrelay.lib.links import absolute
from sunrelay.mail.models import OutboxKind
from sunrelay.mail.notify import enqueue_mail
from sunrelay.success import access
from sunrelay.success.models import ContextNote, RequestStatus, SupportRequest

CONTEXT_FIELDS = ("customer_name", "issue_link", "background")
REQUEST_FIELDS = (
    "customer_name", "issue_link", "ask", "why", "if_not", "timing", "anything_else",
)  # fmt: skip
# The order a request moves in: a decision, then done (a decision may change until done).
NEXT = {
    RequestStatus.NEW: {RequestStatus.ACCEPTED, RequestStatus.DECLINED, RequestStatus.DONE},
    RequestStatus.ACCEPTED: {RequestStatus.DECLINED, RequestStatus.DONE},
    RequestStatus.DECLINED: {RequestStatus.ACCEPTED},
    RequestStatus.DONE: set(),
}


def _account_of(account, ticket):
    if ticket is not None and account is not None and ticket.account_id != account.pk:
        raise ValidationError({"account": "The ticket belongs to another account."})
    return account if account is not None or ticket is None else ticket.account


def _clean(row, fields) -> None:
    for name in fields:
        value = getattr(row, name)
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    row.full_clean(exclude=["account", "ticket", "author", "requester", "decided_by"])


def add_context(author, *, ticket=None, account=None, at=None, **values) -> ContextNote:
    """A context note on `ticket` (its account taken along) or on `account` alone."""
    account = _account_of(account, ticket)
    access.check_can_add_context(author, account)
    created = at or timezone.now()
    note = ContextNote(ticket=ticket, account=account, author=author, created_at=created, **values)
    _clean(note, CONTEXT_FIELDS)
    note.save()
    return note


def file_request(requester, *, ticket=None, account=None, at=None, **values) -> SupportRequest:
    """A request to the head of support, about `ticket` (its account taken along) or
    `account`, or neither (a customer without an account yet)."""
    account = _account_of(account, ticket)
    access.check_can_request(requester, account)
    now = at or timezone.now()
    row = SupportRequest(
        ticket=ticket,
        account=account,
        requester=requester,
        created_at=now,
        updated_at=now,
        **values,
    )
    _clean(row, REQUEST_FIELDS)
    row.save()
    return row


def decide(
    request: SupportRequest,
    lead,
    *,
    status: str,
    answer: str | None = None,
    at=None,
    tell: bool = True,
):
    """Move `request` to `status` with the lead's answer (None: unchanged); the requester is
    told by e-mail (tell=False: history written after the fact, as the demo's, tells nobody).
    Refuses a move the order does not allow (a done request is final)."""
    access.check_can_decide(lead)
    if status not in RequestStatus.values:
        raise ValidationError({"status": "Choose new, accepted, declined or done."})
    with transaction.atomic():
        row = SupportRequest.objects.select_for_update().get(pk=request.pk)
        if status != row.status and status not in NEXT[RequestStatus(row.status)]:
            raise ValidationError(
                {"status": f"A {row.get_status_display().lower()} request cannot become {status}."}
            )
        new_answer = row.answer if answer is None else answer.strip()
        if (status, new_answer) == (row.status, row.answer):
            return row
        row.status, row.answer = status, new_answer
        row.decided_by, row.updated_at = lead, at or timezone.now()
        row.full_clean(exclude=["account", "ticket", "requester", "decided_by"])
        row.save()
        if tell:
            _tell_requester(row, lead)
    request.__dict__.update(row.__dict__)
    return row


def _tell_requester(row: SupportRequest, lead) -> None:
    user = row.requester
    if user is None or not user.is_active or not user.email or user.pk == lead.pk:
        return
    status = row.get_status_display().lower()
    text = f"{person(lead)} marked your support request for {row.customer_name} {status}."
    lines = [text, ""]
    if row.answer:
        lines += [row.answer, ""]
    lines.append(absolute(reverse("success:request", args=[row.pk])))
    enqueue_mail(OutboxKind.NOTIFICATION, [user.email], text[:200], "\n".join(lines))
