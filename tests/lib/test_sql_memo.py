"""lib.sql_memo: a counting query's SQL built once, its answer asked every time."""

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from sunrelay.lib import sql_memo
from sunrelay.team.models import Role, StaffRole
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_memo(monkeypatch):
    monkeypatch.setattr(sql_memo, "_sent", {})


def _count_roles(role):
    return StaffRole.objects.aggregate(every=Count("id"), chosen=Count("id", filter=Q(role=role)))


def test_the_answer_is_the_orms_and_follows_the_data():
    make_staff("ana", [Role.SUPPORT, Role.LEAD])
    first = sql_memo.counts(("roles", Role.LEAD), lambda: _count_roles(Role.LEAD))
    assert first == _count_roles(Role.LEAD) == {"every": 2, "chosen": 1}
    make_staff("ben", [Role.LEAD])
    with CaptureQueriesContext(connection) as queries:
        again = sql_memo.counts(("roles", Role.LEAD), lambda: pytest.fail("built again"))
    assert again == {"every": 3, "chosen": 2}
    assert len(queries) == 1


def test_another_key_builds_its_own_statement():
    make_staff("ana", [Role.SUPPORT, Role.LEAD])
    assert sql_memo.counts(("roles", Role.LEAD), lambda: _count_roles(Role.LEAD))["chosen"] == 1
    got = sql_memo.counts(("roles", Role.SALES), lambda: _count_roles(Role.SALES))
    assert got == {"every": 2, "chosen": 0}


def test_an_answer_without_one_statement_is_not_kept():
    calls = []

    def nothing():
        calls.append(1)
        return StaffRole.objects.none().aggregate(every=Count("id"))

    assert sql_memo.counts("none", nothing) == {"every": 0}
    assert sql_memo.counts("none", nothing) == {"every": 0}
    assert len(calls) == 2
