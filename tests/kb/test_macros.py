"""Macros: placeholders, field changes through the services, who sees which, usage counted."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.desk.models import EventKind, MessageKind, Status
from sunrelay.kb import articles, macros
from sunrelay.kb.models import MacroUse, Visibility
from tests.factories import make_staff


def test_it_fills_placeholders_and_links_articles(agent, ticket):
    article = articles.create_article(
        agent, title="Blank tiles", body="b", visibility=Visibility.PUBLIC
    )
    macro = macros.create_macro(
        agent,
        name="Ask for the map link",
        body="Hi {requester_first_name}, about #{ticket_number} ({account_name}): see "
        + "{article:"
        + article.slug
        + "}. {agent_name}",
    )
    text = macros.render(macro.body, ticket, agent)
    assert text.startswith(f"Hi Carla, about #{ticket.pk} (Acme Maps): see http")
    assert f"/help/{article.slug}/" in text and text.endswith(agent.get_full_name() or "alba")


def test_unknown_placeholders_articles_and_changes_are_refused(agent):
    with pytest.raises(ValidationError, match="Unknown placeholder"):
        macros.create_macro(agent, name="x", body="Hi {first_name}")
    with pytest.raises(ValidationError, match="No article"):
        macros.create_macro(agent, name="x", body="See {article:nope}")
    with pytest.raises(ValidationError) as exc:
        macros.create_macro(agent, name="x", body="y", changes={"status": "done", "assignee": 1})
    assert {"status", "assignee"} <= set(exc.value.message_dict)


def test_applying_replies_and_changes_fields_in_one_step(agent, ticket):
    macro = macros.create_macro(
        agent,
        name="Waiting for details",
        body="Could you send the link, {requester_first_name}?",
        changes={"status": Status.PENDING, "priority": "high", "tags": ["needs-info"]},
    )
    message = macros.apply_macro(macro, ticket, agent)
    ticket.refresh_from_db()
    assert message.kind == MessageKind.REPLY and message.body_text.endswith("Carla?")
    assert ticket.status == Status.PENDING and ticket.priority == "high"
    assert list(ticket.tags.values_list("name", flat=True)) == ["needs-info"]
    kinds = list(ticket.events.values_list("kind", flat=True))
    assert EventKind.REPLIED in kinds and EventKind.PRIORITY in kinds and EventKind.TAGS in kinds
    macro.refresh_from_db()
    assert macro.uses == 1 and MacroUse.objects.filter(macro=macro, ticket=ticket).count() == 1


def test_the_agents_edit_of_the_text_is_what_is_sent(agent, ticket):
    macro = macros.create_macro(agent, name="Thanks", body="Thanks!")
    message = macros.apply_macro(macro, ticket, agent, body="Thanks, and sorry for the wait.")
    assert message.body_text == "Thanks, and sorry for the wait."


def test_who_sees_and_edits_which(agent, lead, sales):
    mine = macros.create_macro(agent, name="Mine", body="x")
    shared = macros.create_macro(lead, name="For support", body="y", shared=True, team="support")
    for_se = macros.create_macro(lead, name="For SEs", body="z", shared=True, team="solutions")
    other = make_staff("otto", roles=["support"])
    assert set(macros.visible_macros(agent)) == {mine, shared}
    assert set(macros.visible_macros(other)) == {shared}
    assert list(macros.visible_macros(sales)) == []
    with pytest.raises(PermissionDenied):
        macros.create_macro(agent, name="Share", body="x", shared=True)
    with pytest.raises(PermissionDenied):
        macros.update_macro(mine, other, name="Stolen")
    with pytest.raises(PermissionDenied):
        macros.update_macro(shared, agent, name="Edited")
    macros.update_macro(shared, lead, name="For support staff")
    with pytest.raises(PermissionDenied):
        macros.apply_macro(for_se, make_ticket_for(agent), agent)


def make_ticket_for(agent):
    from tests.factories import make_account, make_contact, make_ticket

    account = make_account("Beta", tier="pro", mrr=10, domains=["beta.test"])
    return make_ticket(make_contact("B", "b@beta.test", account=account))
