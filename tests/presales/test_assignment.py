from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sunrelay.presales import capacity, services
from sunrelay.presales.engagements import log_engagement
from sunrelay.presales.models import Assignment, PresalesSettings
from sunrelay.team.models import TimeOff
from tests.factories import make_account
from tests.presales.conftest import TODAY
from tests.schedule.builders import make_rotation


def _opportunities(people, account, n):
    return [
        services.create_opportunity(people["lucia"], account=account, name=f"Deal {i}")
        for i in range(n)
    ]


@time_machine.travel(datetime(2026, 12, 7, 12, tzinfo=timezone.get_fixed_timezone(0)))
def test_it_warns_when_an_assignment_overloads_the_se(people, account):
    services.set_overload_threshold(people["lucia"], 3)
    first, second, third = _opportunities(people, account, 3)
    assert services.assign(people["lucia"], first, people["sofia"]).warning == ""
    log_engagement(
        people["sofia"], first, kind="demo", title="Routing demo", starts_on=date(2026, 12, 9)
    )
    # Sofia: one open opportunity and one demo this week; a second deal makes three.
    assert services.assign(people["lucia"], second, people["sofia"]).warning == ""
    assignment = services.assign(people["lucia"], third, people["sofia"])
    assert assignment.warning == (
        "Sofia already has 2 open opportunities and 1 demos or proofs of concept this week: "
        "one more is over the limit of 3."
    )
    assert third.se == people["sofia"]  # a warning, not a refusal


@time_machine.travel(datetime(2026, 12, 7, 12, tzinfo=timezone.get_fixed_timezone(0)))
def test_capacity_shows_rotation_weeks_and_time_off(people, account):
    make_rotation("L2", level="l2", layers=[{"people": [people["sergio"], people["sofia"]]}])
    TimeOff.objects.create(
        user=people["sofia"], first_day=date(2026, 12, 21), last_day=date(2026, 12, 24)
    )
    rows = {c.se.username: c for c in capacity.capacities(TODAY)}
    assert set(rows) == {"sofia", "sergio"}
    # Weekly shifts from Monday 5 January 2026, Sergio first: 48 weeks on, Sergio again.
    assert rows["sergio"].l2_weeks == [date(2026, 12, 7), date(2026, 12, 21)]
    assert rows["sofia"].l2_weeks == [date(2026, 12, 14), date(2026, 12, 28)]
    assert [(t.first_day, t.last_day) for t in rows["sofia"].time_off] == [
        (date(2026, 12, 21), date(2026, 12, 24))
    ]


def test_reassignment_keeps_the_history(people, opportunity):
    services.assign(people["lucia"], opportunity, people["sofia"])
    services.assign(people["lucia"], opportunity, people["sergio"])
    rows = list(Assignment.objects.filter(opportunity=opportunity))
    assert [(r.se.username, r.ended_at is None) for r in rows] == [
        ("sofia", False),
        ("sergio", True),
    ]
    assert opportunity.se == people["sergio"]


def test_only_the_lead_assigns_and_only_ses(people, opportunity):
    for who in ("sam", "sofia", "alba"):
        with pytest.raises(PermissionDenied):
            services.assign(people[who], opportunity, people["sofia"])
    with pytest.raises(ValidationError, match="Only an active solutions engineer"):
        services.assign(people["lucia"], opportunity, people["alba"])
    with pytest.raises(PermissionDenied):
        services.set_overload_threshold(people["sofia"], 9)
    assert PresalesSettings.current().overload_threshold == 5


def test_a_won_deal_credits_its_se_and_a_lost_one_nobody(people, account, opportunity):
    services.assign(people["lucia"], opportunity, people["sofia"])
    services.assign(people["lucia"], opportunity, people["sergio"])
    services.close(people["sam"], opportunity, "won", "Routing PoC met every criterion.")
    assert opportunity.credited_se == people["sergio"]
    assert opportunity.closed_at is not None
    lost = services.create_opportunity(people["sam"], account=account, name="Ownco tiles")
    services.assign(people["lucia"], lost, people["sofia"])
    services.close(people["sam"], lost, "lost", "Chose an in-house build.")
    assert (lost.stage, lost.credited_se, lost.se) == ("lost", None, people["sofia"])
    with pytest.raises(ValidationError, match="This opportunity is won"):
        services.close(people["sam"], opportunity, "lost", "Changed their mind.")
    other = make_account("Otherco Rail", ae=people["otto"])
    elsewhere = services.create_opportunity(people["otto"], account=other, name="Rail")
    with pytest.raises(PermissionDenied):
        services.close(people["sam"], elsewhere, "won", "Mine now.")
