"""Writing the search documents: a ticket's text, a contact's, an account's, and those of
kinds other apps register.

Kept current by search.listeners (at once for changes made through the desk's services) and
by the worker's drain (refresh_some) for what arrives in bulk; `sunrelay search reindex`
rebuilds everything. Each message counts with its first MESSAGE_CHARS characters and a
document with its first DOCUMENT_CHARS: pasted logs would bloat the index, not help it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Q

from sunrelay.accounts.models import Account, AccountDomain, Contact
from sunrelay.desk.models import Message, Ticket
from sunrelay.desk.visibility import CUSTOMER_VISIBLE_KINDS
from sunrelay.mail.models import Attachment
from sunrelay.search.models import Document, TicketDocument

MESSAGE_CHARS = 20_000
DOCUMENT_CHARS = 200_000
BATCH = 500


def _join(parts: Iterable[str]) -> str:
    return "\n".join(p for p in parts if p)[:DOCUMENT_CHARS]


def ticket_documents(ids: Iterable[int]) -> list[TicketDocument]:
    """The documents of these tickets, built from their rows in three queries."""
    ids = sorted(set(ids))
    public: dict[int, list[str]] = defaultdict(list)
    internal: dict[int, list[str]] = defaultdict(list)
    messages = (
        Message.objects.filter(ticket_id__in=ids)
        .order_by("ticket_id", "created_at", "id")
        .values_list("ticket_id", "kind", "body_text")
    )
    for ticket_id, kind, body in messages.iterator(chunk_size=2000):
        side = public if kind in CUSTOMER_VISIBLE_KINDS else internal
        side[ticket_id].append(body[:MESSAGE_CHARS])
    files = Attachment.objects.filter(message__ticket_id__in=ids).values_list(
        "message__ticket_id", "message__kind", "filename"
    )
    for ticket_id, kind, filename in files:
        (public if kind in CUSTOMER_VISIBLE_KINDS else internal)[ticket_id].append(filename)
    tickets = Ticket.objects.filter(pk__in=ids).values_list(
        "pk", "subject", "requester__name", "requester__email", "account__name"
    )
    return [
        TicketDocument(
            ticket_id=pk,
            subject=subject,
            public=public_text(name, email, account, public[pk]),
            internal=internal_text(internal[pk]),
            stale=False,
        )
        for pk, subject, name, email, account in tickets
    ]


def public_text(name: str, email: str, account: str | None, parts: Iterable[str]) -> str:
    """The customer-visible side of a ticket's document: requester, account, then `parts`
    (message bodies cut at MESSAGE_CHARS in order, then file names). The internal side is
    `internal_text(parts)`: notes, then their file names."""
    return _join([name, email, account or "", *parts])


def internal_text(parts: Iterable[str]) -> str:
    return _join(parts)


def refresh_tickets(ids: Iterable[int]) -> int:
    """Rebuild these tickets' documents now; returns how many were written."""
    documents = ticket_documents(ids)
    TicketDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["ticket"],
        update_fields=["subject", "public", "internal", "stale"],
    )
    return len(documents)


def mark_stale(ticket_ids: Iterable[int] | None = None, **lookup) -> None:
    """Leave these tickets' documents to the worker (tickets without one are found anyway)."""
    rows = TicketDocument.objects.filter(stale=False)
    if ticket_ids is not None:
        rows = rows.filter(ticket_id__in=sorted(set(ticket_ids)))
    if lookup:
        rows = rows.filter(**{f"ticket__{k}": v for k, v in lookup.items()})
    rows.update(stale=True)


@dataclass(frozen=True)
class Kind:
    """A kind of document besides tickets: its texts by id, and the model whose rows it has."""

    texts: Callable[[list[int]], dict[int, str]]
    model: type[models.Model]


KINDS: dict[str, Kind] = {}


def register_kind(name: str, texts: Callable[[list[int]], dict[int, str]], model) -> None:
    """Make another kind of row searchable (an app's ready()); its app keeps the documents
    current with refresh_documents()."""
    KINDS[name] = Kind(texts, model)


def _contact_texts(ids) -> dict[int, str]:
    return {
        pk: _join([name, email])
        for pk, name, email in Contact.objects.filter(pk__in=ids).values_list("pk", "name", "email")
    }


def _account_texts(ids) -> dict[int, str]:
    domains: dict[int, list[str]] = defaultdict(list)
    for account_id, domain in AccountDomain.objects.filter(account_id__in=ids).values_list(
        "account_id", "domain"
    ):
        domains[account_id].append(domain)
    return {
        pk: _join([name, *domains[pk]])
        for pk, name in Account.objects.filter(pk__in=ids).values_list("pk", "name")
    }


CONTACT, ACCOUNT = "contact", "account"
register_kind(CONTACT, _contact_texts, Contact)
register_kind(ACCOUNT, _account_texts, Account)


def refresh_documents(kind: str, ids: Iterable[int]) -> int:
    """Rebuild these rows' documents of `kind`; rows that are gone lose theirs."""
    ids = sorted(set(ids))
    texts = KINDS[kind].texts(ids)
    Document.objects.filter(kind=kind, object_id__in=set(ids) - set(texts)).delete()
    Document.objects.bulk_create(
        [Document(kind=kind, object_id=pk, text=text) for pk, text in texts.items()],
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["text"],
    )
    return len(texts)


def _tickets_to_refresh(limit: int) -> list[int]:
    stale = list(
        TicketDocument.objects.filter(stale=True).values_list("ticket_id", flat=True)[:limit]
    )
    if len(stale) < limit:
        missing = Ticket.objects.filter(search_document__isnull=True).values_list("pk", flat=True)
        stale += list(missing[: limit - len(stale)])
    return stale


def _documents_missing(kind: str, limit: int) -> list[int]:
    indexed = Document.objects.filter(kind=kind).values("object_id")
    rows = KINDS[kind].model.objects.exclude(pk__in=indexed)
    return list(rows.values_list("pk", flat=True)[:limit])


def refresh_some(limit: int = BATCH) -> bool:
    """Worker drain: rebuild stale or missing documents. True when more may be waiting."""
    done = refresh_tickets(_tickets_to_refresh(limit))
    for kind in KINDS:
        if done < limit:
            done += refresh_documents(kind, _documents_missing(kind, limit - done))
    return done >= limit


def rebuild_all(progress: Callable[[int, int], None] | None = None) -> int:
    """Every document anew (`sunrelay search reindex`); `progress(done, total)` after each
    batch. Returns the number of tickets indexed."""
    total = Ticket.objects.count()
    done = 0
    last = 0
    while True:
        ids = list(
            Ticket.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:BATCH]
        )
        if not ids:
            break
        done += refresh_tickets(ids)
        last = ids[-1]
        if progress:
            progress(done, total)
    TicketDocument.objects.filter(~Q(ticket__in=Ticket.objects.all())).delete()
    for kind, registered in KINDS.items():
        ids = list(registered.model.objects.values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            refresh_documents(kind, ids[start : start + BATCH])
    return done
