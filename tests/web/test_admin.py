from __future__ import annotations

from sunrelay.desk.models import EventKind, Status


def test_an_agent_solving_without_a_cause_in_the_admin_sees_the_error_in_place(
    client, agent, ticket
):
    agent.is_staff = True
    agent.save()
    client.force_login(agent)
    url = f"/admin/desk/ticket/{ticket.pk}/change/"
    form = {
        "subject": ticket.subject,
        "status": Status.SOLVED,
        "priority": ticket.priority,
        "level": ticket.level,
        "assignee": "",
        "cause": "",
        "bug_url": "",
        "tag_list": "",
        "messages-TOTAL_FORMS": "0",
        "messages-INITIAL_FORMS": "0",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    }
    response = client.post(url, form)
    assert response.status_code == 200
    assert b"Say what caused it before solving" in response.content
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW

    form["cause"] = "question"
    form["tag_list"] = "tiles, Zoom Levels"
    response = client.post(url, form)
    assert response.status_code == 302, response.content[:2000]
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLVED
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["tiles", "zoom-levels"]
    assert set(ticket.events.values_list("kind", flat=True)) >= {
        EventKind.STATUS,
        EventKind.CAUSE,
        EventKind.TAGS,
    }


def test_sales_can_look_in_the_admin_but_not_change(client, sales, ticket):
    sales.is_staff = True
    sales.save()
    client.force_login(sales)
    assert client.get(f"/admin/desk/ticket/{ticket.pk}/change/").status_code == 200
    response = client.post(f"/admin/desk/ticket/{ticket.pk}/change/", {"subject": "hijacked"})
    assert response.status_code == 403
    ticket.refresh_from_db()
    assert ticket.subject != "hijacked"
