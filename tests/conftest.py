"""Shared fixtures: the standard people of a permissions test.

agent (support), lead, sales (AE of `account`), outsider (active user, no role),
plus an account with a contact and a ticket.
"""

from __future__ import annotations

import pytest
from hypothesis import settings as hypothesis_settings

from tests.factories import make_account, make_contact, make_staff, make_ticket

# Examples are judged by what they find, not how fast they run: on a busy 2-core machine a
# slow example is the machine, not a fault (Hypothesis' default deadline is 200 ms).
hypothesis_settings.register_profile("sunrelay", deadline=None)
hypothesis_settings.load_profile("sunrelay")


@pytest.fixture(autouse=True)
def _drains_due():
    # The worker's schedule is the process's: a test that ran an interval drain (every five
    # minutes, say) must not leave it "not due yet" for the next test in the same process.
    from sunrelay.lib import worker

    for drain in worker.drains():
        drain.next_at = 0.0


@pytest.fixture(autouse=True)
def _people_read_anew(monkeypatch):
    # The desk's people are kept per process (team.roles): tests read them anew on every
    # page, so a rolled-back test's people never linger and the queries a page is counted
    # are its most, as right after the people changed. tests/team/test_kept_people.py
    # checks the keeping itself.
    from sunrelay.team import roles

    roles.forget_people()
    monkeypatch.setattr(roles, "PEOPLE_SECONDS", -1)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The default PBKDF2 costs ~0.3 s per user; tests create many.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _mail_files(settings, tmp_path):
    # Each test's raw mail and attachments in its own folder (sunrelay.mail.files).
    storage = {
        "BACKEND": "sunrelay.lib.storage.DurableFileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "files")},
    }
    settings.STORAGES = {**settings.STORAGES, "default": storage, "mail": storage}


@pytest.fixture
def agent(db):
    return make_staff("alba", roles=["support"], time_zone="Europe/Madrid")


@pytest.fixture
def lead(db):
    return make_staff("lucia", roles=["support", "lead"], time_zone="Europe/Madrid")


@pytest.fixture
def sales(db):
    return make_staff("sam", roles=["sales"], time_zone="America/New_York")


@pytest.fixture
def outsider(db):
    from django.contrib.auth.models import User

    return User.objects.create_user("olga", "olga@example.test", "pw-olga-1234")


@pytest.fixture
def account(db, sales):
    return make_account("Acme Maps", tier="enterprise", mrr=16000, ae=sales, domains=["acme.test"])


@pytest.fixture
def contact(db, account):
    return make_contact("Carla Customer", "carla@acme.test", account=account, skill="beginner")


@pytest.fixture
def ticket(db, contact):
    return make_ticket(contact, subject="Tiles render blank at zoom 14")
