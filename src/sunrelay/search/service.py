"""Search as the desk and the API use it: one call, results grouped and safe to show.

    search(user, "export timeout tier:enterprise") -> Results

Tickets come ranked with a highlighted snippet; contacts and accounts follow when the search
has words and no ticket filters. Everything passes the visibility rules (sales see their
accounts only); `internal=False` leaves internal notes out of matching and snippets (for a
customer's own search). A bad query comes back as Results.error, in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sunrelay.accounts.models import Account, Contact
from sunrelay.accounts.permissions import visible_accounts, visible_contacts
from sunrelay.desk.models import Ticket
from sunrelay.desk.permissions import visible_tickets
from sunrelay.search import filters
from sunrelay.search.backends import START, STOP, backend
from sunrelay.search.documents import ACCOUNT, CONTACT
from sunrelay.search.query import Query, QueryError, parse
from sunrelay.team.roles import works_tickets

TICKETS, PARTIES = 20, 5


@dataclass(frozen=True)
class Found:
    """A ticket, contact or account found, with its snippet as safe HTML (may be empty)."""

    item: Ticket | Contact | Account
    snippet: SafeString


@dataclass
class Results:
    text: str
    tickets: list[Found] = field(default_factory=list)
    contacts: list[Found] = field(default_factory=list)
    accounts: list[Found] = field(default_factory=list)
    error: str = ""

    def __bool__(self) -> bool:
        return bool(self.tickets or self.contacts or self.accounts)


def highlight(snippet: str) -> SafeString:
    """Escape a backend's snippet and mark its matched words."""
    text = escape(snippet or "").replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(text)  # noqa: S308 - escaped above; only our own tags are added


def search(user, text: str, *, limit: int = TICKETS, internal: bool = True) -> Results:
    results = Results(text=text or "")
    try:
        query = parse(text)
        if not query.has_text and query.terms:
            raise QueryError("Say what to look for, not only what to leave out (-word).")
        candidates = filters.apply(visible_tickets(user), query.filters, user)
    except QueryError as exc:
        results.error = str(exc)
        return results
    if not query.has_text and not query.filters and query.number is None:
        return results
    results.tickets = _tickets(user, query, candidates, limit, internal)
    if query.has_text and not query.filters:
        results.contacts = _documents(query, CONTACT, visible_contacts(user), Contact)
        results.accounts = _documents(query, ACCOUNT, visible_accounts(user), Account)
    return results


def _tickets(user, query: Query, candidates, limit: int, internal: bool) -> list[Found]:
    snippets: dict[int, str] = {}
    if query.has_text:
        # Staff who see every ticket and set no filter need no sub-select: the whole index.
        restricted = bool(query.filters) or not works_tickets(user)
        hits = backend().tickets(
            query, candidates if restricted else None, internal=internal, limit=limit
        )
        ids = [hit.id for hit in hits]
        snippets = {hit.id: hit.snippet for hit in hits}
    else:
        ids = list(candidates.order_by("-updated_at").values_list("pk", flat=True)[:limit])
    if query.number is not None and candidates.filter(pk=query.number).exists():
        ids = [query.number, *(i for i in ids if i != query.number)][:limit]
    rows = Ticket.objects.filter(pk__in=ids).select_related("account", "requester", "assignee")
    by_id = {t.pk: t for t in rows}
    return [Found(by_id[i], highlight(snippets.get(i, ""))) for i in ids if i in by_id]


def _documents(query: Query, kind: str, candidates, model) -> list[Found]:
    hits = backend().documents(query, kind, candidates, limit=PARTIES)
    rows = model.objects.in_bulk([hit.id for hit in hits])
    return [Found(rows[h.id], highlight(h.snippet)) for h in hits if h.id in rows]
