"""A mapped shared channel puts its account in the strategic segment (success.strategic),
unless SUNRELAY_SLACK_SHARED_CHANNEL_STRATEGIC switches it off; the pages say why."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sunrelay.slack import setup
from sunrelay.success import teams
from tests.factories import make_account, make_staff


def _engineer():
    return make_staff("ines", roles=["customer_engineer"])


def test_a_shared_channel_makes_its_account_strategic_without_a_query_more(lead, settings):
    engineer = _engineer()
    shared = make_account("Shared Co", ce=engineer, mrr=100)
    plain = make_account("Plain Co", ce=engineer, mrr=100)
    teams.capacity(lead)  # warm: what is read once per process is not counted
    with CaptureQueriesContext(connection) as before:
        assert teams.capacity(lead).strategic_ids == set()
    setup.map_channel(lead, channel_id="C0SHARED", account=shared, name="shared-co")
    with CaptureQueriesContext(connection) as after:
        load = teams.capacity(lead)
    assert load.strategic_ids == {shared.pk} and plain.pk not in load.strategic_ids
    assert load.strategic_why[shared.pk] == "Strategic: a shared Slack channel"
    assert len(after) == len(before)
    # Strategic accounts are not moved by the rebalancing.
    settings.CE_ACCOUNTS_LOW, settings.CE_ACCOUNTS_HIGH = 0, 1
    make_staff("priya", roles=["customer_engineer"])
    assert [m.account.name for m in teams.capacity(lead).moves] == ["Plain Co"]


def test_the_setting_switches_the_reason_off(lead, settings):
    shared = make_account("Shared Co", ce=_engineer())
    setup.map_channel(lead, channel_id="C0SHARED", account=shared, name="shared-co")
    settings.SLACK_SHARED_CHANNEL_STRATEGIC = False
    assert teams.capacity(lead).strategic_ids == set()


def test_the_pages_say_why_the_account_is_strategic(lead):
    shared = make_account("Shared Co", ce=_engineer(), strategic=True)
    setup.map_channel(lead, channel_id="C0SHARED", account=shared, name="shared-co")
    client = Client()
    client.force_login(lead)
    why = "Strategic: flagged strategic, a shared Slack channel"
    assert why in client.get("/desk/success/").content.decode()
    assert why in client.get(f"/desk/success/accounts/{shared.pk}/").content.decode()
