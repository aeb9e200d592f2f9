"""Account teams: pairing an AE and a CE on an account (with its history) and each CE's
capacity against the band, with the moves that would rebalance it (rules: success.balance)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from sunrelay.accounts.models import Account
from sunrelay.desk.models import UNSOLVED_STATUSES, Ticket
from sunrelay.lib.formatting import person
from sunrelay.success import access, balance
from sunrelay.success.models import MAX_LINE, TeamChange
from sunrelay.team.models import Role
from sunrelay.team.roles import holders, roles_of


def _check_role(user, role: str, field_name: str, words: str) -> None:
    if user is not None and (not user.is_active or role not in roles_of(user)):
        raise ValidationError({field_name: f"{person(user)} is not an active {words}."})


def pair(account: Account, actor, *, ae, ce, reason: str = "", at=None) -> TeamChange | None:
    """Make `ae` and `ce` the account's team (None: nobody), recording who, when and why.

    Leads only. Refuses an AE without the sales role and a CE without the customer
    engineer role, in words. Nothing is written when the team stays the same: None then.
    """
    access.check_can_pair(actor)
    _check_role(ae, Role.SALES, "ae", "account executive")
    _check_role(ce, Role.CUSTOMER, "ce", "customer engineer")
    reason = " ".join(reason.split())
    if len(reason) > MAX_LINE:
        raise ValidationError({"reason": f"Say why in {MAX_LINE} characters at most."})
    ae_id, ce_id = getattr(ae, "pk", None), getattr(ce, "pk", None)
    with transaction.atomic():
        account = Account.objects.select_for_update().get(pk=account.pk)
        if (account.ae_id, account.ce_id) == (ae_id, ce_id):
            return None
        Account.objects.filter(pk=account.pk).update(ae_id=ae_id, ce_id=ce_id)
        return TeamChange.objects.create(
            account=account,
            ae_id=ae_id,
            ce_id=ce_id,
            changed_by=actor,
            changed_at=at or timezone.now(),
            reason=reason,
        )


def history(account: Account):
    """The account's team changes, newest first."""
    return TeamChange.objects.filter(account=account).select_related("ae", "ce", "changed_by")


@dataclass
class EngineerLoad:
    """One CE's accounts and what they carry."""

    user: object
    accounts: list = field(default_factory=list)
    mrr: Decimal = Decimal(0)
    strategic: int = 0
    open_tickets: int = 0
    breaches: int = 0
    state: str = "within"


@dataclass
class Capacity:
    low: int
    high: int
    engineers: list[EngineerLoad]
    unpaired: list  # accounts without a CE
    moves: list[MoveRow]
    strategic_ids: set[int]


@dataclass(frozen=True)
class MoveRow:
    """A suggested move as the page and the API show it."""

    account: Account
    from_user: object
    to_user: object
    reason: str


def capacity(user) -> Capacity:
    """Every CE's load over the accounts `user` may see, against the band. Four queries."""
    low, high = settings.CE_ACCOUNTS_LOW, settings.CE_ACCOUNTS_HIGH
    accounts = list(
        access.team_accounts(user, Account.objects.all())
        .annotate(
            open_count=Count("tickets", filter=Q(tickets__status__in=UNSOLVED_STATUSES)),
        )
        .select_related("ae", "ce")
        .order_by("name")
    )
    breached = dict(
        Ticket.objects.filter(
            account__in=[a.pk for a in accounts],
            status__in=UNSOLVED_STATUSES,
            slas__breached_at__isnull=False,
        )
        .values("account")
        .annotate(n=Count("id", distinct=True))
        .values_list("account", "n")
    )
    rows = [
        balance.AccountRow(a.pk, a.name, a.mrr, a.strategic, a.ae_id, a.ce_id) for a in accounts
    ]
    strategic = balance.strategic_ids(rows, settings.STRATEGIC_MRR_SHARE)
    engineers = {u.pk: EngineerLoad(u) for u in holders(Role.CUSTOMER)}
    unpaired = []
    for account in accounts:
        load = engineers.get(account.ce_id)
        if load is None:
            unpaired.append(account)
            continue
        load.accounts.append(account)
        load.mrr += account.mrr
        load.strategic += account.pk in strategic
        load.open_tickets += account.open_count
        load.breaches += breached.get(account.pk, 0)
    for load in engineers.values():
        load.state = balance.state(len(load.accounts), low, high)
    by_id = {a.pk: a for a in accounts}
    moves = [
        MoveRow(by_id[m.account.id], engineers[m.from_ce].user, engineers[m.to_ce].user, m.reason)
        for m in balance.suggest_moves(rows, list(engineers), low, high, strategic)
    ]
    return Capacity(low, high, list(engineers.values()), unpaired, moves, strategic)
