"""`sunrelay mail import` for .eml files, Maildir folders, mbox files and standard input."""

from __future__ import annotations

import io
import json
import mailbox
import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from sunrelay.desk.models import Ticket
from sunrelay.mail.models import RawMessage, Source
from sunrelay.mail.sources import iter_mbox
from tests.mail.conftest import DATA, corpus

KEYS = ["received", "created", "threaded", "duplicates", "auto_replies", "bounces", "quarantined"]


def run_json(*paths) -> dict:
    out = io.StringIO()
    call_command("mail", "import", *map(str, paths), "--json", stdout=out)
    return json.loads(out.getvalue())


def thread_mbox(path, count=5):
    box = mailbox.mbox(path)
    box.add(corpus("001-new-plain.eml"))
    for i in range(1, count):
        box.add(
            (
                f"From carla@acme.test\nFrom: carla@acme.test\nTo: support@sunrelay.localhost\n"
                f"Subject: Re: Tiles\nMessage-ID: <r{i}@acme.test>\n"
                f"In-Reply-To: <{'CAF001.plain@mail.acme.test' if i == 1 else f'r{i - 1}@acme.test'}>\n"
                f"Date: Mon, 3 Mar 2025 1{i}:00:00 +0100\n\nFrom here on it works, reply {i}.\n"
            ).encode()
        )
    box.flush()
    return path


def test_the_json_summary_has_exactly_the_agreed_keys(db, contact, tmp_path):
    summary = run_json(DATA / "001-new-plain.eml", DATA / "013-no-message-id.eml")
    assert list(summary) == KEYS
    assert summary == dict(zip(KEYS, [2, 2, 0, 0, 0, 0, 0], strict=True))


def test_it_imports_an_mbox_with_threads_in_one_stream(db, contact, tmp_path):
    path = thread_mbox(tmp_path / "archive.mbox")
    assert run_json(path) == dict(zip(KEYS, [5, 1, 4, 0, 0, 0, 0], strict=True))
    ticket = Ticket.objects.get()
    assert ticket.messages.count() == 5
    assert "From here on it works" in ticket.messages.last().body_text  # ">From" unescaped
    assert set(RawMessage.objects.values_list("source", flat=True)) == {Source.IMPORT}


def test_importing_the_same_archive_twice_creates_nothing_new(db, contact, tmp_path):
    path = thread_mbox(tmp_path / "archive.mbox")
    run_json(path)
    assert run_json(path) == dict(zip(KEYS, [5, 0, 0, 5, 0, 0, 0], strict=True))
    assert Ticket.objects.count() == 1 and RawMessage.objects.count() == 5


def test_it_imports_a_maildir(db, contact, tmp_path):
    box = mailbox.Maildir(tmp_path / "Maildir")
    for name in ("001-new-plain.eml", "002-reply-thunderbird.eml", "020-auto-submitted.eml"):
        box.add(corpus(name).replace(b"{{SENT:001-new-plain.eml}}", b"unknown@x"))
    summary = run_json(tmp_path / "Maildir")
    assert summary["received"] == 3 and summary["created"] + summary["threaded"] >= 2


def test_it_imports_a_folder_of_eml_files_in_batches(db, settings, contact):
    settings.MAIL_MAX_MESSAGE_BYTES = 65536
    summary = run_json(DATA)
    assert summary["received"] == len(list(DATA.glob("*.eml")))
    assert summary["duplicates"] == 2
    assert sum(summary[k] for k in KEYS[1:]) == summary["received"]


def test_the_mbox_reader_streams_and_unescapes(tmp_path):
    path = thread_mbox(tmp_path / "a.mbox", count=3)
    with path.open("rb") as handle:
        messages = list(iter_mbox(handle))
    assert len(messages) == 3
    assert messages[0].replace(b"\r\n", b"\n") == corpus("001-new-plain.eml").replace(
        b"\r\n", b"\n"
    )


@pytest.mark.django_db(transaction=True)
def test_an_mta_can_pipe_a_message_to_standard_input(tmp_path, settings):
    db_path = tmp_path / "pipe.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db_path}",
        "SUNRELAY_DATA_DIR": str(tmp_path),
    }
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "sunrelay.cli", "migrate", "-v", "0"],
        env=env,
        check=True,
        timeout=180,
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "sunrelay.cli", "mail", "import", "-", "--json"],
        input=corpus("001-new-plain.eml"),
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["created"] == 1


def test_it_shows_a_progress_bar_and_a_plain_summary(db, contact, tmp_path):
    out = io.StringIO()
    call_command("mail", "import", str(thread_mbox(tmp_path / "a.mbox")), stdout=out)
    assert "5 received, 1 created, 4 threaded" in out.getvalue()
    assert "sunrelay sla recompute does it now" in out.getvalue()
