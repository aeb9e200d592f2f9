"""The person paged and the ticket's assignee never silently differ.

When a page notifies someone other than the ticket's assignee, Sunrelay tells the assignee
once per run: an internal note on the ticket saying who was paged and why, and an e-mail
(through the outbox, with the acknowledge link). It does not reassign the ticket. A page
asks someone to look now, often at night and for minutes; moving the ticket at every page
would bring back the ownership churn that hand-offs avoid. Whoever acknowledges and takes
the work over assigns it to themselves, or the assignee hands it off.

The assignee's e-mail is a PagingNotification of the run like every page, under a key of
its own, so a step re-run after a crash tells nobody twice.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction

from sunrelay.desk import services as desk
from sunrelay.desk.models import EventKind
from sunrelay.lib.formatting import person
from sunrelay.mail.models import OutboxKind
from sunrelay.mail.notify import enqueue_mail
from sunrelay.paging import messages, tokens
from sunrelay.paging.models import Channel, NotificationState, PagingNotification, PagingRun


def tell(run: PagingRun, paged, index: int, pass_number: int, now: datetime) -> None:
    """`paged` was just notified for `run`: tell the ticket's assignee unless it is them, the
    ticket has none, or the run has notified them already. Call inside the step's
    transaction."""
    ticket = run.ticket
    assignee = ticket.assignee
    if assignee is None or paged is None or assignee.pk == paged.pk:
        return
    if PagingNotification.objects.filter(run=run, user=assignee).exists():
        return
    try:
        with transaction.atomic():
            note = PagingNotification.objects.create(
                run=run,
                key=f"run{run.pk}/assignee{assignee.pk}",
                pass_number=pass_number,
                step_index=index,
                channel=Channel.EMAIL,
                user=assignee,
                target=f"{person(assignee)} <{assignee.email}> (assignee)"[:300],
                state=NotificationState.QUEUED,
                created_at=now,
                next_attempt_at=now,
            )
    except IntegrityError:
        return  # told by a twin whose claim expired
    desk.system_note(
        ticket,
        f"Paged {person(paged)} about this ticket: {run.reason}\n"
        f"It stays assigned to {person(assignee)}, who is told by e-mail. Whoever takes the "
        "work over assigns it to themselves.",
        at=now,
    )
    subject, text = messages.assignee_email(run, paged, tokens.url(run.pk, assignee.pk))
    if assignee.email:
        note.outbox = enqueue_mail(
            OutboxKind.NOTIFICATION, to=[assignee.email], subject=subject, text=text, ticket=ticket
        )
    note.state = NotificationState.SENT if note.outbox else NotificationState.SKIPPED
    note.sent_at = now
    note.save(update_fields=["outbox", "state", "sent_at"])
    desk.record_event(
        ticket,
        EventKind.NOTIFIED,
        at=now,
        new={
            "run": run.pk,
            "notification": note.pk,
            "channel": note.channel,
            "target": note.target,
            "summary": f"Told the assignee, {person(assignee)}, that {person(paged)} was paged",
        },
    )
