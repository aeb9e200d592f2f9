"""`sunrelay backup` and `sunrelay restore` refuse what they cannot do, in words, before they
touch anything. (The round trip on real processes is tests/ops/test_backup.py.)"""

from __future__ import annotations

import sqlite3

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

# On PostgreSQL both commands stop at once and name pg_dump and pg_restore (the last test).
sqlite_only = pytest.mark.skipif(
    "sqlite" not in settings.DATABASES["default"]["ENGINE"], reason="SQLite databases only"
)


@sqlite_only
def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match=r"There is no file .*nothing\.sqlite3"):
        call_command("restore", str(tmp_path / "nothing.sqlite3"))


@sqlite_only
def test_restore_refuses_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a backup")
    with pytest.raises(CommandError, match="is not an SQLite database, so not a Sunrelay backup"):
        call_command("restore", str(path))


@sqlite_only
def test_restore_refuses_another_programs_database(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE songs (title TEXT)")
    with pytest.raises(CommandError, match="is an SQLite database, but not Sunrelay's"):
        call_command("restore", str(path))


@sqlite_only
def test_restore_refuses_a_damaged_backup(tmp_path):
    path = tmp_path / "damaged.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE desk_ticket (id INTEGER PRIMARY KEY, subject TEXT)")
        db.executemany("INSERT INTO desk_ticket (subject) VALUES (?)", [("x" * 500,)] * 200)
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 3] = b"\xff" * 4096  # a page of the table overwritten
    path.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="is damaged"):
        call_command("restore", str(path))


@sqlite_only
def test_restore_will_not_replace_a_database_with_data_unless_forced(db, ticket, tmp_path):
    with sqlite3.connect(tmp_path / "backup.sqlite3") as backup:
        backup.execute("CREATE TABLE desk_ticket (id INTEGER PRIMARY KEY)")
    with pytest.raises(CommandError, match=r"already holds data \(.*1 ticket\b.*--force"):
        call_command("restore", str(tmp_path / "backup.sqlite3"))


@sqlite_only
def test_backup_will_not_overwrite_a_file_unless_forced(tmp_path):
    path = tmp_path / "monday.sqlite3"
    path.write_bytes(b"last week's backup")
    with pytest.raises(CommandError, match="already exists; name another file, or add --force"):
        call_command("backup", str(path))
    assert path.read_bytes() == b"last week's backup"


@sqlite_only
def test_backup_needs_the_folder_to_exist(tmp_path):
    with pytest.raises(CommandError, match="There is no folder .*missing"):
        call_command("backup", str(tmp_path / "missing" / "x.sqlite3"))


@pytest.mark.parametrize("command, tool", [("backup", "pg_dump"), ("restore", "pg_restore")])
def test_on_postgresql_both_name_the_postgresql_tool_instead(command, tool, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "postgresql")
    monkeypatch.setitem(connection.settings_dict, "PASSWORD", "s3cret")
    with pytest.raises(CommandError) as refused:
        call_command(command, "/backups/sunrelay.dump")
    text = str(refused.value)
    assert "this one is PostgreSQL, so" in text and f"  {tool} " in text
    assert "/backups/sunrelay.dump" in text and "s3cret" not in text
