"""The demo's linked bugs: the tickets the story reported as product bugs carry links to GitHub
issues of the product's repository (demo/texts.py); the bulk loader sends no desk signals, so
they are linked here, each once (integrations.bugs.follow_link writes no ticket event: the
histories stay as the story wrote them). Nothing is fixed: a fix writes a note on every linked
ticket. Created once (skipped when a bug exists)."""

from __future__ import annotations

import csv
import io
import secrets
from collections import Counter

from django.contrib.auth import get_user_model
from django.utils import timezone

from sunrelay.accounts.models import Account, Contact
from sunrelay.desk.models import Ticket
from sunrelay.integrations import bugs, crm_accounts
from sunrelay.integrations.models import (
    Bug,
    CrmKind,
    CrmRecord,
    LinkKind,
    LinkPattern,
    TicketLink,
    Webhook,
    WebhookFormat,
)
from sunrelay.team.models import Role


def load_integrations(created: Counter) -> None:
    if Bug.objects.exists():
        return
    for ticket in Ticket.objects.exclude(bug_url="").order_by("id").iterator():
        bugs.follow_link(ticket, at=ticket.updated_at)
    created["linked bugs"] += Bug.objects.count()


# Chat channels: the desk's urgent channel, and engineering's for its own tickets. Their URLs
# are on a reserved domain (RFC 2606): the worker's attempts fail and show in the log.
CHANNELS = (
    ("#support-urgent", ["ticket.urgent", "sla.breached", "ticket.handed_off"], [], []),
    ("#eng-escalations", ["ticket.urgent", "sla.breached"], ["engineering"], []),
    ("#enterprise-desk", ["sla.warning", "sla.breached"], [], ["enterprise"]),
)
PATTERNS = (
    ("Sentry", LinkKind.ERROR, "https://sentry.example.com/organizations/maps/issues/{id}/", ""),
    ("Log search", LinkKind.LOG_SEARCH, "https://logs.example.com/search?q=ticket%3A{id}", ""),
    ("Tile service dashboard", LinkKind.DASHBOARD, "https://grafana.example.com/d/{id}", "l2"),
)


def load_chat_and_links(created: Counter) -> None:
    """Chat channels, each team's link patterns, and a Sentry link on every ticket reported as
    a product bug. Created once (skipped when a chat channel exists)."""
    if Webhook.objects.filter(format=WebhookFormat.SLACK).exists():
        return
    now = timezone.now()
    for name, events, levels, tiers in CHANNELS:
        Webhook.objects.create(
            name=name,
            url=f"https://chat.example.invalid/hooks/{name.strip('#')}",
            secret=secrets.token_urlsafe(32),
            events=events,
            levels=levels,
            tiers=tiers,
            format=WebhookFormat.SLACK,
            created_at=now,
        )
    made = [
        LinkPattern.objects.create(name=name, kind=kind, pattern=url, level=level, created_at=now)
        for name, kind, url, level in PATTERNS
    ]
    sentry = made[0]
    links = [
        TicketLink(
            ticket=ticket,
            kind=sentry.kind,
            url=sentry.pattern.replace("{id}", str(4000 + ticket.pk)),
            label=str(4000 + ticket.pk),
            pattern=sentry,
            added_by=ticket.assignee,
            added_at=ticket.updated_at,
        )
        for ticket in Ticket.objects.exclude(bug_url="").order_by("id")
    ]
    TicketLink.objects.bulk_create(links)
    created["chat channels"] += len(CHANNELS)
    created["link patterns"] += len(made)
    created["typed links"] += len(links)


def crm_exports() -> tuple[str, str]:
    """The CRM's accounts and contacts, as its CSV exports would list them (Salesforce's
    columns, integrations.crm_accounts): every account, and up to 500 contacts with one."""
    accounts = io.StringIO()
    rows = csv.writer(accounts)
    rows.writerow(crm_accounts.ACCOUNT_MAPPING.values())
    for account in Account.objects.order_by("id").prefetch_related("domains"):
        website = next((d.domain for d in account.domains.all()), "")
        rows.writerow([f"001-{account.pk:05d}", account.name, account.tier, account.mrr, website])
    contacts = io.StringIO()
    rows = csv.writer(contacts)
    rows.writerow(crm_accounts.CONTACT_MAPPING.values())
    for contact in Contact.objects.exclude(account=None).order_by("id")[:500]:
        crm_id, account_crm_id = f"003-{contact.pk:05d}", f"001-{contact.account_id:05d}"
        rows.writerow([crm_id, contact.name, contact.email, account_crm_id, ""])
    return accounts.getvalue(), contacts.getvalue()


def load_crm(created: Counter) -> None:
    """The CRM's exports imported once by a lead, as `sunrelay crm import` would: every
    account and those contacts get their CRM ids (adopted: nothing else changes)."""
    lead = get_user_model().objects.filter(staff_roles__role=Role.LEAD).order_by("id").first()
    if lead is None or CrmRecord.objects.exists():
        return
    accounts_csv, contacts_csv = crm_exports()
    for kind, text in ((CrmKind.ACCOUNT, accounts_csv), (CrmKind.CONTACT, contacts_csv)):
        report = crm_accounts.import_csv(lead, kind, text)
        created[f"CRM {kind}s imported"] += len(report.created) + len(report.updated)
