"""`sunrelay import zendesk DIR` on a generated export (zendesk_export.py)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from sunrelay.accounts.models import Account, Contact
from sunrelay.desk.models import EventKind, Message, MessageKind, Ticket, TicketEvent
from sunrelay.mail.models import Attachment
from sunrelay.moving.models import ImportRun, SourceRecord
from tests.moving.zendesk_export import generate

pytestmark = pytest.mark.django_db


def run_import(folder, *extra) -> dict:
    out = StringIO()
    args = ["zendesk", str(folder), "--mapping", str(folder / "mapping.toml"), "--json", *extra]
    call_command("import", *args, stdout=out)
    return json.loads(out.getvalue())


def snapshot() -> list:
    """Everything an import writes, as comparable values (ids included)."""
    tickets = list(
        Ticket.objects.order_by("pk").values_list(
            "pk", "subject", "status", "priority", "channel", "cause", "account_id",
            "requester_id", "assignee_id", "external_ref", "created_at", "updated_at", "solved_at",
        )
    )  # fmt: skip
    messages = list(
        Message.objects.order_by("pk").values_list(
            "ticket_id", "kind", "author_user_id", "author_contact_id", "body_text", "created_at"
        )
    )
    events = list(
        TicketEvent.objects.order_by("pk").values_list(
            "ticket_id", "kind", "at", "actor_user_id", "actor_contact_id", "old", "new"
        )
    )
    tags = sorted(Ticket.tags.through.objects.values_list("ticket_id", "tag__name"))
    return [tickets, messages, events, tags, Contact.objects.count(), Account.objects.count()]


def test_it_imports_accounts_contacts_tickets_and_history(tmp_path):
    generate(tmp_path)
    result = run_import(tmp_path)
    counts = result["counts"]
    assert counts["tickets created"] == 24
    assert counts["accounts created"] == 3
    assert "tickets refused" not in counts
    assert Account.objects.get(name="Acme Maps").domains.get().domain == "acme.test"
    first = Ticket.objects.get(external_ref="zendesk:1")
    assert first.requester.account == first.account
    kinds = [m.kind for m in first.messages.all()]
    assert kinds[:3] == [MessageKind.CUSTOMER, MessageKind.NOTE, MessageKind.REPLY]
    # Private comments stay internal notes; the opening message is the customer's.
    note = first.messages.get(kind=MessageKind.NOTE)
    assert (
        note.author_user.email == "ana@ourdesk.test" or note.author_user.email == "ben@ourdesk.test"
    )
    # The local file is stored; the one only at a URL is reported.
    assert list(Attachment.objects.values_list("filename", flat=True)) == ["screenshot.png"]
    assert any("trace.txt" in line and "--fetch-files" in line for line in result["not_mapped"])
    assert any("custom field 360009" in line for line in result["not_mapped"])
    # Custom fields mapped: a tag with its prefix; statuses and dates kept.
    assert {t.name for t in first.tags.all()} & {"plan-pro", "plan-free"}
    assert Ticket.objects.filter(status="closed").exists()
    assert Ticket.objects.filter(status="new", messages__kind=MessageKind.REPLY).count() == 0
    assert TicketEvent.objects.filter(kind=EventKind.CREATED).count() == 24
    run = ImportRun.objects.get()
    assert run.counts["tickets created"] == 24 and not run.dry_run


def test_a_second_run_changes_nothing(tmp_path):
    generate(tmp_path)
    run_import(tmp_path)
    before = snapshot()
    again = run_import(tmp_path)
    assert again["counts"]["tickets unchanged"] == 24
    assert "tickets created" not in again["counts"]
    assert snapshot() == before


def test_a_changed_ticket_is_updated_in_place(tmp_path):
    generate(tmp_path)
    run_import(tmp_path)
    records = SourceRecord.objects.count()
    data = json.loads((tmp_path / "tickets.json").read_text())
    data["tickets"][0]["subject"] = "A new subject"
    (tmp_path / "tickets.json").write_text(json.dumps(data))
    result = run_import(tmp_path)
    assert result["counts"]["tickets updated"] == 1
    assert Ticket.objects.count() == 24
    assert Ticket.objects.get(external_ref="zendesk:1").subject == "A new subject"
    assert SourceRecord.objects.count() == records


def test_a_dry_run_keeps_nothing_but_its_report(tmp_path):
    generate(tmp_path, lines=True)
    result = run_import(tmp_path, "--dry-run")
    assert result["counts"]["tickets created"] == 24
    assert Ticket.objects.count() == 0 and Contact.objects.count() == 0
    assert SourceRecord.objects.count() == 0
    assert ImportRun.objects.get().dry_run


def test_it_says_what_is_wrong_with_a_bad_folder(tmp_path):
    from django.core.management.base import CommandError

    (tmp_path / "mapping.toml").write_text("")
    with pytest.raises(CommandError, match="no tickets.json"):
        run_import(tmp_path)
    (tmp_path / "tickets.json").write_text("{not json\n")
    with pytest.raises(CommandError, match="tickets.json, line 1: not JSON"):
        run_import(tmp_path)
    (tmp_path / "mapping.toml").write_text('[fields.1]\nto = "cause"\nvalues = { x = "nope" }\n')
    with pytest.raises(CommandError, match="not one of"):
        run_import(tmp_path)


def test_it_prints_its_counts_and_what_it_could_not_map(tmp_path):
    generate(tmp_path, tickets=4)
    out = StringIO()
    call_command("import", "zendesk", str(tmp_path), stdout=out)  # with its progress bar
    text = out.getvalue()
    assert "4 tickets created" in text
    assert "Not mapped" in text and "custom field 360001: not in the mapping file" in text


def test_a_tag_too_long_is_left_out_and_reported(tmp_path):
    generate(tmp_path, tickets=2)
    data = json.loads((tmp_path / "tickets.json").read_text())
    data["tickets"][0]["tags"].append("x" * 80)
    (tmp_path / "tickets.json").write_text(json.dumps(data))
    result = run_import(tmp_path)
    assert result["counts"]["tickets created"] == 2
    assert any("tag xxxx" in line and "too long" in line for line in result["not_mapped"])
