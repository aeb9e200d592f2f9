"""Bug links that close the loop: each ticket's bug link is kept as a BugLink to its issue;
when the issue is fixed (closed, or named in a release) every linked ticket is marked fixed
(an internal note says what fixed it) and a notice to its requester is drafted from the
template below. An agent reviews and sends it, one e-mail through the outbox threaded in the
ticket's conversation; with SUNRELAY_BUG_NOTICE_AUTO_SEND it goes at once. A fix reported
twice (trackers deliver again) changes nothing the second time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from string import Template

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.desk.models import Ticket
from sunrelay.desk.services import system_note
from sunrelay.integrations import access
from sunrelay.integrations.models import Bug, BugLink, BugNotice, BugState, NoticeState
from sunrelay.integrations.trackers import IssueRef, parse
from sunrelay.lib.mailable import is_mailable
from sunrelay.mail.models import OutboxKind
from sunrelay.mail.notify import enqueue_mail

SUBJECT = "Fixed: $subject"
BODY = """Hello $name,

You wrote to us about "$subject" (ticket #$ticket). It was caused by a bug in our product,
and that bug is now fixed: $fixed_by.

If you still see the problem, reply to this e-mail and we will look at it again.

The support team
"""
# The placeholders a reviewer may use in the subject and body.
PLACEHOLDERS = ("$name", "$subject", "$ticket", "$bug", "$fixed_by")


def bug_for(ref: IssueRef, *, at: datetime, create: bool = True) -> Bug | None:
    found = Bug.objects.filter(
        tracker=ref.tracker, host=ref.host, project=ref.project, number=ref.number
    ).first()
    if found is None and create:
        found, _ = Bug.objects.get_or_create(
            tracker=ref.tracker,
            host=ref.host,
            project=ref.project,
            number=ref.number,
            defaults={"url": ref.url, "created_at": at},
        )
    return found


@transaction.atomic
def follow_link(ticket: Ticket, *, at: datetime | None = None) -> BugLink | None:
    """Make the ticket's BugLink match its bug link: a GitHub or GitLab issue is linked (a
    Bug row made on first sight); another link, or none, removes the ticket's link."""
    at = at or timezone.now()
    ref = parse(ticket.bug_url)
    current = BugLink.objects.filter(ticket=ticket).select_related("bug").first()
    if ref is None:
        if current is not None:
            current.delete()
        return None
    bug = bug_for(ref, at=at)
    if current is not None and current.bug_id == bug.pk:
        return current
    if current is not None:
        current.delete()
    return BugLink.objects.create(ticket=ticket, bug=bug, linked_at=at)


def fixed(ref: IssueRef, reason: str, *, at: datetime | None = None) -> Bug | None:
    """The issue was fixed: mark its bug and every linked ticket, draft each requester's
    notice (sent at once when the team configured it). None when no ticket links it."""
    at = at or timezone.now()
    with transaction.atomic():
        bug = bug_for(ref, at=at, create=False)
        if bug is None:
            return None
        bug = Bug.objects.select_for_update().get(pk=bug.pk)
        if bug.state != BugState.FIXED:
            bug.state, bug.fixed_by, bug.fixed_at = BugState.FIXED, reason[:300], at
            bug.save(update_fields=["state", "fixed_by", "fixed_at"])
        links = bug.links.filter(fixed_at__isnull=True).select_related(
            "ticket__requester", "ticket__account"
        )
        drafted = []
        for link in links:
            link.fixed_at = at
            link.save(update_fields=["fixed_at"])
            system_note(link.ticket, f"The linked bug {bug} is fixed: {bug.fixed_by}.", at=at)
            drafted.append(draft(link))
    if settings.BUG_NOTICE_AUTO_SEND:
        for notice in drafted:
            send(None, notice, subject=notice.subject, body=notice.body)
    return bug


@transaction.atomic
def reopened(ref: IssueRef) -> Bug | None:
    """The issue was reopened: the bug is open again and its unsent notices are dropped."""
    bug = bug_for(ref, at=timezone.now(), create=False)
    if bug is None:
        return None
    bug.state, bug.fixed_by, bug.fixed_at = BugState.OPEN, "", None
    bug.save(update_fields=["state", "fixed_by", "fixed_at"])
    BugNotice.objects.filter(link__bug=bug, state=NoticeState.DRAFT).update(
        state=NoticeState.DISCARDED
    )
    bug.links.update(fixed_at=None)
    return bug


def draft(link: BugLink) -> BugNotice:
    notice, _ = BugNotice.objects.get_or_create(
        link=link,
        defaults={
            "subject": SUBJECT,
            "body": BODY,
            "to": link.ticket.requester.email,
            "drafted_at": link.fixed_at or timezone.now(),
        },
    )
    if notice.state == NoticeState.DISCARDED:  # fixed again after a reopening
        notice.state = NoticeState.DRAFT
        notice.save(update_fields=["state"])
    return notice


def render(text: str, link: BugLink) -> str:
    ticket, bug = link.ticket, link.bug
    values = {
        "name": ticket.requester.name or ticket.requester.email,
        "subject": ticket.subject,
        "ticket": str(ticket.pk),
        "bug": str(bug),
        "fixed_by": bug.fixed_by or "fixed",
    }
    return Template(text).safe_substitute(values)


def send(user, notice: BugNotice, *, subject: str, body: str) -> bool:
    """Review done (user None: the team's automatic sending): queue the notice to the
    ticket's requester, threaded in its conversation. False when the address cannot be
    mailed (the notice is then marked not sent)."""
    if user is not None:
        access.check_notify(user)
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise ValidationError("The notice needs a subject and a body.")
    with transaction.atomic():
        notice = (
            BugNotice.objects.select_for_update()
            .select_related("link__ticket__requester", "link__bug")
            .get(pk=notice.pk)
        )
        if notice.state != NoticeState.DRAFT:
            raise ValidationError("This notice was already sent or dropped.")
        link, ticket = notice.link, notice.link.ticket
        address = ticket.requester.email
        queued = is_mailable(address) and enqueue_mail(
            OutboxKind.NOTICE,
            [address],
            render(subject, link),
            render(body, link) + "\n",
            ticket=ticket,
            threaded=True,
        )
        notice.subject, notice.body, notice.reviewed_by = subject, body, user
        if queued:
            notice.state, notice.sent_at, notice.to = NoticeState.SENT, timezone.now(), address
            system_note(ticket, f"Told {address} that the bug {link.bug} is fixed.", author=user)
        else:
            notice.state = NoticeState.DISCARDED
        notice.save()
    return bool(queued)


@transaction.atomic
def discard(user, notice: BugNotice) -> None:
    access.check_notify(user)
    updated = BugNotice.objects.filter(pk=notice.pk, state=NoticeState.DRAFT).update(
        state=NoticeState.DISCARDED, reviewed_by=user
    )
    if not updated:
        raise ValidationError("This notice was already sent or dropped.")


@dataclass
class Affected:
    links: list[BugLink]
    accounts: list
    mrr: Decimal


def affected(user, bug: Bug) -> Affected:
    """The bug's tickets (those `user` may see), their accounts once each and those
    accounts' monthly recurring revenue together."""
    links = list(
        access.visible_links(user, bug.links.all())
        .select_related("ticket__account", "ticket__requester", "notice")
        .order_by("ticket_id")
    )
    accounts = {link.ticket.account_id: link.ticket.account for link in links}
    found = [a for a in accounts.values() if a is not None]
    found.sort(key=lambda a: (-a.mrr, a.name))
    return Affected(links, found, sum((a.mrr for a in found), Decimal(0)))
