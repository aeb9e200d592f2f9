"""The contact cadence: the default for strategic accounts, a touch planning the next one,
overdue marks, and who may set it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from sunrelay.accounts.models import Account
from sunrelay.desk.services.messages import reply
from sunrelay.success import cadence
from sunrelay.success.models import Touch, TouchKind
from tests.factories import make_account

TODAY = date(2026, 12, 7)


def test_strategic_accounts_start_on_every_other_week(account, engineer):
    account.strategic = True
    plan = cadence.plan_for(account, TODAY)
    assert (plan.every_days, plan.saved, plan.overdue) == (14, False, False)
    assert cadence.plan_for(make_account("Small"), TODAY).every_days is None


def test_a_touch_plans_the_next_and_a_missed_one_is_overdue(account, engineer):
    cadence.set_cadence(account, engineer, every_days=7, next_touch=None)
    cadence.record_touch(account, engineer, TODAY)
    row = cadence.plan_for(account, TODAY)
    assert (row.last_touch, row.next_touch) == (TODAY, date(2026, 12, 14))
    assert not cadence.plan_for(account, date(2026, 12, 14)).overdue
    assert cadence.plan_for(account, date(2026, 12, 15)).overdue
    assert cadence.overdue_accounts([account.pk], date(2026, 12, 15)) == {account.pk}


def test_cadence_is_refused_in_words_and_kept_to_those_who_look_after_the_account(
    account, engineer, sales
):
    with pytest.raises(ValidationError) as refused:
        cadence.set_cadence(account, engineer, every_days=0, next_touch=None)
    assert "every_days" in refused.value.message_dict
    assert cadence.set_cadence(account, sales, every_days=14, next_touch=TODAY).every_days == 14
    with pytest.raises(PermissionDenied):
        cadence.record_touch(make_account("Other"), sales, TODAY)


def test_the_account_page_marks_an_overdue_touch(account, engineer):
    cadence.set_cadence(account, engineer, every_days=14, next_touch=date(2020, 1, 6))
    client = Client()
    client.force_login(engineer)
    page = client.get(f"/desk/success/accounts/{account.pk}/").content.decode()
    assert "overdue" in page and "In touch every 14 days" in page
    assert "touch overdue" in client.get("/desk/success/").content.decode()
    today = timezone.localdate()
    client.post(f"/desk/success/accounts/{account.pk}/touch/", {"kind": "call", "on": today})
    assert "overdue" not in client.get(f"/desk/success/accounts/{account.pk}/").content.decode()


def test_a_public_reply_of_the_accounts_ce_is_a_touch_once_a_day(ticket, engineer, agent):
    Account.objects.filter(pk=ticket.account_id).update(ce=engineer)
    ticket.account.refresh_from_db()
    reply(ticket, engineer, "On it.")
    assert Touch.objects.count() == 1  # logged, but on a small account it plans nothing
    assert not cadence.plan_for(ticket.account, TODAY).saved
    Touch.objects.all().delete()
    Account.objects.filter(pk=ticket.account_id).update(strategic=True)
    ticket.account.refresh_from_db()
    reply(ticket, agent, "Looking into it.")  # not the account's team: no touch
    reply(ticket, engineer, "The tiles are back.")
    reply(ticket, engineer, "And the legend too.")
    reply(ticket, engineer, "Internal: watch zoom 15", public=False)
    touches = list(Touch.objects.filter(account=ticket.account))
    assert [(t.kind, t.by, t.ticket) for t in touches] == [(TouchKind.REPLY, engineer, ticket)]
    plan = cadence.plan_for(ticket.account, touches[0].on)
    assert plan.last_touch == touches[0].on and plan.next_touch is not None


def test_a_touch_logged_late_is_kept_but_plans_nothing(account, engineer):
    cadence.record_touch(account, engineer, TODAY, kind=TouchKind.MEETING, note="QBR")
    late = cadence.record_touch(account, engineer, date(2026, 11, 20), kind=TouchKind.EMAIL)
    assert late.on == date(2026, 11, 20)
    row = cadence.plan_for(account, TODAY)
    assert (row.last_touch, row.next_touch) == (TODAY, date(2027, 1, 4))
    assert [t.kind for t in cadence.recent_touches(account)] == ["meeting", "email"]
    with pytest.raises(ValidationError) as refused:
        cadence.record_touch(account, engineer, TODAY, kind="pigeon")
    assert "kind" in refused.value.message_dict
    with pytest.raises(ValidationError, match="counted by the desk"):
        cadence.record_touch(account, engineer, TODAY, kind=TouchKind.REPLY)
