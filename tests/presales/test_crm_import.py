"""The CRM CSV import: mapping, dry run, rejected rows in words, idempotent on the CRM id."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from sunrelay.presales import crm_import
from sunrelay.presales.models import Opportunity
from tests.presales.test_api import api

EXPORT = (
    "Opportunity ID,Opportunity Name,Account Name,Stage,Amount,Currency,Close Date,URL\r\n"
    '006A,Ownco fleet,Ownco Maps,Prospecting,"12,000",EUR,2099-03-31,https://crm.test/006A\r\n'
    "006B,Ownco tiles,ownco maps,Proposal/Price Quote,5000,EUR,31/12/2099,\r\n"
    "006C,Lost one,Ownco Maps,Closed Lost,100,EUR,,\r\n"
    "006D,Nobody's,Nobody Ltd,Prospecting,100,EUR,,\r\n"
    ",No id,Ownco Maps,Prospecting,100,EUR,,\r\n"
    "006E,Bad amount,Ownco Maps,Prospecting,lots,EUR,,\r\n"
    "006A,Twice,Ownco Maps,Prospecting,1,EUR,,\r\n"
)


def test_a_dry_run_says_what_would_happen_and_writes_nothing(people, account):
    report = crm_import.import_csv(people["sam"], EXPORT, dry_run=True)
    assert report.created == ["006A", "006B"]
    assert not Opportunity.objects.exists()
    reasons = {r.line: r.reason for r in report.rejected}
    assert reasons == {
        4: "the deal is closed in the CRM: record its outcome here, with why",
        5: "there is no account called “Nobody Ltd”",
        6: "it has no CRM id",
        7: "the amount “lots” is not a number",
        8: "CRM id 006A is on an earlier line of the file already",
    }
    assert report.sentence() == (
        "2 would be created, 0 would be updated, 0 unchanged, 5 rejected (dry run: nothing written)."
    )


def test_importing_twice_changes_nothing_and_a_change_is_an_edit(people, account):
    crm_import.import_csv(people["sam"], EXPORT)
    fleet = Opportunity.objects.get(crm_id="006A")
    assert (fleet.amount, fleet.stage, str(fleet.close_date)) == (12000, "discovery", "2099-03-31")
    again = crm_import.import_csv(people["sam"], EXPORT)
    assert (again.created, again.updated, again.unchanged) == ([], [], ["006A", "006B"])
    moved = EXPORT.replace('Prospecting,"12,000"', 'Negotiation/Review,"12,000"')
    assert crm_import.import_csv(people["sam"], moved).updated == ["006A"]
    assert fleet.changes.get().text == "stage: Discovery → Negotiation"


def test_the_mapping_names_other_columns(people, account):
    text = "Id,Deal,Customer\r\n9,Fleet,Ownco Maps\r\n"
    mapping = crm_import.parse_mapping("crm_id=Id, name=Deal\naccount=Customer")
    assert crm_import.import_csv(people["sam"], text, mapping).created == ["9"]
    with pytest.raises(ValueError, match="not field=Column"):
        crm_import.parse_mapping("colour=Red")
    with pytest.raises(Exception, match="no column “Opportunity ID”"):
        crm_import.import_csv(people["sam"], text)


def test_a_rep_cannot_import_onto_someone_elses_account(people, account):
    report = crm_import.import_csv(people["otto"], EXPORT)
    assert report.created == []
    assert report.rejected[0].reason == "you may not open opportunities on that account"


def test_the_page_the_api_and_the_command(people, account, tmp_path, capsys):
    sam = Client()
    sam.force_login(people["sam"])
    upload = SimpleUploadedFile("export.csv", EXPORT.encode(), content_type="text/csv")
    page = sam.post("/desk/opportunities/import/", {"file": upload, "dry_run": "on"})
    assert page.status_code == 200 and "there is no account called “Nobody Ltd”" in page.text
    assert not Opportunity.objects.exists()
    answer = api(people["sam"]).post(
        "/api/v1/opportunities/import",
        {"csv": EXPORT, "dry_run": False},
        content_type="application/json",
    )
    assert answer.status_code == 200 and answer.json()["created"] == ["006A", "006B"]
    path = tmp_path / "export.csv"
    path.write_text(EXPORT, encoding="utf-8")
    call_command("presales", "import", str(path), "--as", "sam", "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["unchanged"] == ["006A", "006B"] and len(out["rejected"]) == 5
