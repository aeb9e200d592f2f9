"""Integrations' part of the role matrix's world: one GitHub issue linked from both accounts'
tickets (sales see their half), another only from a second ticket of Otherco; both fixed, so
each ticket has a drafted notice to its requester; an outgoing webhook with one delivery;
a link pattern, and a typed link on each account's ticket."""

from __future__ import annotations

from sunrelay.desk.services import NewTicket, create_ticket, reply, update_ticket
from sunrelay.integrations import bugs, outgoing, typed_links
from sunrelay.integrations.models import BugNotice, Delivery
from sunrelay.integrations.trackers import parse

SHARED = "https://github.com/sunrelay-maps/tiles/issues/101"
OTHERS = "https://github.com/sunrelay-maps/tiles/issues/102"


def add(world, users) -> None:
    objects, lead = world.objects, users["lead"]
    requester = objects["ticket:other"].requester
    second = create_ticket(
        NewTicket(requester=requester, subject="Crash", body="It crashed."), actor=None
    ).ticket
    for ticket, url in (
        (objects["ticket:own"], SHARED),
        (objects["ticket:other"], SHARED),
        (second, OTHERS),
    ):
        update_ticket(ticket, lead, bug_url=url)
    objects["bug:own"] = bugs.fixed(parse(SHARED), "issue closed on GitHub")
    objects["bug:other"] = bugs.fixed(parse(OTHERS), "issue closed on GitHub")
    for key in ("own", "other"):
        ticket = objects[f"ticket:{key}"]
        objects[f"bug_notice:{key}"] = BugNotice.objects.get(link__ticket=ticket)
    # An outgoing webhook with one delivery queued (the worker does not run here).
    hook = outgoing.create(
        lead, name="Ops", url="https://example.test/in", events=["ticket.replied"]
    )
    objects["webhook:own"] = hook
    reply(objects["ticket:own"], lead, "We are looking at it.")
    objects["delivery:own"] = Delivery.objects.get(webhook=hook)
    # Typed links: a pattern for every team, a link on each account's ticket.
    objects["link_pattern:own"] = typed_links.add_pattern(
        lead, name="Sentry", kind="error_tracker", pattern="https://sentry.test/issues/{id}"
    )
    for key in ("own", "other"):
        objects[f"ticket_link:{key}"] = typed_links.add(
            lead, objects[f"ticket:{key}"], kind="dashboard", url="https://grafana.test/d/1"
        )
    # A chat channel (a webhook of format slack).
    objects["chat:own"] = outgoing.create(
        lead, name="#urgent", url="https://chat.test/in", events=["ticket.urgent"], format="slack"
    )
