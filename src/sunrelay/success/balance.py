"""Customer engineers' load against the band, the strategic segment, and rebalancing moves.

Pure functions over plain rows (no database), so the rules are tested on their own:

- The band is a number of accounts per CE, `low`..`high` inclusive (default 20-30).
- Strategic accounts are those flagged strategic, plus, when `share` is above 0, the
  accounts carrying the top `share` % of all MRR (biggest first, the one that crosses the line
  included). A $1,800/year customer never joins them by accident: only by its flag.
  Apps above success add reasons of their own (success.strategic: a shared Slack channel);
  they reach this rule as the row's `extra` words.
- Moves take a CE over the band down to `high`, and bring a CE under the band up to `low`
  from whoever has the most accounts above `low`. Strategic accounts stay where they are (a
  stable pairing matters most there); the smallest accounts move first. The receiver already
  paired with the account's AE is chosen first, so AE pairs stay together when possible;
  otherwise the one with the fewest accounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class AccountRow:
    id: int
    name: str
    mrr: Decimal
    strategic: bool
    ae_id: int | None
    ce_id: int | None
    extra: tuple[str, ...] = ()  # the registered reasons that hold (success.strategic)


@dataclass(frozen=True)
class Move:
    account: AccountRow
    from_ce: int
    to_ce: int
    reason: str


def strategic_ids(accounts: list[AccountRow], share: int) -> set[int]:
    """Flagged accounts, those with a registered reason, and those carrying the top `share` %
    of MRR (0: flags and registered reasons only)."""
    return set(strategic_reasons(accounts, share))


def strategic_reasons(accounts: list[AccountRow], share: int) -> dict[int, list[str]]:
    """Each strategic account's reasons in words, for the pages that explain the star."""
    chosen: dict[int, list[str]] = {}
    for account in accounts:
        words = (["flagged strategic"] if account.strategic else []) + list(account.extra)
        if words:
            chosen[account.id] = words
    total = sum((a.mrr for a in accounts), Decimal(0))
    if share <= 0 or total <= 0:
        return chosen
    line = total * Decimal(min(share, 100)) / 100
    carried = Decimal(0)
    for account in sorted(accounts, key=lambda a: (-a.mrr, a.id)):
        if carried >= line or account.mrr <= 0:
            break
        chosen.setdefault(account.id, []).append(f"among the top {min(share, 100)} % of MRR")
        carried += account.mrr
    return chosen


def state(count: int, low: int, high: int) -> str:
    """ "under", "within" or "over" the band."""
    if count < low:
        return "under"
    return "over" if count > high else "within"


def suggest_moves(
    accounts: list[AccountRow], engineers: list[int], low: int, high: int, strategic: set[int]
) -> list[Move]:
    """Moves that bring every CE in `engineers` into the band, as far as accounts allow."""
    held: dict[int, list[AccountRow]] = {ce: [] for ce in engineers}
    for account in accounts:
        if account.ce_id in held:
            held[account.ce_id].append(account)
    moves: list[Move] = []

    def movable(ce: int) -> list[AccountRow]:
        rows = [a for a in held[ce] if a.id not in strategic]
        return sorted(rows, key=lambda a: (a.mrr, a.id))

    def move(account: AccountRow, giver: int, receiver: int, reason: str) -> None:
        held[giver].remove(account)
        held[receiver].append(account)
        moves.append(Move(account, giver, receiver, reason))

    def best_receiver(account: AccountRow, giver: int) -> int | None:
        room = [ce for ce in engineers if ce != giver and len(held[ce]) < high]
        if not room:
            return None
        paired = [ce for ce in room if any(a.ae_id == account.ae_id for a in held[ce])]
        pool = paired if account.ae_id is not None and paired else room
        return min(pool, key=lambda ce: (len(held[ce]) >= low, len(held[ce]), ce))

    for giver in engineers:
        for account in movable(giver):
            if len(held[giver]) <= high:
                break
            receiver = best_receiver(account, giver)
            if receiver is None:
                break
            move(account, giver, receiver, f"over the band ({high} accounts at most)")
    for receiver in engineers:
        while len(held[receiver]) < low:
            givers = [ce for ce in engineers if ce != receiver and len(held[ce]) > low]
            givers = [ce for ce in givers if movable(ce)]
            if not givers:
                break
            giver = max(givers, key=lambda ce: (len(held[ce]), -ce))
            candidates = movable(giver)
            paired = [a for a in candidates if any(b.ae_id == a.ae_id for b in held[receiver])]
            account = (paired or candidates)[0]
            move(account, giver, receiver, f"under the band ({low} accounts at least)")
    return moves
