"""Portal migration 0002 moves the bytes of waiting requests' files into the mail storage, and
its reverse puts them back."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from sunrelay.mail import files

BEFORE = ("portal", "0001_initial")
AFTER = ("portal", "0002_request_files_into_the_mail_storage")


def _migrate(target: tuple[str, str]):
    MigrationExecutor(connection).migrate([target])
    return MigrationExecutor(connection).loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_waiting_files_move_to_the_storage_and_back():
    try:
        old = _migrate(BEFORE)
        now = timezone.now()
        waiting = old.get_model("portal", "WebRequest").objects.create(
            email="a@b.test", subject="s", body="b", token_hash="1", created_at=now, expires_at=now
        )
        old.get_model("portal", "RequestFile").objects.create(
            request=waiting, filename="f.txt", content_type="text/plain", size=3, data=b"abc"
        )

        new = _migrate(AFTER)
        row = new.get_model("portal", "RequestFile").objects.get()
        assert row.storage_name == f"waiting/{waiting.pk}/{files.digest(b'abc')}"
        assert files.read(row.storage_name) == b"abc"

        back = _migrate(BEFORE)
        assert bytes(back.get_model("portal", "RequestFile").objects.get().data) == b"abc"
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
