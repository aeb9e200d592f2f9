"""Account teams: pairing an AE and a CE on an account (with its history) and each CE's
capacity against the band, with the moves that would rebalance it (rules: success.balance)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q

from sunrelay.accounts import services as account_services
from sunrelay.accounts.models import Account
from sunrelay.desk.models import UNSOLVED_STATUSES, Ticket
from sunrelay.success import access, balance, strategic
from sunrelay.success.models import MAX_LINE, TeamChange
from sunrelay.team.models import Role
from sunrelay.team.roles import holders


def pair(account: Account, actor, *, ae, ce, reason: str = "", at=None) -> TeamChange | None:
    """Make `ae` and `ce` the account's team (None: nobody), recording who, when and why.

    The rules (leads only, the roles each side holds) are accounts.services.change_team's;
    the history row is written by success.listeners. None when the team stays the same.
    """
    reason = " ".join(reason.split())
    if len(reason) > MAX_LINE:
        raise ValidationError({"reason": f"Say why in {MAX_LINE} characters at most."})
    with transaction.atomic():
        if not account_services.change_team(account, actor, ae=ae, ce=ce, reason=reason, at=at):
            return None
        return TeamChange.objects.filter(account=account).order_by("-id").first()


def record(account: Account, actor, reason: str, at) -> TeamChange:
    """The history row of a team change (accounts.signals.team_changed)."""
    return TeamChange.objects.create(
        account=account,
        ae_id=account.ae_id,
        ce_id=account.ce_id,
        changed_by=actor,
        changed_at=at,
        reason=" ".join(reason.split())[:MAX_LINE],
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
    # Why each strategic account is strategic, in words (the star's explanation).
    strategic_why: dict[int, str] = field(default_factory=dict)


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
        strategic.annotate(access.team_accounts(user, Account.objects.all()))
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
        balance.AccountRow(
            a.pk, a.name, a.mrr, a.strategic, a.ae_id, a.ce_id, tuple(strategic.extra_reasons(a))
        )
        for a in accounts
    ]
    why = balance.strategic_reasons(rows, settings.STRATEGIC_MRR_SHARE)
    strategic_ids = set(why)
    engineers = {u.pk: EngineerLoad(u) for u in holders(Role.CUSTOMER)}
    unpaired = []
    for account in accounts:
        load = engineers.get(account.ce_id)
        if load is None:
            unpaired.append(account)
            continue
        load.accounts.append(account)
        load.mrr += account.mrr
        load.strategic += account.pk in strategic_ids
        load.open_tickets += account.open_count
        load.breaches += breached.get(account.pk, 0)
    for load in engineers.values():
        load.state = balance.state(len(load.accounts), low, high)
    by_id = {a.pk: a for a in accounts}
    moves = [
        MoveRow(by_id[m.account.id], engineers[m.from_ce].user, engineers[m.to_ce].user, m.reason)
        for m in balance.suggest_moves(rows, list(engineers), low, high, strategic_ids)
    ]
    words = {pk: "Strategic: " + ", ".join(reasons) for pk, reasons in why.items()}
    for account in accounts:
        account.strategic_why = words.get(account.pk, "")
    return Capacity(low, high, list(engineers.values()), unpaired, moves, strategic_ids, words)
