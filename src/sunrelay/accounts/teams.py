"""The people of the account teams: who is account executive (AE) or customer engineer (CE)
of at least one account."""

from __future__ import annotations

from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from sunrelay.accounts.models import Account


class TeamMember(NamedTuple):
    user: object
    is_ae: bool
    is_ce: bool


def account_team_people() -> list[TeamMember]:
    """Everyone who is AE or CE of an account, by name, with which of the two: one query."""
    as_ae = Exists(Account.objects.filter(ae=OuterRef("pk")))
    as_ce = Exists(Account.objects.filter(ce=OuterRef("pk")))
    people = (
        get_user_model()
        .objects.annotate(is_ae=as_ae, is_ce=as_ce)
        .filter(as_ae | as_ce)
        .order_by("first_name", "last_name", "username")
    )
    return [TeamMember(u, u.is_ae, u.is_ce) for u in people]
