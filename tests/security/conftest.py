"""The role matrix's world is built once per module (test_role_matrix.py), so its stored
files (raw mail, attachments) must be in one folder for the whole module, not in each test's
own (the suite's `_mail_files`)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def mail_storage(tmp_path_factory) -> dict:
    """The storage of the module's raw mail and attachments (sunrelay.mail.files)."""
    location = tmp_path_factory.mktemp("matrix-files")
    return {
        "BACKEND": "sunrelay.lib.storage.DurableFileSystemStorage",
        "OPTIONS": {"location": str(location)},
    }


@pytest.fixture(autouse=True)
def _mail_files(settings, mail_storage):
    settings.STORAGES = {**settings.STORAGES, "default": mail_storage, "mail": mail_storage}


@pytest.fixture(autouse=True)
def _no_real_trackers(settings):
    """ "Check GitHub now" asks a port nobody listens on: refused at once, never the Internet."""
    settings.GITHUB_API_URL = settings.GITLAB_API_URL = "http://127.0.0.1:9"
