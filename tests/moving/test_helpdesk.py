"""`sunrelay import django-helpdesk DATABASE_URL` against a real django-helpdesk: installed
from PyPI into its own virtual environment (bench/peers/django_helpdesk's, cached under
bench/.peers, so it is installed once), its tickets made by its own code (helpdesk_seed.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from bench.peers.django_helpdesk import run as peer
from django.core.management import call_command

from sunrelay.desk.models import MessageKind, Ticket
from sunrelay.mail.models import Attachment
from sunrelay.reports import weekly
from sunrelay.reports.periods import Week
from tests.moving.test_zendesk import snapshot

pytestmark = pytest.mark.django_db
SEED = Path(__file__).with_name("helpdesk_seed.py")
TICKETS = 24


def _pypi_reachable() -> bool:
    probe = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "--dest",
             os.devnull + ".d", f"django-helpdesk=={peer.VERSION}"]  # fmt: skip
    return subprocess.run(probe, capture_output=True, check=False, timeout=120).returncode == 0  # noqa: S603


def _python() -> Path:
    try:
        return peer.ensure_venv(progress=lambda text: None)
    except subprocess.CalledProcessError:
        if not _pypi_reachable():
            pytest.skip(f"PyPI cannot be reached: django-helpdesk {peer.VERSION} not installed")
        raise


@pytest.fixture(scope="module")
def helpdesk_db(tmp_path_factory) -> tuple[Path, dict]:
    """A django-helpdesk database with TICKETS tickets, and what each week should count."""
    python = _python()
    folder = tmp_path_factory.mktemp("helpdesk")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "project.settings",
        "PYTHONPATH": str(peer.HERE),
        "PEER_DB": str(folder / "helpdesk.sqlite3"),
        "PEER_MEDIA": str(folder / "media"),
    }
    out = subprocess.run(  # noqa: S603
        [str(python), str(SEED), str(TICKETS)],
        env=env, cwd=peer.HERE, check=True, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    return folder, json.loads(out.stdout.strip().splitlines()[-1])


def run_import(folder: Path, *extra) -> dict:
    out = StringIO()
    url = f"sqlite:///{folder / 'helpdesk.sqlite3'}"
    args = ["django-helpdesk", url, "--media-root", str(folder / "media"), "--json", *extra]
    call_command("import", *args, stdout=out)
    return json.loads(out.getvalue())


def test_it_imports_a_helpdesk_database_twice_with_identical_results(helpdesk_db):
    folder, _ = helpdesk_db
    first = run_import(folder)
    assert first["counts"]["tickets created"] == TICKETS
    before = snapshot()
    second = run_import(folder)
    assert second["counts"] == {"tickets unchanged": TICKETS}
    assert snapshot() == before
    ticket = Ticket.objects.get(external_ref="django-helpdesk:1")
    kinds = list(ticket.messages.values_list("kind", flat=True))
    assert kinds[:3] == [MessageKind.CUSTOMER, MessageKind.NOTE, MessageKind.REPLY]
    assert {t.name for t in ticket.tags.all()} & {"support", "billing"}
    assert Attachment.objects.get().filename == "log.txt"
    assert Ticket.objects.get(external_ref="django-helpdesk:7").status == "on_hold"


def test_the_weekly_review_agrees_with_helpdesk_counts(helpdesk_db):
    folder, expect = helpdesk_db
    run_import(folder)
    for label, received in expect["received"].items():
        report = weekly.compute(Week.parse(label))
        assert report.received.value == received
        assert report.solved.value == expect["solved"].get(label, 0)
        assert report.replies.value == expect["replies"].get(label, 0)
        assert report.reopened.value == expect["reopened"].get(label, 0)


def test_a_bad_url_is_said_in_words(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="must start with sqlite"):
        call_command("import", "django-helpdesk", "mysql://x/y", "--json", stdout=StringIO())
    (tmp_path / "empty.sqlite3").write_bytes(b"")
    with pytest.raises(CommandError, match="not a django-helpdesk 2.x database"):
        call_command(
            "import", "django-helpdesk", f"sqlite:///{tmp_path}/empty.sqlite3", "--json",
            stdout=StringIO(),
        )  # fmt: skip
