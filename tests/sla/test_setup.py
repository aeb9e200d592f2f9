"""Business calendars and SLA policies set up on the settings pages, through sla.setup."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sunrelay.sla import config, setup
from sunrelay.sla.models import Calendar, Policy, Target, TicketUrgency
from sunrelay.sla.services import recompute
from sunrelay.sla.settings_forms import parse_minutes

pytestmark = pytest.mark.django_db

ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    b"BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20261208\r\nDTEND;VALUE=DATE:20261209\r\n"
    b"SUMMARY:Inmaculada\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def week_post(**days) -> dict:
    return {f"day_{d}": days.get(f"day_{d}", "") for d in range(7)}


@pytest.fixture
def madrid(db):
    return Calendar.objects.create(name="Madrid office", time_zone="Europe/Madrid")


def test_a_lead_saves_a_calendar_with_its_working_week(lead, madrid):
    week = {0: [(time(9), time(14)), (time(15), time(18))], 4: [(time(22), time(2))]}
    setup.save_calendar(lead, madrid, name="Madrid office", time_zone="Europe/Madrid", week=week)
    assert [(i.weekday, i.start, i.end) for i in madrid.intervals.order_by("weekday", "start")] == [
        (0, time(9), time(14)),
        (0, time(15), time(18)),
        (4, time(22), time(2)),
    ]


def test_calendar_rules_refuse_in_words(lead, madrid):
    with pytest.raises(ValidationError) as exc:
        setup.save_calendar(lead, None, name="madrid OFFICE", time_zone="CET")
    errors = exc.value.message_dict
    assert errors["name"] == ["There is already one named madrid OFFICE."]
    assert "not an IANA time zone name" in errors["time_zone"][0]


def test_only_leads_change_calendars_and_policies(agent, madrid):
    with pytest.raises(PermissionDenied):
        setup.save_calendar(agent, madrid, name="x", time_zone="UTC")
    with pytest.raises(PermissionDenied):
        setup.save_policy(agent, None, name="x")


def test_every_change_moves_the_configuration_so_open_tickets_are_recomputed(lead, ticket):
    recompute(ticket)
    before = config.current().version
    policy = setup.save_policy(lead, None, name="Everyone", targets={"first_reply": (60, False)})
    assert config.current().version != before
    assert TicketUrgency.objects.get(ticket=ticket).config_version != config.current().version
    assert Target.objects.get(policy=policy).minutes == 60


def test_a_policy_with_conditions_targets_and_a_calendar(lead, madrid):
    policy = setup.save_policy(
        lead,
        None,
        name="Enterprise",
        tiers=["enterprise", "partner"],
        priorities=["urgent"],
        tags=["Big Deal"],
        calendar=madrid,
        warn_share=0.5,
        targets={"first_reply": (240, True), "resolution": (4320, False)},
    )
    assert (policy.tiers, policy.priorities, policy.tags) == (
        ["enterprise", "partner"],
        ["urgent"],
        ["big-deal"],
    )
    targets = {t.metric: (t.minutes, t.business) for t in policy.targets.all()}
    assert targets == {"first_reply": (240, True), "resolution": (4320, False)}
    setup.save_policy(
        lead,
        policy,
        name="Enterprise",
        calendar=madrid,
        targets={"first_reply": (120, True), "resolution": None},
    )
    assert {t.metric: t.minutes for t in policy.targets.all()} == {"first_reply": 120}


def test_policy_rules_refuse_in_words(lead):
    with pytest.raises(ValidationError) as exc:
        setup.save_policy(
            lead,
            None,
            name="",
            tiers=["gold"],
            warn_share=2,
            targets={"first_reply": (0, True)},
        )
    errors = exc.value.message_dict
    assert set(errors) == {"name", "tiers", "warn_share", "first_reply"}
    assert errors["first_reply"] == [
        "The first reply target is a whole number of minutes, 1 or more."
    ]
    assert not Policy.objects.exists()


def test_policies_move_up_and_down_in_the_matching_order(lead):
    a, b, c = (setup.save_policy(lead, None, name=n) for n in "ABC")
    setup.move_policy(lead, c, -1)
    assert list(Policy.objects.order_by("position").values_list("name", flat=True)) == [
        "A",
        "C",
        "B",
    ]
    setup.move_policy(lead, a, -1)  # already first: stays
    assert Policy.objects.order_by("position").first() == a


def test_holidays_added_removed_and_imported(lead, madrid):
    holiday = setup.add_holiday(lead, madrid, day=date(2026, 12, 8), name="Inmaculada")
    with pytest.raises(ValidationError, match="is a holiday of Madrid office already"):
        setup.add_holiday(lead, madrid, day=date(2026, 12, 8))
    setup.remove_holiday(lead, holiday)
    assert setup.import_holidays(lead, madrid, ICS) == (1, 0)
    with pytest.raises(ValidationError) as exc:
        setup.import_holidays(lead, madrid, b"not a calendar")
    assert exc.value.message_dict["file"][0].startswith("Not a usable iCalendar file")


# The pages


def test_everyone_reads_the_overview_only_leads_get_the_forms(client, agent, lead, madrid):
    setup.save_policy(lead, None, name="Everyone", targets={"first_reply": (90, True)})
    client.force_login(agent)
    html = client.get("/desk/settings/sla/").content.decode()
    assert "Everyone" in html and "First reply 1 h 30 min (business)" in html
    assert "Read-only" in html and "New policy" not in html
    assert client.get(f"/desk/settings/sla/calendars/{madrid.pk}/").status_code == 403
    client.force_login(lead)
    assert "New policy" in client.get("/desk/settings/sla/").content.decode()


def test_a_lead_edits_a_calendar_on_its_page(client, lead, madrid):
    client.force_login(lead)
    url = f"/desk/settings/sla/calendars/{madrid.pk}/"
    response = client.post(
        url, {"name": "Madrid office", "time_zone": "Europe/Madrid", **week_post(day_0="9-18")}
    )
    assert response.status_code == 302
    assert [(i.weekday, i.start, i.end) for i in madrid.intervals.all()] == [(0, time(9), time(18))]
    response = client.post(
        url, {"name": "Madrid office", "time_zone": "Europe/Madrid", **week_post(day_2="9 to 5")}
    )
    assert response.status_code == 422
    assert "is not a stretch like 09:00-17:00" in response.content.decode()
    assert madrid.intervals.count() == 1  # nothing lost


def test_a_lead_adds_and_imports_holidays_on_the_calendar_page(client, lead, madrid):
    client.force_login(lead)
    base = f"/desk/settings/sla/calendars/{madrid.pk}/holidays/"
    assert client.post(base, {"day": "2026-01-06", "name": "Reyes"}).status_code == 302
    upload = SimpleUploadedFile("festivos.ics", ICS, content_type="text/calendar")
    response = client.post(base + "import/", {"file": upload}, follow=True)
    assert "Imported 1 holidays (0 were there already)." in response.content.decode()
    bad = SimpleUploadedFile("x.ics", b"nope", content_type="text/calendar")
    response = client.post(base + "import/", {"file": bad})
    assert (
        response.status_code == 422 and "Not a usable iCalendar file" in response.content.decode()
    )
    assert madrid.holidays.count() == 2


def test_a_lead_changes_a_policy_target_on_its_page(client, lead, madrid):
    policy = setup.save_policy(
        lead, None, name="Everyone", calendar=madrid, targets={"first_reply": (240, True)}
    )
    client.force_login(lead)
    url = f"/desk/settings/sla/policies/{policy.pk}/"
    page = client.get(url).content.decode()
    assert 'value="4 h"' in page
    form = {
        "name": "Everyone",
        "active": "on",
        "calendar": madrid.pk,
        "warn_percent": "80",
        "first_reply_time": "2 h 30 min",
        "first_reply_business": "on",
        "resolution_time": "72 h",
    }
    assert client.post(url, form).status_code == 302
    policy.refresh_from_db()
    assert policy.warn_share == 0.8
    assert {t.metric: (t.minutes, t.business) for t in policy.targets.all()} == {
        "first_reply": (150, True),
        "resolution": (4320, False),
    }
    response = client.post(url, {**form, "first_reply_time": "soon"})
    assert response.status_code == 422
    assert "is not a time like 4 h or 2 h 30 min" in response.content.decode()
    response = client.post(url, {**form, "warn_percent": "500"})
    assert response.status_code == 422
    assert "Ensure this value is less than or equal to 1.0." in response.content.decode()
    policy.refresh_from_db()
    assert policy.warn_share == 0.8


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("4 h", 240), ("2 h 30 min", 150), ("90", 90), ("90 min", 90), ("1h15m", 75), ("", None)],
)
def test_target_times_read_as_people_write_them(text, minutes):
    assert parse_minutes(text) == minutes


def test_the_order_buttons_move_a_policy(client, lead):
    a = setup.save_policy(lead, None, name="A")
    b = setup.save_policy(lead, None, name="B")
    client.force_login(lead)
    client.post(f"/desk/settings/sla/policies/{b.pk}/move/", {"direction": "up"})
    assert list(Policy.objects.order_by("position")) == [b, a]
