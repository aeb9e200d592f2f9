"""Staff pages: quarantine, outbox, contacts without an account, attachment downloads."""

from __future__ import annotations

import pytest

from sunrelay.desk.models import Ticket
from sunrelay.mail import intake, outbox
from sunrelay.mail.models import Attachment, Outbox, OutboxState, RawMessage, RawState, Source
from tests.factories import make_account, make_contact, make_staff
from tests.mail.conftest import corpus

PAGES = ["/mail/quarantine/", "/mail/outbox/", "/mail/contacts-without-account/"]


@pytest.fixture
def held(db):
    return intake.receive(corpus("023-precedence-junk-unmatched.eml"), source=Source.SMTP)


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("url", PAGES)
def test_people_without_a_role_get_403(client, outsider, url):
    client.force_login(outsider)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("roles", [["support"], ["support", "lead"], ["engineering"]])
def test_people_who_work_tickets_can_look(client, db, url, roles):
    client.force_login(make_staff("wendy", roles=roles))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", PAGES)
def test_sales_may_not_look_at_mail_of_every_account(client, sales, url):
    # Held mail, every outgoing e-mail and strangers' addresses belong to no account of theirs.
    client.force_login(sales)
    response = client.get(url)
    assert response.status_code == 403
    assert b"support staff" in response.content


def test_the_quarantine_lists_held_mail_with_its_reason_and_raw_source(client, agent, held):
    client.force_login(agent)
    page = client.get("/mail/quarantine/").content.decode()
    assert "Newsletter March" in page and "belongs to no ticket" in page
    row = RawMessage.objects.get()
    detail = client.get(f"/mail/quarantine/{row.pk}/").content.decode()
    assert "Precedence: junk" in detail and "I am away until Monday." in detail
    raw = client.get(f"/mail/quarantine/{row.pk}/raw/")
    assert raw.content == corpus("023-precedence-junk-unmatched.eml")
    assert raw["Content-Type"] == "application/octet-stream"
    assert raw["Content-Disposition"].startswith("attachment")


def test_process_again_turns_held_mail_into_a_ticket(client, agent, held):
    client.force_login(agent)
    row = RawMessage.objects.get()
    response = client.post(f"/mail/quarantine/{row.pk}/process/")
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.state, row.outcome) == (RawState.PROCESSED, "created")
    assert Ticket.objects.get().subject == "Newsletter March"


def test_discard_keeps_the_raw_mail_for_the_retention_period(client, agent, held, settings):
    client.force_login(agent)
    row = RawMessage.objects.get()
    client.post(f"/mail/quarantine/{row.pk}/discard/")
    row.refresh_from_db()
    assert row.state == RawState.DISCARDED and "Discarded by alba" in row.reason
    assert bytes(row.raw)
    from sunrelay.mail import retention

    assert retention.purge_one() is False and RawMessage.objects.exists()
    import time_machine
    from django.utils import timezone

    later = timezone.now() + timezone.timedelta(days=settings.MAIL_QUARANTINE_RETENTION_DAYS + 1)
    with time_machine.travel(later):
        retention.purge_one()
    assert not RawMessage.objects.exists()


def test_actions_need_a_working_role_and_post(client, sales, held):
    client.force_login(sales)
    row = RawMessage.objects.get()
    assert client.post(f"/mail/quarantine/{row.pk}/process/").status_code == 403
    assert client.post(f"/mail/quarantine/{row.pk}/discard/").status_code == 403
    row.refresh_from_db()
    assert row.state == RawState.QUARANTINED


def test_actions_refuse_get(client, agent, held):
    client.force_login(agent)
    row = RawMessage.objects.get()
    assert client.get(f"/mail/quarantine/{row.pk}/process/").status_code == 405


def test_actions_need_the_csrf_token(agent, held):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(agent)
    row = RawMessage.objects.get()
    assert strict.post(f"/mail/quarantine/{row.pk}/discard/").status_code == 403


def attachment_of(name: str, filename: str) -> Attachment:
    result = intake.receive(corpus(name), source=Source.IMPORT)
    return Attachment.objects.get(message_id=result.message_pk, filename=filename)


def test_attachments_download_with_safe_headers(client, agent, contact):
    pdf = attachment_of("011-rfc2231-filename.eml", "Résumé Q3.pdf")
    client.force_login(agent)
    response = client.get(f"/mail/attachments/{pdf.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''R%C3%A9sum%C3%A9%20Q3.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content.startswith(b"%PDF")


def test_unsafe_types_are_served_as_octet_stream(client, agent, contact):
    eml = attachment_of("015-nested-rfc822.eml", "ALERT tiles 500.eml")
    client.force_login(agent)
    response = client.get(f"/mail/attachments/{eml.pk}/")
    assert response["Content-Type"] == "application/octet-stream"


def test_attachments_follow_ticket_visibility(client, db, contact, account, sales):
    pdf = attachment_of("011-rfc2231-filename.eml", "Résumé Q3.pdf")
    client.force_login(sales)  # the AE of Acme Maps may see its tickets
    assert client.get(f"/mail/attachments/{pdf.pk}/").status_code == 200
    other_ae = make_staff("otto", roles=["sales"])
    client.force_login(other_ae)
    # Not 403: whether a file exists on a ticket one may not see is not told either.
    assert client.get(f"/mail/attachments/{pdf.pk}/").status_code == 404


def test_contacts_without_an_account_are_listed(client, agent, account):
    make_contact("Dan", "dan@globex.test")
    make_contact("Carla", "carla2@acme.test", account=account)
    client.force_login(agent)
    page = client.get("/mail/contacts-without-account/").content.decode()
    assert "dan@globex.test" in page and "carla2@acme.test" not in page


def test_the_outbox_shows_failures_and_sends_again(client, agent, contact, settings):
    settings.MAIL_RELAY_HOST = "127.0.0.1"
    settings.MAIL_RELAY_PORT = 9
    settings.MAIL_RELAY_TLS = "none"
    settings.MAIL_OUTBOX_MAX_ATTEMPTS = 1
    from sunrelay.desk import services

    result = intake.receive(corpus("001-new-plain.eml"), source=Source.IMPORT)
    services.reply(Ticket.objects.get(pk=result.ticket_id), agent, "Hello")
    outbox.send_one()
    client.force_login(agent)
    page = client.get("/mail/outbox/").content.decode()
    assert "Failed" in page and "Gave up after 1 attempts" in page
    row = Outbox.objects.get()
    client.post(f"/mail/outbox/{row.pk}/retry/")
    row.refresh_from_db()
    assert row.state == OutboxState.QUEUED


def test_unrelated_accounts_do_not_leak(client, db):
    make_account("Globex", domains=["globex.test"])
    assert client.get("/mail/attachments/999/").status_code == 302


def _failed_reply(agent, settings):
    settings.MAIL_RELAY_HOST = "127.0.0.1"
    settings.MAIL_RELAY_PORT = 9  # nothing listens: the connection is refused
    settings.MAIL_RELAY_TLS = "none"
    settings.MAIL_OUTBOX_MAX_ATTEMPTS = 1
    from sunrelay.desk import services

    result = intake.receive(corpus("001-new-plain.eml"), source=Source.IMPORT)
    ticket = Ticket.objects.get(pk=result.ticket_id)
    services.reply(ticket, agent, "Hello")
    outbox.send_one()
    return ticket, Outbox.objects.get()


def test_support_can_discard_a_failed_email_and_it_stays_listed(client, agent, contact, settings):
    ticket, row = _failed_reply(agent, settings)
    client.force_login(agent)
    page = client.get("/mail/outbox/").content.decode()
    assert f"/mail/outbox/{row.pk}/discard/" in page
    response = client.post(f"/mail/outbox/{row.pk}/discard/", {"show": "failed"})
    assert response.status_code == 302 and response["Location"] == "/mail/outbox/?show=failed"
    row.refresh_from_db()
    assert row.state == OutboxState.DISCARDED
    assert "Gave up after 1 attempts" in row.last_error and "Discarded by alba on" in row.last_error
    assert outbox.send_one() is False  # never picked up again
    assert f"/mail/outbox/{row.pk}/" not in client.get("/mail/outbox/").content.decode()
    listed = client.get("/mail/outbox/?show=discarded").content.decode()
    assert "Discarded by alba" in listed and "Send again" not in listed
    thread = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert "E-mail: Discarded" in thread
    # Sending again is for failed mail only; the discarded row stays as it is.
    assert client.post(f"/mail/outbox/{row.pk}/retry/").status_code == 302
    row.refresh_from_db()
    assert row.state == OutboxState.DISCARDED


def test_discarding_needs_a_working_role_and_post(client, agent, sales, contact, settings):
    _ticket, row = _failed_reply(agent, settings)
    client.force_login(agent)
    assert client.get(f"/mail/outbox/{row.pk}/discard/").status_code == 405
    client.force_login(sales)
    assert client.post(f"/mail/outbox/{row.pk}/discard/").status_code == 403
    row.refresh_from_db()
    assert row.state == OutboxState.FAILED


def test_held_mail_and_its_raw_source_are_for_support_staff_only(client, sales, agent, held):
    row = RawMessage.objects.get()
    client.force_login(sales)
    assert client.get(f"/mail/quarantine/{row.pk}/").status_code == 404
    assert client.get(f"/mail/quarantine/{row.pk}/raw/").status_code == 404
    client.force_login(agent)
    assert client.get(f"/mail/quarantine/{row.pk}/raw/").status_code == 200


def test_the_raw_source_of_processed_mail_follows_its_ticket(client, db, contact, sales):
    result = intake.receive(corpus("001-new-plain.eml"), source=Source.IMPORT)
    row = RawMessage.objects.get(ticket_id=result.ticket_id)
    client.force_login(sales)  # the AE of Acme Maps may see its tickets, and their mail
    assert client.get(f"/mail/quarantine/{row.pk}/raw/").content == corpus("001-new-plain.eml")
    client.force_login(make_staff("otto", roles=["sales"]))
    assert client.get(f"/mail/quarantine/{row.pk}/raw/").status_code == 404
    assert client.get(f"/mail/quarantine/{row.pk + 1000}/raw/").status_code == 404


def test_processed_mail_whose_ticket_is_gone_is_not_for_sales(client, db, contact, sales):
    intake.receive(corpus("001-new-plain.eml"), source=Source.IMPORT)
    RawMessage.objects.update(ticket=None)  # as after the ticket was deleted (SET_NULL)
    row = RawMessage.objects.get()
    assert row.state == RawState.PROCESSED
    client.force_login(sales)
    assert client.get(f"/mail/quarantine/{row.pk}/raw/").status_code == 404
