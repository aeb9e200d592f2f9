"""Imports write in bulk (desk.bulk): the same rows as one message at a time, fewer queries,
and the SLA left to the worker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from bench.mailgen import messages as generated
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sunrelay.accounts.models import Contact
from sunrelay.desk import services
from sunrelay.desk.models import Cause, Status, Ticket, TicketEvent
from sunrelay.lib import worker
from sunrelay.mail import intake
from sunrelay.mail.models import Attachment, MailMessageId, Outcome, Source
from sunrelay.paging.models import EscalationPolicy, PagingRun
from sunrelay.reports.models import DirtyTicket
from sunrelay.sla import config as sla_config
from sunrelay.sla.models import TicketUrgency
from tests.factories import make_account, make_contact
from tests.mail.conftest import corpus

SUPPORT = "support@sunrelay.localhost"


def mail(sender, subject, mid, *, body="Hello", reply_to=None, cc="", extra=""):
    head = f"From: {sender}\r\nTo: {SUPPORT}\r\nSubject: {subject}\r\nMessage-ID: <{mid}>\r\n"
    head += "Date: Tue, 03 Mar 2026 10:00:00 +0000\r\n"
    if reply_to:
        head += f"In-Reply-To: <{reply_to}>\r\nReferences: <{reply_to}>\r\n"
    if cc:
        head += f"Cc: {cc}\r\n"
    return (head + extra + "\r\n" + body + "\r\n").encode()


@pytest.fixture
def existing(db, agent, contact):
    """Tickets opened by mail before the import: one pending, one solved, one closed."""
    found = {}
    for name in ("pending", "solved", "closed"):
        result = intake.receive(
            mail("carla@acme.test", f"The {name} one", f"{name}@acme.test"), source=Source.IMPORT
        )
        ticket = Ticket.objects.get(pk=result.ticket_id)
        services.reply(ticket, agent, "Could you send the logs?", status=Status.PENDING)
        if name != "pending":
            services.update_ticket(ticket, agent, status=Status.SOLVED, cause=Cause.QUESTION)
        if name == "closed":
            services.update_ticket(ticket, agent, status=Status.CLOSED)
        found[name] = ticket
    return found


def archive() -> list[bytes]:
    """Generated conversations (replies within a batch and across batches) with the cases an
    import meets: replies to existing tickets, a new sender twice, CCs, an auto-reply."""
    raws = list(generated(90, seed=11))
    raws[10:10] = [
        mail(
            "carla@acme.test", "Re: The pending one", "r1@acme.test", reply_to="pending@acme.test"
        ),
        mail("carla@acme.test", "Re: The solved one", "r2@acme.test", reply_to="solved@acme.test"),
        mail("carla@acme.test", "Re: The closed one", "r3@acme.test", reply_to="closed@acme.test"),
        mail("neo@newco.test", "First", "n1@newco.test", cc="Trin <trin@newco.test>"),
        mail("neo@newco.test", "Second", "n2@newco.test"),
        mail(
            "carla@acme.test",
            "Out of office",
            "ooo@acme.test",
            reply_to="n1@newco.test",
            extra="Auto-Submitted: auto-replied\r\n",
        ),
        mail("neo@newco.test", "Re: First", "n3@newco.test", reply_to="n1@newco.test"),
    ]
    return raws


def snapshot() -> dict:
    """What an import wrote, without ids (they differ between two runs)."""

    def key(ticket_id):
        t = Ticket.objects.get(pk=ticket_id)
        return (t.subject, t.requester.email, t.created_at.isoformat())

    tickets = {}
    for t in Ticket.objects.all():
        tickets[key(t.pk)] = {
            "status": t.status,
            "updated": t.updated_at,
            "solved": t.solved_at,
            "follow_up_of": key(t.follow_up_of_id) if t.follow_up_of_id else None,
            "ccs": sorted(c.email for c in t.ccs.all()),
            "messages": [
                (m.kind, m.author.email if m.author else "", m.body_text, m.body_html, m.created_at)
                for m in t.messages.all()
            ],
            "events": [
                (
                    e.kind,
                    e.at,
                    e.actor_contact.email if e.actor_contact else "",
                    e.old,
                    _without_ids(e.new),
                    e.message.body_text if e.message else "",
                )
                # The one-by-one path computes the SLA as of each message's date; imports
                # leave it to the worker (tested below).
                for e in t.events.exclude(kind__in=["sla_warning", "sla_breached"])
            ],
            "ids": sorted(
                MailMessageId.objects.filter(ticket=t).values_list("message_id", "direction")
            ),
            "files": sorted(
                Attachment.objects.filter(message__ticket=t).values_list("filename", "size")
            ),
        }
    contacts = sorted(Contact.objects.values_list("email", "account__name"))
    return {"tickets": tickets, "contacts": contacts}


def _without_ids(new):
    if isinstance(new, dict) and "follow_up_of" in new:
        return {**new, "follow_up_of": "…"}
    return new


class _Undo(Exception):
    pass


def test_a_bulk_import_writes_what_one_message_at_a_time_writes(existing):
    raws = archive()
    try:
        with transaction.atomic():
            one_by_one = [intake.receive(raw, source=Source.IMPORT).outcome for raw in raws]
            expected = snapshot()
            raise _Undo
    except _Undo:
        pass
    summary = intake.receive_many(raws, source=Source.IMPORT, batch_size=25)
    assert summary.received == len(raws)
    assert summary.counts["threaded"] == one_by_one.count(Outcome.THREADED) > 20
    assert summary.counts["auto_replies"] == 1
    got = snapshot()
    assert got["contacts"] == expected["contacts"]
    assert got["tickets"].keys() == expected["tickets"].keys()
    for name, ticket in expected["tickets"].items():
        assert got["tickets"][name] == ticket, name


def test_replies_reopen_and_follow_up_as_the_services_do(existing):
    intake.receive_many(archive(), source=Source.IMPORT, batch_size=25)
    for name in ("pending", "solved"):
        existing[name].refresh_from_db()
        assert existing[name].status == Status.OPEN
        assert existing[name].events.filter(kind="status", new=Status.OPEN).exists()
    follow_up = Ticket.objects.get(follow_up_of=existing["closed"])
    assert follow_up.subject == "Re: The closed one"
    n1 = MailMessageId.objects.get(message_id="n1@newco.test").ticket
    assert n1.messages.count() == 3  # the first, the auto-reply and the reply
    assert sorted(c.email for c in n1.ccs.all()) == ["trin@newco.test"]
    assert Contact.objects.filter(email="neo@newco.test").count() == 1


def test_the_worker_computes_the_sla_of_imported_tickets(existing, settings):
    pending = existing["pending"]
    version = sla_config.current().version
    assert TicketUrgency.objects.get(ticket=pending).config_version == version
    intake.receive_many(archive(), source=Source.IMPORT, batch_size=25)
    unsolved = Ticket.objects.exclude(status__in=[Status.SOLVED, Status.CLOSED])
    stale = unsolved.exclude(urgency__config_version=version)
    assert stale.count() == unsolved.count()  # new ones, and the ones that were written to
    worker.run_until_idle(["sla.refresh_stale"])
    assert not stale.exists()
    assert TicketUrgency.objects.get(ticket=pending).config_version == version


def test_the_reports_hear_of_messages_on_existing_tickets(existing):
    DirtyTicket.objects.all().delete()
    intake.receive_many(archive()[:20], source=Source.IMPORT)
    dirty = set(DirtyTicket.objects.values_list("ticket_id", flat=True))
    assert {existing["pending"].pk, existing["solved"].pk} <= dirty


def test_urgent_words_in_fresh_imported_mail_page(db):
    EscalationPolicy.objects.create(name="Urgent", is_default=True)
    big = make_account("Big Co", tier="enterprise", domains=["big.test"])
    make_contact("Bo", "bo@big.test", account=big)
    now = timezone.now().astimezone(UTC)
    fresh = mail("bo@big.test", "Production is down", "p1@big.test").replace(
        b"Tue, 03 Mar 2026 10:00:00 +0000", now.strftime("%a, %d %b %Y %H:%M:%S +0000").encode()
    )
    old = mail("bo@big.test", "Production was down", "p2@big.test")
    intake.receive_many([fresh, old], source=Source.IMPORT)
    assert list(PagingRun.objects.values_list("ticket__subject", flat=True)) == [
        "Production is down"
    ]


def test_an_import_batch_costs_the_same_queries_whatever_its_size(existing):
    def cost(raws) -> int:
        with CaptureQueriesContext(connection) as queries:
            intake.receive_many(raws, source=Source.IMPORT, batch_size=500)
        return len(queries)

    small = cost(list(generated(40, seed=1)))
    large = cost(list(generated(160, seed=2)))
    # Four times the messages: only a few more INSERTs, as SQLite's limit on parameters
    # splits the largest bulk inserts into chunks.
    assert small <= large <= small + 8


def test_a_batch_that_fails_is_done_again_one_by_one_and_loses_nothing(existing, monkeypatch):
    from sunrelay.desk import bulk

    calls = []
    real = bulk.CustomerMail.write

    def fail_once(self):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("disk full")
        return real(self)

    monkeypatch.setattr(bulk.CustomerMail, "write", fail_once)
    raws = archive()[:30]
    summary = intake.receive_many(raws, source=Source.IMPORT, batch_size=30)
    assert summary.received == 30 and summary.counts["quarantined"] == 0
    assert Ticket.objects.count() == 3 + summary.counts["created"]
    assert TicketEvent.objects.filter(kind="created").count() == Ticket.objects.count()


def test_the_corpus_goes_through_a_batch_as_through_one_by_one(db, contact):
    # Messages the batch hands to the one-message services (bounces with no ticket, loops)
    # sit among bulk-written ones.
    raws = [corpus(name) for name in ("001-new-plain.eml", "011-rfc2231-filename.eml")]
    summary = intake.receive_many(raws + raws, source=Source.IMPORT)
    assert summary.as_dict()["duplicates"] == 2
    assert Attachment.objects.filter(filename__endswith=".pdf").count() == 1


def test_imported_dates_keep_their_order(db, contact):
    raws = list(generated(30, seed=3))
    intake.receive_many(raws, source=Source.IMPORT, batch_size=7)
    created = list(Ticket.objects.order_by("id").values_list("created_at", flat=True))
    assert created == sorted(created)
    assert created[0] >= datetime(2025, 1, 1, tzinfo=UTC)
    assert created[-1] < datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=1)
