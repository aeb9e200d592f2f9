"""Typed links on tickets to monitoring and error trackers (log searches, error-tracker items,
dashboards), and the teams' URL patterns that make them from an id.

Rules, in one place:
- A link's URL is http or https, at most 1,000 characters; anything else is refused in words.
- A pattern is an http(s) URL with exactly one `{id}`; the id an agent gives is URL-quoted
  into it (an id cannot add a path or a query). A pattern belongs to a team (a ticket level)
  or to every team; a ticket offers its own level's and every team's.
- People who work tickets add and remove links; sales read them on their accounts' tickets
  (the ticket's own visibility, desk.permissions); customers never see them.
- Leads set up the patterns.
"""

from __future__ import annotations

from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q, QuerySet
from django.utils import timezone

from sunrelay.desk.models import Level, Ticket
from sunrelay.desk.permissions import check_can_work
from sunrelay.integrations.access import check_webhooks
from sunrelay.integrations.models import LinkKind, LinkPattern, TicketLink

MAX_URL = 1000
PLACEHOLDER = "{id}"


def _check_url(url: str, field: str = "url") -> str:
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url.replace(PLACEHOLDER, "id"))
    except ValidationError:
        raise ValidationError({field: "The link must be an http:// or https:// address."}) from None
    if len(url) > MAX_URL:
        raise ValidationError({field: f"The link is longer than {MAX_URL} characters."})
    return url


def _check_kind(kind: str) -> str:
    if kind not in LinkKind.values:
        raise ValidationError({"kind": f"The kind is one of {', '.join(LinkKind.values)}."})
    return kind


def patterns_for(ticket: Ticket) -> QuerySet[LinkPattern]:
    return LinkPattern.objects.filter(Q(level="") | Q(level=ticket.level))


def add(
    user,
    ticket: Ticket,
    *,
    kind: str = "",
    url: str = "",
    label: str = "",
    pattern: LinkPattern | None = None,
    ref: str = "",
) -> TicketLink:
    """A link from the given URL and kind, or from a pattern of the ticket's team and an id."""
    check_can_work(user, ticket)
    label = (label or "").strip()[:200]
    if pattern is not None:
        if not patterns_for(ticket).filter(pk=pattern.pk).exists():
            raise ValidationError({"pattern": "That pattern is not one of this ticket's team."})
        ref = (ref or "").strip()
        if not ref:
            raise ValidationError({"ref": f"Give the id to put in {pattern.pattern}."})
        url = pattern.pattern.replace(PLACEHOLDER, quote(ref, safe=""))
        kind, label = pattern.kind, label or ref
    return TicketLink.objects.create(
        ticket=ticket,
        kind=_check_kind(kind),
        url=_check_url(url),
        label=label,
        pattern=pattern,
        added_by=user,
        added_at=timezone.now(),
    )


def remove(user, link: TicketLink) -> None:
    check_can_work(user, link.ticket)
    link.delete()


def add_pattern(user, *, name: str, kind: str, pattern: str, level: str = "") -> LinkPattern:
    check_webhooks(user)
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = "Give the pattern a name."
    if level and level not in Level.values:
        errors["level"] = f"The team is one of {', '.join(Level.values)}, or none for all."
    if (pattern or "").count(PLACEHOLDER) != 1:
        errors["pattern"] = f"The pattern holds {PLACEHOLDER} once, where the id goes."
    try:
        pattern = _check_url(pattern, "pattern")
        kind = _check_kind(kind)
    except ValidationError as exc:
        errors = exc.message_dict | errors
    if errors:
        raise ValidationError(errors)
    return LinkPattern.objects.create(
        name=name[:80], kind=kind, pattern=pattern, level=level, created_at=timezone.now()
    )


def remove_pattern(user, pattern: LinkPattern) -> None:
    check_webhooks(user)
    pattern.delete()
