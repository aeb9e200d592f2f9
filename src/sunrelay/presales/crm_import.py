"""Opportunities from a CRM's CSV export (docs/presales.md, "Importing from the CRM").

The shape every CRM import shares (mapping, CRM ids, rejected rows, dry run) is
lib.csv_import's; this module says what a row of opportunities means. Each row is matched
on its CRM id: a new id opens an opportunity, a known one updates what
changed (through presales.editing, so the history names it), an identical one is left alone;
importing the same file twice changes nothing the second time. A row that cannot be imported
is rejected with its line and the reason in words, and the others go on. A dry run says what
would happen and writes nothing.

The columns are named by a mapping (field -> the export's column); DEFAULT_MAPPING has the
names of a Salesforce opportunity report. Stages are read by STAGES (the CRM's words, lower
case); a deal closed in the CRM is rejected — its outcome is recorded here, with why.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from sunrelay.accounts.models import Account
from sunrelay.lib import bounds, csv_import
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


def parse_mapping(text: str) -> dict[str, str]:
    """ "name=Deal, amount=Value" (or one a line) over DEFAULT_MAPPING; ValueError in words."""
    return csv_import.parse_mapping(text, DEFAULT_MAPPING)


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


def import_csv(user, text: str, mapping: dict[str, str] | None = None, *, dry_run=False):
    """Import the CSV `text` as `user` (who may open opportunities on each row's account,
    presales.access). Raises ValidationError only for the file as a whole (a column missing);
    every row's trouble is a Rejected line of the report (lib.csv_import)."""
    access.check_may_sell(user)
    rows = csv_import.read_rows(text, mapping or DEFAULT_MAPPING, REQUIRED)
    accounts = {a.name.lower(): a for a in Account.objects.all()}
    return csv_import.run(
        rows,
        lambda row, crm_id: _import_row(user, row, crm_id, accounts),
        dry_run=dry_run,
        denied="you may not open opportunities on that account",
    )


def _import_row(user, row, crm_id: str, accounts) -> str:
    if not row["name"].strip():
        raise ValueError("it has no opportunity name")
    account = accounts.get(row["account"].strip().lower())
    if account is None:
        raise ValueError(f"there is no account called “{row['account'].strip()}”")
    fields = _fields(row)
    existing = Opportunity.objects.filter(crm_id=crm_id).select_related("account").first()
    if existing is None:
        services.create_opportunity(user, account=account, crm_id=crm_id, **fields)
        return csv_import.CREATED
    if existing.account_id != account.pk:
        raise ValueError(f"CRM id {crm_id} is an opportunity of {existing.account.name} here")
    before = existing.changes.count()
    editing.update_opportunity(user, existing, **fields)
    return csv_import.UPDATED if existing.changes.count() > before else csv_import.UNCHANGED
