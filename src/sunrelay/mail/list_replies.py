"""Where a public reply on a mailing-list ticket goes: to the list, or privately to the person.

The agent chooses per reply (the reply form, the API's `to_list`); a reply made without a
choice (a macro, an integration) follows the list's setting (MailingList.reply_to_list), and
for a list nobody configured it goes privately: nothing is posted to a public list unless
someone chose to. A reply to the list is addressed to the list's posting address alone (its
members, the person included, get it from the list), keeps In-Reply-To and References so it
joins the list's thread, keeps the list's own subject prefix, carries no ticket tag, and adds
no List-* headers: the list writes its own.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar

from django.core.exceptions import ValidationError

from sunrelay.desk.models import Ticket
from sunrelay.mail.listposts import thread_of
from sunrelay.mail.models import ListThread

_choice: ContextVar[bool | None] = ContextVar("sunrelay_list_reply", default=None)


@contextlib.contextmanager
def replying(ticket: Ticket, to_list: bool | None):
    """Replies queued inside go to the ticket's list (True), privately (False), or as the
    list's setting says (None). Refuses True for a ticket that came through no list."""
    if to_list and thread_of(ticket) is None:
        raise ValidationError(
            {"to_list": "This ticket did not come through a mailing list: there is no list "
             "to reply to."}
        )  # fmt: skip
    token = _choice.set(to_list)
    try:
        yield
    finally:
        _choice.reset(token)


def goes_to_list(thread: ListThread, choice: bool | None = None) -> bool:
    if choice is not None:
        return choice
    return bool(thread.mailing_list and thread.mailing_list.reply_to_list)


def list_address_for(ticket: Ticket) -> str:
    """The list a reply queued now goes to; '' when it goes privately."""
    thread = thread_of(ticket)
    if thread is None or not goes_to_list(thread, _choice.get()):
        return ""
    return thread.address
