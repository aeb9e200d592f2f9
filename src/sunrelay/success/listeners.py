"""Customer engineering listens to accounts: every change of an account's team, wherever it
was made (the team page, the account page, the API), leaves its history row."""

from __future__ import annotations

from django.dispatch import receiver

from sunrelay.accounts.signals import team_changed
from sunrelay.success import teams


@receiver(team_changed, dispatch_uid="success-team-history")
def _record_team_change(sender, account, actor, reason, at, **kwargs) -> None:
    teams.record(account, actor, reason, at)
