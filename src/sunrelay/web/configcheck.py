"""Plain-words checks of Sunrelay's configuration, for `sunrelay check` and `sunrelay serve`."""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor


@dataclass(frozen=True)
class Finding:
    level: str  # "error" stops the server; "warning" does not
    text: str


def database_label() -> str:
    db = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        return f"SQLite file {db['NAME']}"
    return f"PostgreSQL database {db.get('NAME')} on {db.get('HOST') or 'local socket'}:{db.get('PORT') or 5432}"


def findings() -> list[Finding]:
    found = [Finding("error", text) for text in settings.CONFIG_ERRORS]
    from sunrelay.mail.checks import mail_findings

    found.extend(Finding(level, text) for level, text in mail_findings())
    from sunrelay.sso.checks import sso_findings

    found.extend(Finding(level, text) for level, text in sso_findings())
    try:
        connection.ensure_connection()
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        found.append(Finding("error", f"Cannot connect to the {database_label()}: {reason}"))
        return found
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        found.append(
            Finding(
                "error",
                f"{len(pending)} database migrations are not applied: run `sunrelay migrate`.",
            )
        )
    else:
        found.extend(_account_domain_findings())
        from sunrelay.slack.checks import slack_findings

        found.extend(Finding(level, text) for level, text in slack_findings())
    if settings.DEBUG and any(
        h not in {"127.0.0.1", "localhost", "[::1]"} for h in settings.ALLOWED_HOSTS
    ):
        found.append(
            Finding(
                "warning",
                "SUNRELAY_DEBUG is on while serving other hosts: it shows stack traces to anyone.",
            )
        )
    if not os.environ.get("SUNRELAY_SECRET_KEY"):
        found.append(
            Finding(
                "warning",
                f"SUNRELAY_SECRET_KEY is not set; using the key generated in {settings.DATA_DIR / 'secret_key'}."
                " Fine for one machine; set it when you run several.",
            )
        )
    return found


def _account_domain_findings() -> list[Finding]:
    """Account domains stored before public suffixes and mail services were refused: they
    still file strangers' mail under the account until someone removes them."""
    from sunrelay.accounts.domains import refusal
    from sunrelay.accounts.models import AccountDomain

    found = []
    for row in AccountDomain.objects.select_related("account").order_by("domain"):
        reason = refusal(row.domain)
        if reason:
            found.append(
                Finding("warning", f"Account {row.account.name} has the domain {reason} Remove it.")
            )
    return found
