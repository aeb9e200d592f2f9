"""Accounts and contacts from a CRM's CSV export: created, updated on a second run (never
duplicated), adopted by name or e-mail, rejected rows with their line and reason, a dry run
that writes nothing, the column mapping, the command and the lead's page."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sunrelay.accounts.models import Account, Contact
from sunrelay.integrations import crm_accounts
from sunrelay.integrations.models import CrmRecord

DATA = Path(__file__).parents[1] / "data" / "crm"
ACCOUNTS = (DATA / "accounts.csv").read_text()
CONTACTS = (DATA / "contacts.csv").read_text()


def test_accounts_are_created_adopted_and_rejected_with_reasons(lead, account):
    report = crm_accounts.import_csv(lead, "account", ACCOUNTS)
    assert report.created == ["001B"] and report.updated == ["001A"]
    reasons = {row.line: row.reason for row in report.rejected}
    assert "Gold" in reasons[4] or "gold" in reasons[4]
    assert "no account name" in reasons[5]
    assert "earlier line" in reasons[6]
    assert 7 in reasons  # a negative MRR, refused by the accounts' own rules
    account.refresh_from_db()  # adopted by its name: the CRM's tier and MRR, a new domain
    assert account.mrr == 18000 and account.crm.crm_id == "001A"
    assert set(account.domains.values_list("domain", flat=True)) == {"acme.test"}
    borealis = Account.objects.get(name="Borealis Freight")
    assert borealis.tier == "pro" and borealis.domains.get().domain == "borealis.test"


def test_a_second_run_updates_and_never_duplicates(lead, account):
    crm_accounts.import_csv(lead, "account", ACCOUNTS)
    count = Account.objects.count()
    again = crm_accounts.import_csv(lead, "account", ACCOUNTS)
    assert again.created == [] and again.updated == [] and again.unchanged == ["001A", "001B"]
    renamed = ACCOUNTS.replace("Borealis Freight,pro,2400", "Borealis Logistics,enterprise,9000")
    third = crm_accounts.import_csv(lead, "account", renamed)
    assert third.updated == ["001B"] and Account.objects.count() == count
    moved = Account.objects.get(crm__crm_id="001B")
    assert moved.name == "Borealis Logistics" and moved.tier == "enterprise"


def test_a_dry_run_writes_nothing(lead, account):
    report = crm_accounts.import_csv(lead, "account", ACCOUNTS, dry_run=True)
    assert report.created == ["001B"] and "would be created" in report.sentence()
    assert not CrmRecord.objects.exists()
    assert not Account.objects.filter(name="Borealis Freight").exists()


def test_contacts_join_their_accounts_by_crm_id(lead, account, contact):
    crm_accounts.import_csv(lead, "account", ACCOUNTS)
    report = crm_accounts.import_csv(lead, "contact", CONTACTS)
    assert report.created == ["003B", "003E"] and report.updated == ["003A"]
    reasons = {row.line: row.reason for row in report.rejected}
    assert "001Z" in reasons[4] and "import accounts first" in reasons[4]
    assert "e-mail" in reasons[5]
    borealis = Account.objects.get(name="Borealis Freight")
    assert Contact.objects.get(email="bo@borealis.test").account == borealis
    assert Contact.objects.get(email="walk@borealis.test").account == borealis  # by domain
    assert contact.crm.crm_id == "003A"
    again = crm_accounts.import_csv(lead, "contact", CONTACTS)
    assert again.unchanged == ["003A", "003B", "003E"] and again.created == []


def test_the_mapping_names_other_columns(lead):
    text = "Id,Company,Plan\nX1,Zeta Zones,partner\n"
    mapping = crm_accounts.parse_mapping("account", "crm_id=Id, name=Company\ntier=Plan")
    assert crm_accounts.import_csv(lead, "account", text, mapping).created == ["X1"]
    assert Account.objects.get(name="Zeta Zones").tier == "partner"
    with pytest.raises(ValueError, match="colour=Red"):
        crm_accounts.parse_mapping("account", "colour=Red")


def test_only_leads_import(agent):
    with pytest.raises(Exception, match="Only a lead"):
        crm_accounts.import_csv(agent, "account", ACCOUNTS)


def test_the_command_reports_and_shows_rejected_lines(lead, account):
    out, err = StringIO(), StringIO()
    path = str(DATA / "accounts.csv")
    call_command("crm", "import", "accounts", path, "--as", lead.username, stdout=out, stderr=err)
    assert out.getvalue().startswith("1 created, 1 updated, 0 unchanged, 4 rejected")
    assert "Line 5 (001D): it has no account name" in err.getvalue()
    out = StringIO()
    args = ("crm", "import", "accounts", path, "--as", lead.username, "--json", "--dry-run")
    call_command(*args, stdout=out, stderr=StringIO())
    assert json.loads(out.getvalue())["unchanged"] == ["001A", "001B"]
    with pytest.raises(CommandError, match="nobody called"):
        call_command("crm", "import", "contacts", path, "--as", "ghost")


def test_the_leads_page_runs_a_dry_run_first(lead, account, client):
    client.force_login(lead)
    with (DATA / "accounts.csv").open("rb") as upload:
        page = client.post(
            "/desk/integrations/crm-import/",
            {"kind": "account", "file": upload, "mapping": "", "dry_run": "on"},
        )
    text = page.content.decode()
    assert page.status_code == 200 and "would be created" in text and "Line 5" in text
    assert not Account.objects.filter(name="Borealis Freight").exists()
    with (DATA / "accounts.csv").open("rb") as upload:
        page = client.post(
            "/desk/integrations/crm-import/", {"kind": "account", "file": upload, "mapping": ""}
        )
    assert "1 created" in page.content.decode()
    assert Account.objects.filter(name="Borealis Freight").exists()
