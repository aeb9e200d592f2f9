"""The weekly report's feedback themes: the themes that got more new items in the report's
week than in the week before, with their population, alike on the page, in Markdown, in the
e-mail, in CSV and in the API's JSON."""

from __future__ import annotations

import csv
import io

import pytest
import time_machine

from sunrelay.feedback import services as feedback
from sunrelay.reports import render, tables, weekly
from sunrelay.reports.queries import Scope
from tests.factories import make_account, make_contact, make_staff
from tests.reports.conftest import NOW, W47, at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def themes(db):
    alba = make_staff("alba", ["support"])
    big = make_account("Bigco", tier="enterprise", mrr=40000)
    small = make_account("Smallco", tier="basic", mrr=800)
    ana = make_contact("Ana", "ana@bigco.test", big)
    sue = make_contact("Sue", "sue@smallco.test", small)
    offline = feedback.create_theme(alba, name="Offline maps")
    exports = feedback.create_theme(alba, name="Bulk exports")
    steady = feedback.create_theme(alba, name="Dark mode")

    def item(theme, contact, when):
        feedback.capture(alba, quote="We need it", contact=contact, theme=theme, at=when)

    # Offline maps: 2 new in W47 (17th, 19th), 1 in W46 (10th): grew.
    item(offline, ana, at(17, 10))
    item(offline, sue, at(19, 10))
    item(offline, ana, at(10, 10))
    # Bulk exports: 1 in W47, none before: grew; a W48 item is not the report's week.
    item(exports, sue, at(20, 10))
    item(exports, sue, at(24, 10))
    # Dark mode: 1 and 1: did not grow.
    item(steady, ana, at(18, 10))
    item(steady, ana, at(11, 10))
    return {"offline": offline, "exports": exports, "steady": steady}


def test_the_themes_that_grew_with_their_reference_and_population(themes):
    report = weekly.compute(W47)
    rows = [(t.name, t.value, t.previous, t.change) for t in report.feedback_themes]
    assert rows == [("Offline maps", 2, 1, 1), ("Bulk exports", 1, 0, 1)]
    offline = report.feedback_themes[0]
    assert (offline.items, offline.accounts, offline.contacts, offline.enterprise) == (3, 2, 2, 1)
    assert offline.population == "2 accounts, $40,800 MRR, 1 of them Enterprise"
    # All the items count in the population, the week after the report's included.
    assert report.feedback_themes[1].items == 2


def test_the_tier_filter_counts_only_that_tier(themes):
    report = weekly.compute(W47, Scope(tier="enterprise"))
    # Ana's Offline maps item in W47 against her one in W46: no growth; exports are Basic.
    assert report.feedback_themes == []


def test_every_output_carries_the_section(themes):
    report = weekly.compute(W47)
    table = tables.by_name(report)["feedback_themes"]
    assert table.title == "Feedback themes that grew"
    markdown = render.as_markdown(report)
    assert "## Feedback themes that grew" in markdown
    assert "| Offline maps | Open | 2 | 1 | +1 | 3 | 2 | 2 | 40,800 | 1 |" in markdown
    email = render.as_email_html(report, "https://desk.test/weekly")
    assert "Feedback themes that grew" in email and "Offline maps" in email
    rows = list(csv.DictReader(io.StringIO(render.as_csv(table))))
    assert rows[0]["theme"] == "Offline maps" and rows[0]["mrr"] == "40800"
    population = render.as_dict(report)["feedback_themes"][0]["population"]
    assert population == "2 accounts, $40,800 MRR, 1 of them Enterprise"


def test_a_week_without_feedback_says_so(db, client):
    lead = make_staff("lucia", ["lead"])
    client.force_login(lead)
    page = client.get("/desk/reports/weekly/", {"week": "2026-W47"}).content.decode()
    assert 'Feedback themes that grew <span class="muted small">(none this week)</span>' in page


def test_three_queries_whatever_the_number_of_themes(themes, django_assert_num_queries):
    from sunrelay.feedback.models import FeedbackItem
    from sunrelay.reports import feedback_themes

    with django_assert_num_queries(3):
        feedback_themes.grew(W47, W47.previous(), Scope())
    assert FeedbackItem.objects.count() == 7
