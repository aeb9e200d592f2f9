"""IMAP polling against a real Dovecot started on loopback for these tests."""

from __future__ import annotations

import imaplib
import tempfile
import time
from pathlib import Path

import pytest

from sunrelay.desk.models import Ticket
from sunrelay.mail import imap
from sunrelay.mail.models import RawMessage, Source
from tests.mail.conftest import corpus, free_port
from tests.mail.dovecot import DOVECOT, PASSWORD, USER, Dovecot

pytestmark = pytest.mark.skipif(
    not DOVECOT.exists(),
    reason="IMAP TESTS SKIPPED: /usr/sbin/dovecot is missing (apt-get install dovecot-imapd)",
)


@pytest.fixture
def dovecot():
    # Dovecot's unprivileged processes need to reach the folder: not under pytest's 0700 tmp.
    base = Path(tempfile.mkdtemp(prefix="sunrelay-dovecot-"))
    server = Dovecot(base, free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def mailbox(settings, dovecot):
    settings.MAIL_IMAP_HOST = "127.0.0.1"
    settings.MAIL_IMAP_PORT = dovecot.port
    settings.MAIL_IMAP_SECURITY = "none"
    settings.MAIL_IMAP_USER = USER
    settings.MAIL_IMAP_PASSWORD = PASSWORD
    settings.MAIL_IMAP_FOLDERS = ["INBOX"]
    settings.MAIL_IMAP_PROCESSED_FOLDER = ""
    client = imaplib.IMAP4("127.0.0.1", dovecot.port, timeout=10)
    client.login(USER, PASSWORD)
    yield client
    client.logout()


def append(client, raw: bytes, folder: str = "INBOX") -> None:
    status, _ = client.append(folder, None, imaplib.Time2Internaldate(time.time()), raw)
    assert status == "OK"


def uids(client, folder: str, criteria: str = "ALL") -> list[bytes]:
    client.select(f'"{folder}"')
    status, data = client.uid("SEARCH", None, criteria)
    return data[0].split()


def test_it_imports_new_mail_and_flags_it_so_a_restart_does_not_reimport(db, mailbox, contact):
    append(mailbox, corpus("001-new-plain.eml"))
    append(mailbox, corpus("007-new-html-only.eml"))
    summary = imap.poll()
    assert summary.as_dict()["created"] == 2
    assert set(RawMessage.objects.values_list("source", flat=True)) == {Source.IMAP}
    assert len(uids(mailbox, "INBOX", f"KEYWORD {imap.KEYWORD}")) == 2
    assert uids(mailbox, "INBOX", "UNSEEN") == []
    again = imap.poll()
    assert again.received == 0
    assert Ticket.objects.count() == 2


def test_it_moves_processed_mail_to_the_processed_folder(db, settings, mailbox, contact):
    settings.MAIL_IMAP_PROCESSED_FOLDER = "Processed"
    append(mailbox, corpus("001-new-plain.eml"))
    append(mailbox, corpus("020-auto-submitted.eml"))
    summary = imap.poll()
    assert summary.received == 2
    assert uids(mailbox, "INBOX") == []
    assert len(uids(mailbox, "Processed")) == 2


def test_mail_seen_twice_after_a_crash_creates_nothing_new(db, mailbox, contact):
    append(mailbox, corpus("001-new-plain.eml"))
    imap.poll()
    # The flag was lost (a crash between storing and flagging): the next pass sees it again.
    mailbox.select("INBOX")
    for uid in uids(mailbox, "INBOX"):
        mailbox.uid("STORE", uid, "-FLAGS", f"({imap.KEYWORD})")
    summary = imap.poll()
    assert summary.as_dict()["duplicates"] == 1
    assert Ticket.objects.count() == 1


def test_a_wrong_password_is_reported_without_the_password(db, settings, mailbox, caplog):
    settings.MAIL_IMAP_PASSWORD = "wrong-password-xyz"
    assert imap.poll_drain() is False
    assert "IMAP poll of 127.0.0.1 failed" in caplog.text
    assert "wrong-password-xyz" not in caplog.text


def test_the_poll_command_prints_the_summary(db, mailbox, contact, capsys):
    from django.core.management import call_command

    append(mailbox, corpus("001-new-plain.eml"))
    call_command("mail", "poll", "--json")
    assert '"created": 1' in capsys.readouterr().out
