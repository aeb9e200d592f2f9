"""Pairing an AE and a CE on an account, with its history, and each CE's capacity."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunrelay.success import teams
from sunrelay.success.models import TeamChange
from tests.factories import make_account, make_contact, make_staff, make_ticket


def test_a_lead_pairs_an_account_and_the_history_says_who_when_and_why(
    account, sales, engineer, lead
):
    change = teams.pair(account, lead, ae=sales, ce=engineer, reason="Ines knows their stack")
    account.refresh_from_db()
    assert (account.ae, account.ce) == (sales, engineer)
    assert (change.changed_by, change.reason) == (lead, "Ines knows their stack")
    # The same team again writes nothing.
    assert teams.pair(account, lead, ae=sales, ce=engineer) is None
    teams.pair(account, lead, ae=sales, ce=None, reason="Ines is leaving")
    assert [c.ce for c in teams.history(account)] == [None, engineer]


def test_only_leads_pair_and_only_the_right_roles_are_taken(account, sales, engineer, agent, lead):
    with pytest.raises(PermissionDenied):
        teams.pair(account, agent, ae=sales, ce=engineer)
    with pytest.raises(ValidationError) as refused:
        teams.pair(account, lead, ae=sales, ce=agent)
    assert "is not an active customer engineer" in refused.value.message_dict["ce"][0]
    with pytest.raises(ValidationError):
        teams.pair(account, lead, ae=engineer, ce=engineer)
    assert not TeamChange.objects.exists()


def test_capacity_counts_each_engineers_accounts_mrr_strategic_and_open_tickets(
    lead, engineer, settings
):
    settings.CE_ACCOUNTS_LOW, settings.CE_ACCOUNTS_HIGH = 2, 3
    other = make_staff("priya", roles=["customer_engineer"])
    for i in range(5):
        make_account(f"Acct {i}", mrr=100 * (i + 1), ce=engineer, strategic=i == 4)
    alone = make_account("Alone", ce=None)
    make_ticket(make_contact("C", "c@acct0.test", account=make_account("Acct 5", ce=other)))
    with CaptureQueriesContext(connection) as queries:
        load = teams.capacity(lead)
    assert len(queries) <= 5
    by_name = {e.user.username: e for e in load.engineers}
    assert len(by_name["ines"].accounts) == 5 and by_name["ines"].state == "over"
    assert by_name["ines"].strategic == 1 and str(by_name["ines"].mrr) == "1500.00"
    assert by_name["priya"].open_tickets == 1 and by_name["priya"].state == "under"
    assert load.unpaired == [alone]
    assert [(m.from_user, m.to_user) for m in load.moves] == [(engineer, other), (engineer, other)]


def test_sales_see_the_capacity_of_their_own_accounts_only(sales, engineer):
    make_account("Theirs", ae=sales, ce=engineer)
    make_account("Not theirs", ce=engineer)
    load = teams.capacity(sales)
    assert [a.name for e in load.engineers for a in e.accounts] == ["Theirs"]
