"""Macros: canned replies with placeholders, and field changes applied in the same step.

Placeholders are written {name}: {requester_first_name} {requester_name} {ticket_number}
{ticket_subject} {ticket_status} {ticket_priority} {account_name} {agent_first_name}
{agent_name}, and {article:SLUG} for a link to an article. Anything else in braces is
refused when the macro is saved, so a typo never reaches a customer.

Who sees which macro: a person's own, the ones shared with a team they are in, and the ones
shared with everybody. The owner edits a personal macro; a lead edits shared ones.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from sunrelay.desk import services as desk
from sunrelay.desk.models import Level, Message, Priority, Status, Ticket
from sunrelay.desk.permissions import check_can_work
from sunrelay.kb.models import Article, Macro, MacroUse, Visibility
from sunrelay.lib.formatting import person
from sunrelay.lib.links import absolute
from sunrelay.mail.replies import NewFile, reply_with_files
from sunrelay.team.models import Role
from sunrelay.team.roles import is_lead, roles_of, works_tickets

PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::([a-z0-9-]+))?\}")
NAMES = (
    "requester_first_name",
    "requester_name",
    "ticket_number",
    "ticket_subject",
    "ticket_status",
    "ticket_priority",
    "account_name",
    "agent_first_name",
    "agent_name",
)
CHANGES = {"status": Status, "priority": Priority, "level": Level}
MAX_BODY = 20_000


def visible_macros(user, queryset=None):
    queryset = Macro.objects.all() if queryset is None else queryset
    if not works_tickets(user):
        return queryset.none()
    teams = [""] + sorted(roles_of(user))
    return queryset.filter(Q(owner=user) | Q(owner__isnull=True, team__in=teams))


def _check_can_edit(user, macro: Macro) -> None:
    if macro.owner_id is not None and macro.owner_id != user.pk:
        raise PermissionDenied("This macro is someone else's.")
    if macro.owner_id is None and not is_lead(user):
        raise PermissionDenied("Only a support lead changes shared macros.")


def _clean(name: str, body: str, changes: dict | None, team: str) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name, body = (name or "").strip(), (body or "").strip()
    if not name:
        errors["name"] = "A macro needs a name."
    elif len(name) > 120:
        errors["name"] = "The name is longer than 120 characters."
    if not body:
        errors["body"] = "A macro needs a text."
    elif len(body) > MAX_BODY:
        errors["body"] = f"The text is longer than {MAX_BODY:,} characters."
    unknown = sorted(
        {m.group(0) for m in PLACEHOLDER.finditer(body) if m.group(1) not in (*NAMES, "article")}
    )
    if unknown:
        errors["body"] = f"Unknown placeholder {', '.join(unknown)}; known: " + ", ".join(
            "{" + n + "}" for n in (*NAMES, "article:SLUG")
        )
    slugs = [m.group(2) for m in PLACEHOLDER.finditer(body) if m.group(1) == "article"]
    missing = sorted(
        set(slugs) - set(Article.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    )
    if missing:
        errors["body"] = f"No article is called {', '.join(missing)}."
    clean_changes: dict[str, Any] = {}
    for key, value in (changes or {}).items():
        if key in CHANGES:
            if value and value not in CHANGES[key].values:
                errors[key] = f"{value!r} is not one of: {', '.join(CHANGES[key].values)}."
            elif value:
                clean_changes[key] = value
        elif key == "tags":
            clean_changes["tags"] = desk.normalize_tags(value or [])
        else:
            errors[key] = "A macro changes status, priority, level and tags only."
    if team and team not in Role.values:
        errors["team"] = f"{team!r} is not a team."
    if errors:
        raise ValidationError(errors)
    return {"name": name, "body": body, "changes": clean_changes, "team": team or ""}


def create_macro(
    actor, *, name: str, body: str, changes: dict | None = None, shared: bool = False, team=""
) -> Macro:
    """A personal macro, or with `shared` one for a team (or everybody): leads only."""
    check_can_work(actor)
    if shared and not is_lead(actor):
        raise PermissionDenied("Only a support lead shares macros.")
    now = timezone.now()
    return Macro.objects.create(
        **_clean(name, body, changes, team if shared else ""),
        owner=None if shared else actor,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )


def update_macro(macro: Macro, actor, **fields) -> Macro:
    _check_can_edit(actor, macro)
    merged = {
        "name": fields.get("name", macro.name),
        "body": fields.get("body", macro.body),
        "changes": fields.get("changes", macro.changes),
        "team": fields.get("team", macro.team),
    }
    for key, value in _clean(**merged).items():
        setattr(macro, key, value)
    macro.updated_at = timezone.now()
    macro.save()
    return macro


def delete_macro(macro: Macro, actor) -> None:
    _check_can_edit(actor, macro)
    macro.delete()


def _first_name(name: str) -> str:
    return (name or "").split(" ")[0]


def render(body: str, ticket: Ticket, agent) -> str:
    """The macro's text for this ticket and agent, placeholders filled in."""
    requester = ticket.requester
    values = {
        "requester_first_name": _first_name(requester.name) or "there",
        "requester_name": requester.name or requester.email,
        "ticket_number": str(ticket.pk),
        "ticket_subject": ticket.subject,
        "ticket_status": ticket.get_status_display(),
        "ticket_priority": ticket.get_priority_display(),
        "account_name": ticket.account.name if ticket.account_id else "",
        "agent_first_name": agent.first_name or person(agent),
        "agent_name": person(agent),
    }
    slugs = [m.group(2) for m in PLACEHOLDER.finditer(body) if m.group(1) == "article"]
    articles = {a.slug: a for a in Article.objects.filter(slug__in=slugs)}

    def fill(match: re.Match) -> str:
        name, slug = match.groups()
        if name == "article":
            article = articles.get(slug)
            return article_link(article) if article else match.group(0)
        return values.get(name, match.group(0))

    return PLACEHOLDER.sub(fill, body)


def article_link(article: Article) -> str:
    """A public article's address in the help centre; an internal one's in the desk."""
    if article.visibility == Visibility.PUBLIC:
        return absolute(f"/help/{article.slug}/")
    return absolute(f"/desk/kb/{article.slug}/")


@transaction.atomic
def apply_macro(
    macro: Macro,
    ticket: Ticket,
    actor,
    *,
    body: str | None = None,
    public: bool = True,
    files: list[NewFile] = (),
) -> Message:
    """Reply (or note) with the macro's text — or `body`, the agent's edit of it — and apply
    its field changes, all through the desk's services in one transaction; counted. A
    public reply may carry `files` (mail.replies)."""
    if not visible_macros(actor).filter(pk=macro.pk).exists():
        raise PermissionDenied("This macro is not yours to use.")
    text = body if body is not None and body.strip() else render(macro.body, ticket, actor)
    changes = dict(macro.changes)
    status = changes.pop("status", None)
    if public:
        message = reply_with_files(ticket, actor, text, list(files), status=status)
    elif files:
        raise ValidationError({"attachments": "Notes take no files."})
    else:
        message = desk.note(ticket, actor, text)
        if status:
            desk.update_ticket(ticket, actor, status=status)
    if "tags" in changes:
        current = list(ticket.tags.values_list("name", flat=True))
        changes["tags"] = sorted({*current, *changes["tags"]})
    if changes:
        desk.update_ticket(ticket, actor, **changes)
    MacroUse.objects.create(macro=macro, ticket=ticket, user=actor, at=timezone.now())
    Macro.objects.filter(pk=macro.pk).update(uses=F("uses") + 1)
    return message
