"""The report's customer satisfaction, against figures computed by hand.

ISO week 2026-W47 (16-22 November, UTC), surveys opened by real solves, rated by the service:
- A Acme (enterprise), Carla (beginner), Alba, L1: solved Tue 17, rated good ("Fast").
- B Acme, Dev (advanced), Alba, L2: solved Wed 18, rated bad.
- C Small (free), Sol (advanced), Keisha, L1: solved Thu 19, rated good.
- D Small, Sol, Keisha, L1: solved Fri 20, not rated.
- E Acme, Carla, Alba: solved Mon 9 (the week before), rated good.

This week: 4 asked, 3 rated (75 % answered), 2 good (67 % of rated). The week before: 1 of
1 answered, 1 good.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from sunrelay.csat import services
from sunrelay.csat.models import Survey
from sunrelay.desk import services as desk
from sunrelay.reports import render, satisfaction, tables, weekly
from sunrelay.reports.queries import Scope
from tests.factories import make_account, make_contact, make_staff, make_ticket
from tests.reports.conftest import W47, at


def _solved(contact, who, when, subject, level="l1"):
    ticket = make_ticket(contact, subject=subject, at=when - timedelta(hours=2))
    desk.update_ticket(ticket, who, at=when - timedelta(hours=1), assignee=who, level=level)
    desk.update_ticket(ticket, who, at=when, status="solved", cause="question")
    return ticket


def _rate(ticket, rating, comment=""):
    survey = Survey.objects.get(ticket=ticket)
    services.rate(survey, rating, via="email", comment=comment, at=survey.solved_at + timedelta(1))


@pytest.fixture
def rated_week(db, agent):
    keisha = make_staff("keisha", roles=["support"], time_zone="America/New_York")
    acme = make_account("Acme Maps", tier="enterprise")
    small = make_account("Small Shop", tier="free", mrr=0)
    carla = make_contact("Carla", "carla@acme.test", account=acme, skill="beginner")
    dev = make_contact("Dev", "dev@acme.test", account=acme, skill="advanced")
    sol = make_contact("Sol", "sol@small.test", account=small, skill="advanced")
    t = {
        "a": _solved(carla, agent, at(17, 10), "Clusters"),
        "b": _solved(dev, agent, at(18, 10), "Token scopes", level="l2"),
        "c": _solved(sol, keisha, at(19, 10), "Invoice"),
        "d": _solved(sol, keisha, at(20, 10), "Export"),
        "e": _solved(carla, agent, at(9, 10), "Legend"),
    }
    _rate(t["a"], "good", "Fast")
    _rate(t["b"], "bad")
    _rate(t["c"], "good")
    _rate(t["e"], "good")
    return {**t, "keisha": keisha}


def _rows(csat, dimension):
    [group] = [g for g in csat.groups if g.dimension == dimension]
    return {r.label: (r.good, r.rated, r.asked, r.tickets) for r in group.rows}


def test_the_week_with_its_populations_and_the_week_before(rated_week):
    csat = satisfaction.compute(W47, Scope())
    assert (csat.good.value, csat.good.total, csat.good.share) == (2, 3, pytest.approx(2 / 3))
    assert (csat.rated.value, csat.rated.total, csat.rated.share) == (3, 4, 0.75)
    assert (csat.good.previous, csat.good.previous_total, csat.good.previous_share) == (1, 1, 1)
    assert (csat.rated.previous, csat.rated.previous_total) == (1, 1)


def test_per_tier_agent_level_and_skill_with_the_rated_tickets(rated_week, agent):
    t = rated_week
    csat = satisfaction.compute(W47, Scope())
    a, b, c = t["a"].pk, t["b"].pk, t["c"].pk
    assert _rows(csat, "tier") == {"Enterprise": (1, 2, 2, [a, b]), "Free": (1, 1, 2, [c])}
    assert list(_rows(csat, "tier")) == ["Enterprise", "Free"]  # highest tier first
    alba = f"{agent.first_name} {agent.last_name}".strip() or agent.username
    keisha = t["keisha"].get_full_name() or "keisha"
    assert _rows(csat, "agent") == {alba: (1, 2, 2, [a, b]), keisha: (1, 1, 2, [c])}
    assert _rows(csat, "level") == {"L1 support": (2, 2, 3, [a, c]), "L2 support": (0, 1, 1, [b])}
    assert _rows(csat, "skill") == {"Beginner": (1, 1, 1, [a]), "Advanced": (1, 2, 3, [b, c])}


def test_the_weeks_end_with_this_one_and_empty_weeks_say_none(rated_week):
    weeks = satisfaction.compute(W47, Scope()).weeks
    assert len(weeks) == satisfaction.CSAT_WEEKS
    assert [w.label for w in weeks[-2:]] == ["2026-W46", "2026-W47"]
    assert (weeks[-1].good, weeks[-1].rated, weeks[-1].asked) == (2, 3, 4)
    assert (weeks[-2].share_good, weeks[-2].response_rate) == (1, 1)
    assert (weeks[0].asked, weeks[0].share_good, weeks[0].response_rate) == (0, None, None)


def test_the_filters_select_surveys_by_their_tier_and_agent(rated_week, agent):
    free = satisfaction.compute(W47, Scope(tier="free"))
    assert (free.good.value, free.rated.value, free.rated.total) == (1, 1, 2)
    mine = satisfaction.compute(W47, Scope(agent=agent.pk))
    assert (mine.good.value, mine.rated.value, mine.rated.total) == (1, 2, 2)


def test_a_rating_lists_its_ticket_and_the_tables_link_them(rated_week):
    report = weekly.compute(W47)
    assert [(r.ticket.id, r.rating, r.comment) for r in report.csat.ratings] == [
        (rated_week["a"].pk, "good", "Fast"),
        (rated_week["b"].pk, "bad", ""),
        (rated_week["c"].pk, "good", ""),
    ]
    named = tables.by_name(report)
    summary = {row[0]: row[1:] for row in named["summary"].rows}
    assert summary["Rated good (of rated)"] == [2, 1, 1, 3, pytest.approx(2 / 3), 1]
    assert summary["Surveys answered (of asked)"] == [3, 1, 2, 4, 0.75, 1]
    csv = render.as_csv(named["csat"])
    assert "Tier,Enterprise,1,2,2,50,100," in csv
    views = {v.name: v for v in render.table_views(report)}
    first = views["csat_ratings"].rows[0][0]
    assert first == (f"#{rated_week['a'].pk}", False, f"/desk/tickets/{rated_week['a'].pk}/")
