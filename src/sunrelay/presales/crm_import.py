"""Opportunities from a CRM's CSV export (docs/presales.md, "Importing from the CRM").

Each row is matched on its CRM id: a new id opens an opportunity, a known one updates what
changed (through presales.editing, so the history names it), an identical one is left alone;
importing the same file twice changes nothing the second time. A row that cannot be imported
is rejected with its line and the reason in words, and the others go on. A dry run says what
would happen and writes nothing.

The columns are named by a mapping (field -> the export's column); DEFAULT_MAPPING has the
names of a Salesforce opportunity report. Stages are read by STAGES (the CRM's words, lower
case); a deal closed in the CRM is rejected — its outcome is recorded here, with why.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sunrelay.accounts.models import Account
from sunrelay.lib import bounds
from sunrelay.presales import access, editing, services
from sunrelay.presales.models import Opportunity, Stage

DEFAULT_MAPPING = {
    "crm_id": "Opportunity ID",
    "name": "Opportunity Name",
    "account": "Account Name",
    "stage": "Stage",
    "amount": "Amount",
    "currency": "Currency",
    "close_date": "Close Date",
    "crm_url": "URL",
}
REQUIRED = ("crm_id", "name", "account")
STAGES = {
    "prospecting": Stage.DISCOVERY,
    "qualification": Stage.DISCOVERY,
    "needs analysis": Stage.DISCOVERY,
    "discovery": Stage.DISCOVERY,
    "value proposition": Stage.EVALUATION,
    "id. decision makers": Stage.EVALUATION,
    "perception analysis": Stage.EVALUATION,
    "technical evaluation": Stage.EVALUATION,
    "evaluation": Stage.EVALUATION,
    "proposal/price quote": Stage.PROPOSAL,
    "proposal": Stage.PROPOSAL,
    "negotiation/review": Stage.NEGOTIATION,
    "negotiation": Stage.NEGOTIATION,
}
CLOSED_WORDS = ("closed won", "closed lost", "won", "lost")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y")
MAX_ROWS = 5000


@dataclass
class Rejected:
    line: int  # the file's line, the header being line 1
    crm_id: str
    reason: str


@dataclass
class ImportReport:
    dry_run: bool
    created: list[str] = field(default_factory=list)  # CRM ids
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    def sentence(self) -> str:
        would = "would be " if self.dry_run else ""
        return (
            f"{len(self.created)} {would}created, {len(self.updated)} {would}updated, "
            f"{len(self.unchanged)} unchanged, {len(self.rejected)} rejected"
            + (" (dry run: nothing written)." if self.dry_run else ".")
        )


def parse_mapping(text: str) -> dict[str, str]:
    """ "name=Deal, amount=Value" (or one a line) over DEFAULT_MAPPING; ValueError in words."""
    mapping = dict(DEFAULT_MAPPING)
    for part in text.replace("\n", ",").split(","):
        if not part.strip():
            continue
        key, sep, column = part.partition("=")
        key = key.strip()
        if not sep or key not in DEFAULT_MAPPING or not column.strip():
            raise ValueError(
                f"“{part.strip()}” is not field=Column with a field of "
                + ", ".join(DEFAULT_MAPPING)
                + "."
            )
        mapping[key] = column.strip()
    return mapping


def _day(text: str) -> date | None:
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            day = datetime.strptime(text, pattern).replace(tzinfo=UTC).date()
        except ValueError:
            continue
        return bounds.check_day(day)
    raise ValueError(f"the close date “{text}” is not a date such as 2026-12-31")


def _fields(row: dict[str, str]) -> dict:
    """The opportunity's fields from one mapped row; ValueError with the reason in words."""
    stage_text = row.get("stage", "").strip().lower()
    if stage_text in CLOSED_WORDS:
        raise ValueError("the deal is closed in the CRM: record its outcome here, with why")
    if stage_text and stage_text not in STAGES:
        raise ValueError(f"the stage “{row['stage']}” is not one we know")
    amount_text = row.get("amount", "").strip().replace(",", "") or "0"
    try:
        amount = Decimal(amount_text)
    except InvalidOperation:
        raise ValueError(f"the amount “{row['amount']}” is not a number") from None
    fields = {
        "name": row["name"].strip(),
        "stage": STAGES.get(stage_text, Stage.DISCOVERY),
        "amount": amount,
        "close_date": _day(row.get("close_date", "").strip()),
        "crm_url": row.get("crm_url", "").strip(),
    }
    if row.get("currency", "").strip():
        fields["currency"] = row["currency"].strip()
    return fields


def _rows(text: str, mapping: dict[str, str]) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    missing = [mapping[key] for key in REQUIRED if mapping[key] not in header]
    if missing:
        raise ValidationError(
            "The file has no column "
            + ", ".join(f"“{m}”" for m in missing)
            + (f"; its columns are {', '.join(header)}." if header else "; it is empty.")
        )
    rows = []
    for row in reader:
        if len(rows) >= MAX_ROWS:
            raise ValidationError(f"Import at most {MAX_ROWS} rows at a time.")
        mapped = {key: (row.get(column) or "") for key, column in mapping.items()}
        rows.append((reader.line_num, mapped))
    return rows


def import_csv(user, text: str, mapping: dict[str, str] | None = None, *, dry_run=False):
    """Import the CSV `text` as `user` (who may open opportunities on each row's account,
    presales.access). Raises ValidationError only for the file as a whole (a column missing);
    every row's trouble is a Rejected line of the report."""
    access.check_may_sell(user)
    mapping = mapping or DEFAULT_MAPPING
    rows = _rows(text, mapping)
    accounts = {a.name.lower(): a for a in Account.objects.all()}
    report = ImportReport(dry_run=dry_run)
    seen: set[str] = set()
    with transaction.atomic():
        for line, row in rows:
            crm_id = row["crm_id"].strip()
            try:
                _import_row(user, row, crm_id, accounts, seen, report)
            except ValueError as exc:
                report.rejected.append(Rejected(line, crm_id, str(exc)))
            except ValidationError as exc:
                report.rejected.append(Rejected(line, crm_id, " ".join(exc.messages)))
            except PermissionDenied:
                reason = "you may not open opportunities on that account"
                report.rejected.append(Rejected(line, crm_id, reason))
        if dry_run:
            transaction.set_rollback(True)
    return report


def _import_row(user, row, crm_id: str, accounts, seen: set[str], report: ImportReport) -> None:
    if not crm_id:
        raise ValueError("it has no CRM id")
    if crm_id in seen:
        raise ValueError(f"CRM id {crm_id} is on an earlier line of the file already")
    seen.add(crm_id)
    if not row["name"].strip():
        raise ValueError("it has no opportunity name")
    account = accounts.get(row["account"].strip().lower())
    if account is None:
        raise ValueError(f"there is no account called “{row['account'].strip()}”")
    fields = _fields(row)
    existing = Opportunity.objects.filter(crm_id=crm_id).select_related("account").first()
    if existing is None:
        with transaction.atomic():
            services.create_opportunity(user, account=account, crm_id=crm_id, **fields)
        report.created.append(crm_id)
        return
    if existing.account_id != account.pk:
        raise ValueError(f"CRM id {crm_id} is an opportunity of {existing.account.name} here")
    before = existing.changes.count()
    with transaction.atomic():
        editing.update_opportunity(user, existing, **fields)
    changed = existing.changes.count() > before
    (report.updated if changed else report.unchanged).append(crm_id)
