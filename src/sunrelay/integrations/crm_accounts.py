"""Accounts and contacts from a CRM's CSV export (docs/integrations.md, "CRM import").

The shape (column mapping, CRM ids, rejected rows with line and reason, dry run) is
lib.csv_import's, shared with the opportunities' import (presales.crm_import). Here:

- Accounts are matched on their CRM id (a CrmRecord); an id seen for the first time adopts
  the account of the same name if one exists (made by hand or by mail), else creates one.
  Tier (Free, Basic, Pro, Enterprise, Partner; its value or its name), MRR and a web domain
  are updated when they differ; an account's other fields are the desk's.
- Contacts are matched on their CRM id, then on their e-mail address (adopted); their account
  is the account of the row's account CRM id, else of its account name, else the one owning
  their e-mail's domain.
- Every write goes through accounts.services (its rules and refusals, in words); the importer
  must be a lead.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.utils import timezone

from sunrelay.accounts import services as accounts
from sunrelay.accounts.models import Account, Contact, Tier
from sunrelay.integrations import access
from sunrelay.integrations.models import CrmKind, CrmRecord
from sunrelay.lib import csv_import
from sunrelay.lib.csv_import import CREATED, UNCHANGED, UPDATED, ImportReport

# Salesforce's account and contact reports' column names.
ACCOUNT_MAPPING = {
    "crm_id": "Account ID",
    "name": "Account Name",
    "tier": "Tier",
    "mrr": "MRR",
    "website": "Website",
}
CONTACT_MAPPING = {
    "crm_id": "Contact ID",
    "name": "Full Name",
    "email": "Email",
    "account_crm_id": "Account ID",
    "account": "Account Name",
}
MAPPINGS = {CrmKind.ACCOUNT: ACCOUNT_MAPPING, CrmKind.CONTACT: CONTACT_MAPPING}
REQUIRED = {CrmKind.ACCOUNT: ("crm_id", "name"), CrmKind.CONTACT: ("crm_id", "email")}
TIERS = {value: value for value in Tier.values} | {
    label.lower(): value for value, label in Tier.choices
}


def parse_mapping(kind: str, text: str) -> dict[str, str]:
    return csv_import.parse_mapping(text, MAPPINGS[kind])


def _tier(text: str) -> str | None:
    text = text.strip().lower()
    if not text:
        return None
    if text not in TIERS:
        raise ValueError(f"the tier “{text}” is none of {', '.join(Tier.labels)}")
    return TIERS[text]


def _mrr(text: str) -> Decimal | None:
    text = text.strip().replace(",", "").lstrip("$€£")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"the MRR “{text}” is not a number") from None


def _domain(text: str) -> str | None:
    text = text.strip().lower()
    if not text:
        return None
    host = urlsplit(text if "//" in text else f"//{text}").hostname or ""
    return host.removeprefix("www.") or None


def _record(kind: str, crm_id: str) -> CrmRecord | None:
    return CrmRecord.objects.filter(kind=kind, crm_id=crm_id).first()


def _remember(kind: str, crm_id: str, **target) -> None:
    CrmRecord.objects.create(kind=kind, crm_id=crm_id, imported_at=timezone.now(), **target)


def _changed(instance, fields: dict) -> dict:
    return {k: v for k, v in fields.items() if v is not None and getattr(instance, k) != v}


def import_account(user, row: dict[str, str], crm_id: str) -> str:
    name = row["name"].strip()
    if not name:
        raise ValueError("it has no account name")
    fields = {"name": name, "tier": _tier(row.get("tier", "")), "mrr": _mrr(row.get("mrr", ""))}
    domain = _domain(row.get("website", ""))
    record = _record(CrmKind.ACCOUNT, crm_id)
    account = record.account if record else Account.objects.filter(name__iexact=name).first()
    if account is None:
        made = accounts.create_account(
            actor=user,
            **{k: v for k, v in fields.items() if v is not None},
            domains=[domain] if domain else [],
        )
        _remember(CrmKind.ACCOUNT, crm_id, account=made)
        return CREATED
    if record is None:
        if CrmRecord.objects.filter(account=account).exists():
            raise ValueError(f"the account {account.name} has another CRM id here")
        _remember(CrmKind.ACCOUNT, crm_id, account=account)
    changes = _changed(account, fields)
    domains = list(account.domains.values_list("domain", flat=True))
    if domain and domain not in domains:
        changes["domains"] = [*domains, domain]
    if changes:
        accounts.update_account(account, user, **changes)
        return UPDATED
    return UPDATED if record is None else UNCHANGED


def _account_of(row: dict[str, str]) -> Account | None | object:
    account_crm_id = row.get("account_crm_id", "").strip()
    if account_crm_id:
        record = _record(CrmKind.ACCOUNT, account_crm_id)
        if record is None:
            raise ValueError(f"no account has the CRM id {account_crm_id}: import accounts first")
        return record.account
    name = row.get("account", "").strip()
    if name:
        account = Account.objects.filter(name__iexact=name).first()
        if account is None:
            raise ValueError(f"there is no account called “{name}”")
        return account
    return accounts.BY_DOMAIN


def import_contact(user, row: dict[str, str], crm_id: str) -> str:
    email = accounts.normalize_email(row["email"])
    if not email:
        raise ValueError("it has no e-mail address")
    name, account = row.get("name", "").strip(), _account_of(row)
    record = _record(CrmKind.CONTACT, crm_id)
    contact = record.contact if record else Contact.objects.filter(email__iexact=email).first()
    if contact is None:
        made = accounts.create_contact(actor=user, email=email, name=name, account=account)
        _remember(CrmKind.CONTACT, crm_id, contact=made)
        return CREATED
    if record is None:
        if CrmRecord.objects.filter(contact=contact).exists():
            raise ValueError(f"the contact {email} has another CRM id here")
        _remember(CrmKind.CONTACT, crm_id, contact=contact)
    fields = {"email": email, "name": name or None}
    if account is not accounts.BY_DOMAIN:
        fields["account"] = account
    changes = _changed(contact, fields)
    if changes:
        accounts.update_contact(contact, user, **changes)
        return UPDATED
    return UPDATED if record is None else UNCHANGED


IMPORTERS = {CrmKind.ACCOUNT: import_account, CrmKind.CONTACT: import_contact}


def import_csv(
    user,
    kind: str,
    text: str,
    mapping: dict[str, str] | None = None,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import accounts or contacts (`kind`) from the CSV `text` as `user` (a lead). Raises
    ValidationError only for the file as a whole; each row's trouble is a Rejected line.
    `progress(done, total)` after each row."""
    access.check_crm_import(user)
    rows = csv_import.read_rows(text, mapping or MAPPINGS[kind], REQUIRED[kind])
    importer = IMPORTERS[kind]
    return csv_import.run(
        rows,
        lambda row, crm_id: importer(user, row, crm_id),
        dry_run=dry_run,
        denied="you may not change accounts and contacts",
        progress=(lambda done: progress(done, len(rows))) if progress else None,
    )
