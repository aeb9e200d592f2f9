"""Edge input on every page's query parameters and form fields: refused in words, never a
server error (fault 10). Years near 1 and 9999, ids past 64 bits, 100,000 characters."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import make_account
from tests.schedule.builders import make_rotation

HUGE = str(2**63)
LONG = "x" * 100_000
EDGES = [
    LONG, HUGE, "abc\x00", "0001-W01", "9999-W52", "0001-01-01", "9999-12-31T23:59",
    "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00",
]  # fmt: skip

PAGES = {
    "/desk/queues/open/": ["q", "status", "priority", "level", "tier", "assignee", "tag", "sort", "page"],
    "/desk/accounts/": ["q", "strategic", "page"],
    "/desk/shifts/": ["role", "level"],
    "/desk/coverage/": ["week", "role", "level"],
    "/desk/handoffs/": ["after", "before", "region", "page"],
    "/desk/reports/weekly/": ["week", "tier", "region", "agent"],
    "/desk/reports/weekly/report.md": ["week", "agent"],
    "/desk/reports/weekly/csv/tickets/": ["week", "agent"],
    "/desk/rotations/": ["weeks"],
    "/desk/rotations/{rotation}/": ["weeks", "start", "end", "reason"],
    "/desk/time-off/": ["page"],
    "/mail/quarantine/": ["show", "page"],
    "/mail/outbox/": ["show", "page"],
    "/mail/contacts-without-account/": ["page"],
}  # fmt: skip


@pytest.fixture
def boss(lead):
    lead.is_superuser = True  # sees every page there is
    lead.save()
    client = Client(raise_request_exception=False)
    client.force_login(lead)
    return client


@pytest.fixture
def rotation(lead):
    return make_rotation("L2", layers=[{"people": [lead]}])


@pytest.mark.parametrize(("url", "param"), [(u, p) for u, ps in PAGES.items() for p in ps])
def test_no_query_parameter_value_breaks_a_page(boss, rotation, ticket, url, param):
    url = url.format(rotation=rotation.pk)
    broken = [value[:24] for value in EDGES if boss.get(url, {param: value}).status_code >= 500]
    assert broken == []


@pytest.mark.parametrize(
    "url",
    ["/desk/tickets/{}/", "/desk/accounts/{}/", "/desk/contacts/{}/", "/desk/rotations/{}/",
     "/desk/time-off/{}/", "/mail/quarantine/{}/", "/mail/attachments/{}/"],
)  # fmt: skip
def test_an_id_past_64_bits_is_not_found(boss, url):
    assert boss.get(url.format(HUGE)).status_code == 404


def test_a_bad_week_or_agent_is_said_in_words(boss):
    for week in ("0001-W01", "9999-W52"):
        response = boss.get("/desk/coverage/", {"week": week})
        assert response.status_code == 200
        assert "between 1970 and 2199" in response.content.decode()
    response = boss.get("/desk/reports/weekly/", {"agent": HUGE})
    assert "is not a person" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [{"contact": "abc"}, {"contact": HUGE}, {"contact": "-5"}, {"domain": LONG}],
)
def test_placing_contacts_refuses_bad_input_in_words(boss, data):
    make_account("Globex")
    response = boss.post(
        "/mail/contacts-without-account/place/", {"account": "Globex", **data}, follow=True
    )
    assert response.status_code == 200
    assert any(m.level_tag == "error" for m in response.context["messages"])


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_time_off_far_from_now_is_refused_in_words(boss, day):
    response = boss.post("/desk/time-off/", {"first_day": day, "last_day": day})
    assert response.status_code in (200, 422)
    assert "between 1970 and 2199" in response.content.decode()


@pytest.mark.parametrize("moment", ["0001-01-01T00:00", "9999-12-31T23:59"])
def test_an_override_far_from_now_is_refused_in_words(boss, lead, rotation, moment):
    response = boss.post(
        f"/desk/rotations/{rotation.pk}/overrides/",
        {"user": lead.pk, "starts_at": moment, "ends_at": moment},
    )
    assert response.status_code == 422
    assert "between 1970 and 2199" in response.content.decode()
