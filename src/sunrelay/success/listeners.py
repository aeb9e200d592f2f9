"""Customer engineering listens to accounts and the desk: every change of an account's team,
wherever it was made (the team page, the account page, the API), leaves its history row; a
public reply of the account's AE or CE is a touch of its contact cadence."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.dispatch import receiver

from sunrelay.accounts.signals import team_changed
from sunrelay.desk.models import EventKind, TicketEvent
from sunrelay.desk.signals import ticket_changed
from sunrelay.success import cadence, teams


@receiver(team_changed, dispatch_uid="success-team-history")
def _record_team_change(sender, account, actor, reason, at, **kwargs) -> None:
    teams.record(account, actor, reason, at)


@receiver(ticket_changed, dispatch_uid="success-touch-from-replies")
def _touch_from_reply(sender, ticket, events: list[TicketEvent], **kwargs) -> None:
    if ticket.account_id is None:
        return
    for event in events:
        if event.kind == EventKind.REPLIED and event.actor_user_id is not None:
            on = event.at.astimezone(
                ZoneInfo(ticket.account.time_zone)
            ).date()  # the customer's day
            cadence.seen_reply(ticket.account, event.actor_user, on, ticket)
