"""The desk's people are kept between requests (team.roles): read once, forgotten when a
user, a role or a profile changes in this process, read again after PEOPLE_SECONDS."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunrelay.team import roles
from sunrelay.team.models import Role, StaffProfile, StaffRole
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(monkeypatch):
    monkeypatch.setattr(roles, "PEOPLE_SECONDS", 60)
    clock = [1000.0]
    monkeypatch.setattr(roles.time, "monotonic", lambda: clock[0])
    roles.forget_people()
    return clock


def _read(call):
    with CaptureQueriesContext(connection) as queries:
        value = call()
    return value, len(queries)


def _names(people):
    return [u.username for u in people.workers]


def test_the_people_are_read_once_then_kept(kept):
    make_staff("ana", [Role.SUPPORT])
    first, asked = _read(roles.desk_people)
    again, asked_again = _read(roles.desk_people)
    assert (asked, asked_again) == (1, 0)
    assert _names(again) == _names(first) == ["ana"]


@pytest.mark.parametrize("change", ["new person", "new role", "deactivated", "role removed"])
def test_a_change_to_the_people_is_seen_on_the_next_page(kept, change):
    ana = make_staff("ana", [Role.SUPPORT])
    roles.desk_people()
    if change == "new person":
        make_staff("ben", [Role.SUPPORT])
        expected = ["ana", "ben"]
    elif change == "new role":
        bea = make_staff("bea", [])
        roles.desk_people()
        StaffRole.objects.create(user=bea, role=Role.SUPPORT)
        expected = ["ana", "bea"]
    elif change == "deactivated":
        ana.is_active = False
        ana.save()
        expected = []
    else:
        StaffRole.objects.filter(user=ana).get().delete()
        expected = []
    people, asked = _read(roles.desk_people)
    assert (asked, _names(people)) == (1, expected)


def test_a_change_made_elsewhere_is_seen_after_the_keeping_time(kept):
    ana = make_staff("ana", [Role.SUPPORT])
    roles.desk_people()
    # Another process's change sends no signal here: a bulk update stands in for it.
    type(ana).objects.filter(pk=ana.pk).update(first_name="Anabel")
    kept[0] += 59
    assert roles.desk_people().workers[0].first_name == "Ana"
    kept[0] += 2
    assert roles.desk_people().workers[0].first_name == "Anabel"


def test_where_support_works_is_kept_and_follows_a_profile_change(kept):
    ana = make_staff("ana", [Role.SUPPORT], time_zone="Europe/Madrid")
    _locations, asked = _read(roles.support_locations)
    assert (_locations, asked) == ([("Europe/Madrid", "")], 1)
    assert _read(roles.support_locations)[1] == 0
    profile = StaffProfile.objects.get(user=ana)
    profile.location = "Valencia"
    profile.save()
    assert _read(roles.support_locations) == ([("Europe/Madrid", "Valencia")], 1)
