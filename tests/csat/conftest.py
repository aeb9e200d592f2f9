"""CSAT test helpers: solving a ticket the real way, and the links of its e-mail."""

from __future__ import annotations

import re

from sunrelay.desk import services
from sunrelay.mail.models import Outbox

LINK = re.compile(r"https?://\S+?(/csat/[\w:.-]+/)")


def solve(ticket, actor, **changes):
    return services.update_ticket(ticket, actor, status="solved", cause="question", **changes)


def survey_mails(ticket) -> list[Outbox]:
    return list(Outbox.objects.filter(ticket=ticket, kind="notice").order_by("id"))


def links_of(mail: Outbox) -> tuple[str, str]:
    """(good, bad) paths of a survey e-mail, in the order the e-mail gives them."""
    good, bad = LINK.findall(mail.body_text)
    return good, bad
