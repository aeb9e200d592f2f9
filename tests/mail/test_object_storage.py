"""The mail storage as S3-compatible object storage (django-storages), against a local S3
server (moto's, on a loopback port started by the test; nothing leaves the machine)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sunrelay.mail import files, intake, retention
from sunrelay.mail.models import Attachment, RawMessage, RawState, Source
from tests.mail.conftest import free_port
from tests.mail.test_storage import LOGO, mail_with

moto_server = pytest.importorskip("moto.server", reason="moto[server] is a dev extra")
boto3 = pytest.importorskip("boto3")

BUCKET = "sunrelay-mail"
KEYS = {"access_key": "test-key", "secret_key": "test-secret"}


@pytest.fixture
def s3(settings, monkeypatch):
    # No instance metadata look-ups, no credentials from the machine: only the local server.
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    for name in ("AWS_PROFILE", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )
    client.create_bucket(Bucket=BUCKET)
    storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BUCKET,
            "location": "desk-1",
            "endpoint_url": endpoint,
            "region_name": "us-east-1",
            "file_overwrite": True,
            "default_acl": None,
            **KEYS,
        },
    }
    settings.STORAGES = {**settings.STORAGES, "default": storage, "mail": storage}
    try:
        yield client
    finally:
        server.stop()


def keys(client) -> set[str]:
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {item["Key"] for item in listed}


def test_mail_and_files_go_to_the_bucket_and_come_back(s3, client, agent, contact):
    raw = mail_with(LOGO, 1)
    result = intake.receive(raw, source=Source.SMTP)
    row = RawMessage.objects.get()
    logo = Attachment.objects.get(message_id=result.message_pk)
    assert keys(s3) == {f"desk-1/{row.storage_name}", f"desk-1/{logo.storage_name}"}
    # A second message with the same file: no new object.
    intake.receive_many([mail_with(LOGO, 2)], source=Source.IMPORT)
    assert len(keys(s3)) == 3
    assert files.raw_of(RawMessage.objects.get(pk=row.pk)) == raw
    client.force_login(agent)
    download = client.get(f"/mail/attachments/{logo.pk}/")
    assert download.status_code == 200 and download.getvalue() == LOGO
    assert download["Content-Disposition"] == 'attachment; filename="logo.png"'
    out = StringIO()
    call_command("storage", "check", "--verify", stdout=out, stderr=StringIO())
    assert "3 files; the database names 3. Missing: 0. Orphans: 0. Corrupt: 0." in out.getvalue()


def test_the_purge_deletes_the_object(s3, contact):
    intake.receive(mail_with(b"junk", 9), source=Source.SMTP)
    row = RawMessage.objects.get()
    RawMessage.objects.filter(pk=row.pk).update(
        state=RawState.DISCARDED, processed_at=row.received_at.replace(year=2000)
    )
    retention.purge_one()
    assert f"desk-1/{row.storage_name}" not in keys(s3)
