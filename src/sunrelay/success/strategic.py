"""Reasons besides the flag and the MRR share that put an account in the strategic segment,
offered by apps above success (which success never imports): a shared Slack channel, for one.

An app registers, in its AppConfig.ready(), a key, the words the pages show, and a function
returning a boolean query expression over accounts (e.g. an Exists). The expression is read
as an annotation of the query that already lists the accounts, so a reason adds no query.
A reason that is switched off by its own setting returns Value(False).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Expression, QuerySet


@dataclass(frozen=True)
class Reason:
    key: str
    words: str  # "a shared Slack channel": how the pages explain the star
    expression: Callable[[], Expression]

    @property
    def field(self) -> str:
        return f"strategic_because_{self.key}"


_REASONS: dict[str, Reason] = {}


def register(key: str, words: str, expression: Callable[[], Expression]) -> None:
    """Add (or replace: ready() may run twice in tests) the reason `key`."""
    _REASONS[key] = Reason(key, words, expression)


def reasons() -> list[Reason]:
    return list(_REASONS.values())


def annotate(accounts: QuerySet) -> QuerySet:
    """`accounts` with one boolean per registered reason (read them with `extra_reasons`)."""
    return accounts.annotate(**{r.field: r.expression() for r in reasons()})


def extra_reasons(account) -> list[str]:
    """The words of the registered reasons that hold for an account from `annotate`."""
    return [r.words for r in reasons() if getattr(account, r.field, False)]


def extra_reasons_of(account) -> list[str]:
    """The registered reasons that hold for one account: one query, none without reasons."""
    if not _REASONS:
        return []
    return extra_reasons(annotate(type(account).objects.filter(pk=account.pk)).get())
