"""The leadership report's targets: set in words-checked form on the page and through the
API, shown beside their figures with whether they are met in every output."""

from __future__ import annotations

import pytest

from sunrelay.reports import leadership, leadership_render, leadership_targets
from sunrelay.reports.models import ReportTarget
from sunrelay.reports.spans import Span
from tests.factories import make_staff
from tests.reports.conftest import NOW

pytestmark = pytest.mark.django_db


def _figure(report, key):
    return next(f for s in report.sections for f in s.figures if f.key == key)


def test_targets_show_beside_their_figures_in_every_output(desk_week):
    leadership_targets.set_target("answered", "", 0.95, None)  # 3 of 4 answered: missed
    leadership_targets.set_target("breaches", "", 5, None)  # at most: met
    leadership_targets.set_target("answered", "enterprise", 0.5, None)
    report = leadership.compute(Span.parse("month", "2026-11"), now=NOW)
    answered = _figure(report, "answered")
    assert (answered.target, answered.met) == ("≥ 95 %", answered.value >= 0.95)
    assert _figure(report, "breaches").target == "≤ 5" and _figure(report, "breaches").met
    assert _figure(report, "answered_enterprise").target == "≥ 50 %"
    assert _figure(report, "received").target == "" and _figure(report, "received").met is None
    markdown = leadership_render.as_markdown(report)
    assert "| ≤ 5, met |" in markdown
    assert "≤ 5,met" in leadership_render.as_csv(report).replace(", ", ",")
    assert leadership_render.as_dict(report)["sections"][2]["figures"][0]["met"] is True


def test_a_target_is_refused_in_words():
    with pytest.raises(ValueError, match="takes no target"):
        leadership_targets.set_target("received", "", 10, None)
    with pytest.raises(ValueError, match="not a tier"):
        leadership_targets.set_target("csat", "gold", 0.9, None)
    with pytest.raises(ValueError, match="one target for every tier"):
        leadership_targets.set_target("breaches", "pro", 3, None)
    with pytest.raises(ValueError, match="from 0 to 1"):
        leadership_targets.set_target("csat", "", 90, None)
    with pytest.raises(ValueError, match="not a number"):
        leadership_targets.set_target("backlog", "", "many", None)
    assert ReportTarget.objects.count() == 0


def test_leads_set_targets_on_the_page_and_others_read_them(client):
    lead = make_staff("leader", ["lead"])
    client.force_login(lead)
    response = client.post(
        "/desk/reports/leadership/targets/", {"key": "csat", "tier": "pro", "value": "90"}
    )
    assert response.status_code == 302
    target = ReportTarget.objects.get()
    assert (target.key, target.tier, target.value, target.at_least) == ("csat", "pro", 0.9, True)
    assert client.post("/desk/reports/leadership/targets/", {"remove": "x"}).status_code == 302
    assert ReportTarget.objects.count() == 1  # nothing removed for a value that names none
    bad = client.post("/desk/reports/leadership/targets/", {"key": "csat", "value": "lots"})
    assert bad.status_code == 400 and b"is not a number" in bad.content
    assert b'value="lots"' in bad.content  # what was typed is kept
    client.force_login(make_staff("sue", ["support"]))
    page = client.get("/desk/reports/leadership/targets/")
    assert page.status_code == 200 and "≥ 90 %" in page.content.decode()
    assert b"Set a target" not in page.content
    assert (
        client.post("/desk/reports/leadership/targets/", {"remove": target.pk}).status_code == 403
    )


def test_the_api_lists_sets_and_removes_targets(client):
    from sunrelay.api.tokens import create_token

    lead = make_staff("leader", ["lead"])
    _, secret = create_token(lead, "reports")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    put = client.put(
        "/api/v1/reports/targets",
        {"key": "first_reply_within", "tier": "enterprise", "value": 0.95},
        content_type="application/json",
        **auth,
    )
    assert put.status_code == 200 and put.json()["words"] == "≥ 95 %"
    refused = client.put(
        "/api/v1/reports/targets",
        {"key": "subject", "value": 1},
        content_type="application/json",
        **auth,
    )
    assert refused.status_code == 422 and "takes no target" in refused.content.decode()
    assert [t["key"] for t in client.get("/api/v1/reports/targets", **auth).json()] == [
        "first_reply_within"
    ]
    gone = client.delete(f"/api/v1/reports/targets/{put.json()['id']}", **auth)
    assert gone.status_code == 204 and not ReportTarget.objects.exists()
