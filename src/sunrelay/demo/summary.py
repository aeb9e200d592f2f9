"""What `sunrelay demo` prints at the end: where to go, how to log in, what is there."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.contrib.auth.models import User
from django.urls import NoReverseMatch, reverse
from rich.console import Console
from rich.table import Table

from sunrelay.accounts.models import Account, Contact
from sunrelay.demo.people import DEMO_PASSWORD
from sunrelay.demo.plan import DemoPlan
from sunrelay.demo.portal import portal_contacts
from sunrelay.desk.models import Message, Ticket, TicketEvent
from sunrelay.team.models import Role, StaffProfile

API_DOCS_FALLBACK = "/api/v1/docs"


def _url(name: str, fallback: str) -> str:
    try:
        path = reverse(name)
    except (NoReverseMatch, ImportError):
        path = fallback
    return settings.BASE_URL.rstrip("/") + path


def row_counts() -> dict[str, int]:
    return {
        "staff": StaffProfile.objects.count(),
        "accounts": Account.objects.count(),
        "contacts": Contact.objects.count(),
        "tickets": Ticket.objects.count(),
        "messages": Message.objects.count(),
        "events": TicketEvent.objects.count(),
    }


def login_table(plan: DemoPlan) -> Table:
    table = Table(title=f"Demo log-ins (password for all: {DEMO_PASSWORD})", title_justify="left")
    for column in ("username", "name", "roles", "city", "password"):
        table.add_column(column)
    present = set(
        User.objects.filter(username__in=[m.username for m in plan.staff]).values_list(
            "username", flat=True
        )
    )
    for member in plan.staff:
        if member.username not in present:
            continue
        roles = ", ".join(Role(r).label for r in member.roles)
        if member.superuser:
            roles += " (admin)"
        table.add_row(member.username, member.full_name, roles, member.city, DEMO_PASSWORD)
    return table


def portal_table(plan: DemoPlan) -> Table:
    mail_out = "the SMTP relay" if settings.MAIL_RELAY_HOST else f"{settings.MAIL_OUT_DIR}/"
    table = Table(
        title=f"Customer portal ({_url('portal:home', '/portal/')}): sign in with the e-mailed "
        f"link, which the worker writes to {mail_out}",
        title_justify="left",
    )
    for column in ("contact", "name", "account", "sees"):
        table.add_column(column)
    for contact in portal_contacts(plan):
        table.add_row(contact.email, contact.name, contact.account, contact.sees)
    return table


def print_summary(console: Console, plan: DemoPlan, created: Counter, seconds: float) -> None:
    made = ", ".join(f"{n:,} {what}" for what, n in created.items() if n) or "nothing new"
    console.print(
        f"Demo loaded in {seconds:.1f} s (seed {plan.seed!r}, anchor "
        f"{plan.anchor:%Y-%m-%d %H:%M} UTC): created {made}."
    )
    console.print()
    console.print(f"  Web:      {settings.BASE_URL}")
    console.print(f"  Admin:    {_url('admin:index', '/admin/')}")
    console.print(f"  API docs: {_url('api:openapi-view', API_DOCS_FALLBACK)}")
    console.print()
    console.print(login_table(plan))
    console.print(portal_table(plan))
    numbers = row_counts()
    counts = Table(title="Rows in the database", title_justify="left")
    for name in numbers:
        counts.add_column(name, justify="right")
    counts.add_row(*(f"{n:,}" for n in numbers.values()))
    console.print(counts)
