"""The ticket page and its forms: thread, internal notes, replies, properties, permissions."""

from __future__ import annotations

import re

import pytest

from sunrelay.desk import services
from sunrelay.desk.models import Message, MessageKind, Status, Ticket
from tests.factories import make_account, make_contact, make_staff, make_ticket

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def url(ticket, action=""):
    return f"/desk/tickets/{ticket.pk}/{action + '/' if action else ''}"


def articles(html: str) -> list[tuple[str, str]]:
    """(class attribute, inner html) of each message of the thread, in order."""
    return re.findall(r'<article class="(message [^"]+)"[^>]*>(.*?)</article>', html, flags=re.S)


@pytest.fixture
def worked(ticket, agent):
    services.note(ticket, agent, "Reproduced at zoom 14 with their style.")
    services.reply(ticket, agent, "Thanks Carla, we can see it too.")
    return ticket


def test_it_shows_the_thread_in_order_with_the_note_unmistakably_internal(client, agent, worked):
    client.force_login(agent)
    html = client.get(url(worked)).content.decode()
    found = articles(html)
    assert [cls.split()[1] for cls, _ in found] == [
        "message-customer",
        "message-note",
        "message-reply",
    ]
    customer, note, reply = found
    assert "is-public" in customer[0] and "Help, please." in customer[1]
    assert "is-internal" in note[0] and "Internal note · staff only" in note[1]
    assert "Reproduced at zoom 14" in note[1]
    assert "is-public" in reply[0] and "Public reply" in reply[1] and "staff only" not in reply[1]


def test_it_shows_properties_account_panel_and_history(client, agent, worked, contact):
    other = make_ticket(contact, "Second problem")
    client.force_login(agent)
    html = client.get(url(worked)).content.decode()
    for text in (
        "Acme Maps",
        "$16,000",
        "$192,000 a year",
        "Sam",
        "Beginner",
        f"#{other.pk} Second problem",
        "Internal note",
        "Public reply",
        "New → Open",
        'name="cause"',
        'name="bug_url"',
        'name="interesting"',
        "Assign to me",
    ):
        assert text in html, text


def test_the_customer_html_is_sanitised_on_the_page(client, agent, contact):
    ticket = services.create_ticket(
        services.NewTicket(
            requester=contact,
            subject="XSS",
            body="hi",
            html='<p onclick="x()">Hello</p><script>alert(1)</script><a href="javascript:x()">y</a>',
        ),
        actor=None,
    ).ticket
    Message.objects.filter(ticket=ticket).update(
        body_html='<img src=x onerror="alert(2)"><script>alert(3)</script>'
    )
    client.force_login(agent)
    html = client.get(url(ticket)).content.decode()
    assert "alert(3)" not in html and "onerror" not in html


def test_a_plain_text_message_is_escaped(client, agent, contact):
    ticket = make_ticket(contact, "Tags", body="<b>not bold</b>\n\nsecond")
    client.force_login(agent)
    html = client.get(url(ticket)).content.decode()
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html


def test_a_note_through_htmx_returns_the_refreshed_workspace(client, agent, ticket):
    client.force_login(agent)
    response = client.post(url(ticket, "note"), {"body": "Checked the logs."}, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="ticket-workspace"')
    assert "Internal note added" in html
    note = Message.objects.get(ticket=ticket, kind=MessageKind.NOTE)
    assert note.body_text == "Checked the logs." and note.author_user == agent


def test_a_reply_without_javascript_redirects_back_to_the_ticket(client, agent, ticket):
    client.force_login(agent)
    response = client.post(url(ticket, "reply"), {"body": "On it.", "status": "pending"})
    assert response.status_code == 302 and response["Location"] == url(ticket)
    ticket.refresh_from_db()
    assert ticket.status == Status.PENDING
    assert Message.objects.filter(ticket=ticket, kind=MessageKind.REPLY).count() == 1
    assert "Public reply added" in client.get(url(ticket)).content.decode()


@pytest.mark.parametrize("action", ["reply", "note"])
def test_an_empty_message_is_refused_in_place(client, agent, ticket, action):
    client.force_login(agent)
    response = client.post(url(ticket, action), {"body": "   "}, headers=HTMX)
    assert response.status_code == 422
    assert response["HX-Retarget"] == f"#{action}-form"
    assert "The message is empty." in response.content.decode()
    no_js = client.post(url(ticket, action), {"body": ""})
    assert no_js.status_code == 422 and "The message is empty." in no_js.content.decode()
    assert Message.objects.filter(ticket=ticket).count() == 1


def test_a_reply_that_solves_without_a_cause_is_refused_and_not_sent(client, agent, ticket):
    client.force_login(agent)
    response = client.post(
        url(ticket, "reply"), {"body": "Fixed!", "status": "solved"}, headers=HTMX
    )
    assert response.status_code == 422
    assert "Say what caused it before solving" in response.content.decode()
    assert "Fixed!" in response.content.decode()  # the text is kept for the next try
    assert not Message.objects.filter(ticket=ticket, kind=MessageKind.REPLY).exists()


def test_a_reply_solves_with_its_cause_and_bug_link_in_one_step(client, agent, ticket):
    client.force_login(agent)
    html = client.get(url(ticket)).content.decode()
    assert 'id="reply-cause"' in html and 'id="reply-bug_url"' in html  # in the reply form
    refused = client.post(
        url(ticket, "reply"), {"body": "Fixed!", "status": "solved"}, headers=HTMX
    )
    assert refused["HX-Retarget"] == "#reply-form"
    assert re.search(
        r'id="reply-solve-fields".*?has-error.*?Say what caused it before solving',
        refused.content.decode(),
        re.S,
    )  # the error sits at the field that fixes it
    response = client.post(
        url(ticket, "reply"),
        {
            "body": "Fixed in today's release.",
            "status": "solved",
            "cause": "product_bug",
            "bug_url": "https://tracker.test/BUG-7",
        },
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.status, ticket.cause, ticket.bug_url) == (
        "solved",
        "product_bug",
        "https://tracker.test/BUG-7",
    )
    reply = Message.objects.get(ticket=ticket, kind=MessageKind.REPLY)
    assert reply.body_text == "Fixed in today's release."
    kinds = list(ticket.events.values_list("kind", flat=True))
    assert kinds[-4:] == ["replied", "cause", "bug_link", "status"]


def test_the_reply_forms_cause_counts_only_when_solving(client, agent, ticket):
    client.force_login(agent)
    response = client.post(
        url(ticket, "reply"),
        {"body": "Looking into it.", "status": "pending", "cause": "question", "bug_url": "x"},
        headers=HTMX,
    )
    assert response.status_code == 200
    ticket.refresh_from_db()
    assert (ticket.status, ticket.cause, ticket.bug_url) == ("pending", "", "")


def props(ticket, **changes):
    """The properties form as the page shows it, then with `changes` typed in."""
    shown = {
        "status": ticket.status,
        "priority": ticket.priority,
        "level": ticket.level,
        "assignee": ticket.assignee_id or "",
        "tags": ", ".join(ticket.tags.values_list("name", flat=True)),
        "cause": ticket.cause,
        "bug_url": ticket.bug_url,
    }
    data = {f"initial-{k}": v for k, v in shown.items()}
    if ticket.interesting:
        data["initial-interesting"] = "on"
    data.update(shown)
    data.update(changes)
    return data


def test_solving_needs_a_cause_and_then_is_accepted(client, agent, ticket):
    client.force_login(agent)
    refused = client.post(url(ticket, "properties"), props(ticket, status="solved"), headers=HTMX)
    assert refused.status_code == 422
    assert refused["HX-Retarget"] == "#properties-form"
    html = refused.content.decode()
    assert re.search(r"field-cause has-error.*?Say what caused it before solving", html, re.S)
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW
    accepted = client.post(
        url(ticket, "properties"),
        props(ticket, status="solved", cause="product_bug", bug_url="https://tracker.test/BUG-1"),
        headers=HTMX,
    )
    assert accepted.status_code == 200
    ticket.refresh_from_db()
    assert (ticket.status, ticket.cause, ticket.bug_url) == (
        "solved",
        "product_bug",
        "https://tracker.test/BUG-1",
    )
    assert "Saved:" in accepted.content.decode()


def test_properties_change_tags_assignee_and_the_flag(client, agent, lead, ticket):
    client.force_login(agent)
    response = client.post(
        url(ticket, "properties"),
        props(
            ticket, tags="Tiles, zoom level", assignee=lead.pk, interesting="on", priority="high"
        ),
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["tiles", "zoom-level"]
    assert (ticket.assignee, ticket.interesting, ticket.priority) == (lead, True, "high")


def test_a_stale_properties_form_does_not_undo_a_colleagues_change(client, agent, lead, ticket):
    page_seen = props(ticket)  # the agent opened the page
    services.update_ticket(ticket, lead, priority="urgent")  # a colleague changed the priority
    client.force_login(agent)
    page_seen["level"] = "l2"
    assert client.post(url(ticket, "properties"), page_seen).status_code == 302
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.level) == ("urgent", "l2")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"status": "bogus"}, "status", "Select a valid choice"),
        ({"bug_url": "javascript:alert(1)"}, "bug_url", "http(s) URL"),
        ({"tags": "x" * 70}, "tags", "longer than 64"),
        ({"assignee": "999999"}, "assignee", "Select a valid choice"),
        ({"cause": "aliens"}, "cause", "Select a valid choice"),
    ],
)
def test_bad_properties_are_shown_in_place_never_a_500(
    client, agent, ticket, changes, field, message
):
    client.force_login(agent)
    response = client.post(url(ticket, "properties"), props(ticket, **changes))
    assert response.status_code == 422
    assert re.search(
        rf"field-{field} has-error.*?{re.escape(message)}", response.content.decode(), re.S
    )


def test_a_sales_person_without_a_working_role_cannot_be_assigned(client, agent, sales, ticket):
    client.force_login(agent)
    response = client.post(url(ticket, "properties"), props(ticket, assignee=sales.pk))
    assert response.status_code == 422  # not among the choices


def test_nothing_changed_says_so(client, agent, ticket):
    client.force_login(agent)
    response = client.post(url(ticket, "properties"), props(ticket), headers=HTMX)
    assert response.status_code == 200 and "Nothing changed." in response.content.decode()


def test_assign_to_me(client, agent, ticket):
    client.force_login(agent)
    response = client.post(url(ticket, "assign-to-me"), headers=HTMX)
    assert response.status_code == 200 and "Assigned to you." in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.assignee == agent and ticket.status == Status.OPEN


def test_a_closed_ticket_is_read_only_and_refuses_changes_in_words(client, agent, ticket):
    services.update_ticket(ticket, agent, status="solved", cause="question")
    services.update_ticket(ticket, agent, status="closed")
    client.force_login(agent)
    html = client.get(url(ticket)).content.decode()
    assert "This ticket is closed" in html and 'id="reply-form"' not in html
    response = client.post(url(ticket, "assign-to-me"), headers=HTMX)
    assert response.status_code == 422 and "closed" in response.content.decode()
    assert client.post(url(ticket, "note"), {"body": "late"}).status_code == 422


def test_sales_read_their_accounts_tickets_with_the_note_form_alone(client, sales, worked):
    client.force_login(sales)
    response = client.get(url(worked))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Read-only" in html
    assert (
        'id="reply-form"' not in html
        and 'id="reply-body"' not in html
        and 'id="properties-form"' not in html
        and "Assign to me" not in html
    )
    # Their one way to write: an internal note, a request to support.
    assert html.count("<textarea") == 1 and 'id="note-form"' in html
    assert "Internal note" in html  # staff, even read-only, see notes


@pytest.mark.parametrize("action", ["reply", "properties", "assign-to-me"])
def test_sales_get_403_on_every_write(client, sales, ticket, action):
    client.force_login(sales)
    response = client.post(
        url(ticket, action), props(ticket, body="hi", status="solved", cause="question")
    )
    assert response.status_code == 403
    assert Ticket.objects.get(pk=ticket.pk).status == Status.NEW
    assert Message.objects.filter(ticket=ticket).count() == 1


def test_tickets_outside_ones_view_are_404(client, sales, agent):
    otto = make_staff("otto", roles=["sales"])
    elsewhere = make_account("Other Co", ae=otto)
    hidden = make_ticket(make_contact("Bo", "bo@other.test", account=elsewhere))
    client.force_login(sales)
    assert client.get(url(hidden)).status_code == 404
    assert client.post(url(hidden, "note"), {"body": "x"}).status_code == 404
    client.force_login(agent)
    assert client.get("/desk/tickets/999999/").status_code == 404


def test_no_role_no_ticket(client, outsider, ticket):
    client.force_login(outsider)
    assert client.get(url(ticket)).status_code == 403
    assert client.post(url(ticket, "note"), {"body": "x"}).status_code == 403


def test_get_on_a_form_endpoint_is_405(client, agent, ticket):
    client.force_login(agent)
    assert client.get(url(ticket, "reply")).status_code == 405


def test_the_ticket_page_costs_a_fixed_number_of_queries(
    client, agent, ticket, django_assert_max_num_queries
):
    for i in range(15):
        services.note(ticket, agent, f"note {i}")
        services.update_ticket(ticket, agent, assignee=agent if i % 2 else None)
    client.force_login(agent)
    # Once, so what a process reads once (the database's JSON support, the SLA settings)
    # does not count, whatever ran before this test.
    client.get(url(ticket))
    # 13 before the SLA panel, which adds its targets and the pending hand-off note; 3 for
    # the e-mail channel (attachments, deliveries, bounces).
    with django_assert_max_num_queries(18):
        assert client.get(url(ticket)).status_code == 200
