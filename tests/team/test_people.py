"""People on the settings pages: a lead adds someone and sets roles; everyone keeps their own
working week (team.people)."""

from __future__ import annotations

from datetime import time

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.team import people
from sunrelay.team.models import StaffProfile, WorkingInterval
from sunrelay.team.roles import roles_of

pytestmark = pytest.mark.django_db

WEEK = {d: [(time(9), time(17))] for d in range(5)}


def week_post(**fields) -> dict:
    days = {f"day_{d}": "09:00-17:00" if d < 5 else "" for d in range(7)}
    return {"location": "Madrid", "time_zone": "Europe/Madrid", **days, **fields}


def test_a_lead_adds_a_person_who_can_log_in(client, lead):
    user = people.add_person(
        lead,
        username="nora",
        password="a-long-enough-pass-1",
        first_name="Nora",
        roles=["support"],
        time_zone="America/Denver",
        location="Denver",
    )
    assert roles_of(user) == {"support"}
    assert StaffProfile.objects.get(user=user).time_zone == "America/Denver"
    response = client.post("/login/", {"username": "nora", "password": "a-long-enough-pass-1"})
    assert response.status_code == 302
    assert client.get("/desk/").status_code == 200


def test_adding_a_person_refuses_in_words(lead, agent):
    with pytest.raises(ValidationError) as exc:
        people.add_person(lead, username="alba", password="123", roles=[], time_zone="CET")
    errors = exc.value.message_dict
    assert "A user with that username already exists." in errors["username"]
    assert errors["roles"] == ["Give them a role: without one they see nothing."]
    assert any("too short" in m for m in errors["password"])
    assert "not an IANA time zone name" in errors["time_zone"][0]


def test_roles_and_log_in_are_a_leads_to_change(lead, agent):
    people.update_person(
        lead,
        agent,
        first_name="Alba",
        last_name="Serrano",
        email="alba@example.test",
        is_active=False,
        roles=["support", "solutions"],
    )
    agent.refresh_from_db()
    assert not agent.is_active and agent.last_name == "Serrano"
    assert set(agent.staff_roles.values_list("role", flat=True)) == {"support", "solutions"}
    with pytest.raises(PermissionDenied):
        people.update_person(
            agent, lead, first_name="", last_name="", email="", is_active=True, roles=[]
        )


def test_a_lead_cannot_lock_themself_out(lead):
    with pytest.raises(ValidationError) as exc:
        people.update_person(
            lead, lead, first_name="L", last_name="", email="", is_active=False, roles=["support"]
        )
    assert set(exc.value.message_dict) == {"is_active", "roles"}


def test_each_person_keeps_their_own_working_week(agent, lead, sales):
    people.save_working_week(
        agent,
        agent,
        location="Madrid",
        time_zone="Europe/Madrid",
        support_levels=["l2", "l1"],
        week=WEEK,
    )
    profile = StaffProfile.objects.get(user=agent)
    assert profile.support_levels == ["l1", "l2"]
    assert WorkingInterval.objects.filter(profile=profile).count() == 5
    people.save_working_week(lead, agent, location="", time_zone="UTC", support_levels=[], week={})
    assert WorkingInterval.objects.filter(profile=profile).count() == 0
    with pytest.raises(PermissionDenied):
        people.save_working_week(
            sales, agent, location="", time_zone="UTC", support_levels=[], week={}
        )


def test_the_week_rules_refuse_in_words(agent):
    with pytest.raises(ValidationError) as exc:
        people.save_working_week(
            agent, agent, location="", time_zone="Mars/Olympus", support_levels=["l9"], week={}
        )
    assert set(exc.value.message_dict) == {"time_zone", "support_levels"}


# The pages


def test_everyone_reads_the_people_page(client, sales, agent, lead):
    people.save_working_week(
        agent, agent, location="Madrid", time_zone="Europe/Madrid", support_levels=[], week=WEEK
    )
    client.force_login(sales)
    html = client.get("/desk/settings/people/").content.decode()
    assert "Alba" in html and "Mon 09:00-17:00" in html and "Add a person" not in html
    page = client.get(f"/desk/settings/people/{agent.pk}/").content.decode()
    assert "Save the working week" not in page and "Save log-in and roles" not in page


def test_a_lead_changes_a_persons_working_hours_on_their_page(client, lead, agent):
    client.force_login(lead)
    url = f"/desk/settings/people/{agent.pk}/week/"
    response = client.post(url, week_post(day_0="08:00-12:00, 13:00-16:00", support_levels=["l1"]))
    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=agent)
    monday = profile.working_hours.filter(weekday=0).order_by("start")
    assert [(i.start, i.end) for i in monday] == [(time(8), time(12)), (time(13), time(16))]
    response = client.post(url, week_post(day_3="morning"))
    assert response.status_code == 422
    assert "is not a stretch like 09:00-17:00" in response.content.decode()


def test_a_person_edits_their_own_week_but_not_their_roles(client, agent, lead):
    client.force_login(agent)
    page = client.get(f"/desk/settings/people/{agent.pk}/").content.decode()
    assert "Save the working week" in page and "Save log-in and roles" not in page
    assert client.post(f"/desk/settings/people/{agent.pk}/week/", week_post()).status_code == 302
    assert client.post(f"/desk/settings/people/{lead.pk}/week/", week_post()).status_code == 403
    response = client.post(f"/desk/settings/people/{agent.pk}/person/", {"roles": ["lead"]})
    assert response.status_code == 403


def test_a_lead_adds_a_person_on_the_page(client, lead):
    client.force_login(lead)
    response = client.post(
        "/desk/settings/people/new/",
        {
            "username": "nora",
            "password": "a-long-enough-pass-1",
            "first_name": "Nora",
            "roles": ["support"],
            "time_zone": "America/Denver",
        },
    )
    nora = User.objects.get(username="nora")
    assert response["Location"] == f"/desk/settings/people/{nora.pk}/"
    response = client.post("/desk/settings/people/new/", {"username": "nora", "password": "x"})
    assert response.status_code == 422
