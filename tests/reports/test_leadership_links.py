"""Every figure of the demo's last full quarter links to the list of what it counts: each link
answers 200, and each list holds as many rows as the figure counts (or its population)."""

from __future__ import annotations

import re
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command

from sunrelay.desk.models import Ticket
from sunrelay.reports import leadership
from sunrelay.reports.spans import Span
from sunrelay.search import filters, query
from tests.demo.conftest import SMALL_ARGS

pytestmark = pytest.mark.django_db

# Figures whose link is a page rather than a list of what they count.
PAGES = ("/desk/feedback/themes/", "/desk/reports/presales/", "/desk/projects/hours/")


def _numbers(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)]


def _expected(f) -> int:
    """How many rows the figure's list holds: its count, else the population it names."""
    numbers = _numbers(f.population)
    if f.unit in ("minutes", "dollars") or f.key == "after_hours":
        return numbers[0]  # "N measured", "of N unsolved", "N accounts", "N after hours, …"
    if f.key == "uncovered_tickets":
        return numbers[0]  # "N of M received": the N received with nobody on shift
    if f.unit == "share":
        return numbers[1]  # "N of M …": the M it is a share of
    return int(f.value)


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())


def test_every_figure_of_the_demos_quarter_links_to_what_it_counts(demo, client):
    from django.contrib.auth.models import User

    marta = User.objects.get(username="marta")
    client.force_login(marta)
    span = Span.parse("quarter", "2025-Q1")
    report = leadership.compute(span)  # as the page computes it
    figures = [f for s in report.sections for f in s.figures]
    assert figures and all(f.link for f in figures), [f.key for f in figures if not f.link]
    counted = 0
    for f in figures:
        response = client.get(f.link)
        assert response.status_code == 200, (f.key, f.link)
        if f.link.startswith("/desk/search/"):
            searched = query.parse(parse_qs(urlsplit(f.link).query)["q"][0])
            found = filters.apply(Ticket.objects.all(), searched.filters, marta).count()
            assert found == _expected(f), f.key
            counted += 1
        elif f.link.startswith("/desk/reports/leadership/figure/"):
            shown = re.search(rb'data-count="(\d+)"', response.content)
            assert int(shown.group(1)) == _expected(f), (f.key, f.population, f.value)
            if f.unit == "dollars":  # the accounts' MRR adds up to the figure
                mrr = re.search(rb'data-mrr="(\d+)"', response.content)
                assert int(mrr.group(1)) == round(f.value), f.key
            counted += 1
        else:
            assert f.link.startswith(("/desk/health/", *PAGES)), f.link
    assert counted >= 15
