"""Posts of mailing lists: which list a message came through, and the list's threads.

A post belongs to a list when
- it was imported from that list's archive (`sunrelay mail import --list`), or
- its List-Id or its posting address (List-Post) is a configured list's (MailingList), or
  it is addressed (To, Cc) to a configured list that adds no such headers, or
- it names a posting address in List-Post (any discussion list, configured or not: mail.lists).

A list's ticket remembers the list and its topic (ListThread). A post threads by In-Reply-To
and References first, like all mail (mail.threading); a post whose references are lost (some
mail programs and archives drop them) but whose subject says it answers ("Re: ...") joins the
ticket of the same list with the same topic, when that ticket had news within TOPIC_DAYS.
Within one list only: two lists may discuss the same subject.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Q

from sunrelay.desk.models import Channel, Ticket
from sunrelay.mail import lists
from sunrelay.mail.models import ListThread, MailingList, RawMessage
from sunrelay.mail.parse import ParsedMail
from sunrelay.mail.threading import follow_merges, takes_messages

TOPIC_DAYS = 30
TOPIC_LENGTH = 300
_REPLY = re.compile(r"^\s*(re|aw|sv|antw|vs)\s*(\[\d+\]|\(\d+\))?\s*:\s*", re.IGNORECASE)
_OTHER_PREFIX = re.compile(r"^\s*((fwd?|wg|tr)\s*:|\[[^\]]{1,80}\])\s*", re.IGNORECASE)
_LIST_ID = re.compile(r"<([^<>\s]+)>")


@dataclass(frozen=True)
class ListPost:
    """A person's post relayed by a list."""

    name: str
    sender: str
    address: str  # the list's posting address
    list_id: str
    mailing_list: MailingList | None


def topic(subject: str) -> tuple[str, bool]:
    """The subject without reply markers, list prefixes and ticket tags, in lower case, and
    whether it said it answers something."""
    text, answering = subject or "", False
    while True:
        reply = _REPLY.match(text)
        other = None if reply else _OTHER_PREFIX.match(text)
        if reply is None and other is None:
            break
        answering = answering or reply is not None
        text = text[(reply or other).end() :]
    return " ".join(text.lower().split())[:TOPIC_LENGTH], answering


def list_id_of(mail: ParsedMail) -> str:
    """The identifier of the List-Id header (RFC 2919), lower-case; '' without one."""
    value = mail.header("List-Id")
    found = _LIST_ID.search(value)
    return (found.group(1) if found else value.strip()).lower()[:255]


def _matches(known: MailingList, list_id: str, posting: str, recipients: set[str]) -> bool:
    if list_id and known.list_id:
        return known.list_id.lower() == list_id
    return known.address == posting or (not posting and known.address in recipients)


@dataclass
class ListState:
    """What one run of intake knows of lists: the configured ones (read once), and within an
    import batch the list threads it opened, written with the batch (mail.route.Context)."""

    _configured: list[MailingList] | None = None
    pending: list[ListThread] = field(default_factory=list)
    topics: dict[tuple[str, str], Ticket] = field(default_factory=dict)

    def configured(self) -> list[MailingList]:
        if self._configured is None:
            self._configured = list(MailingList.objects.all())
        return self._configured

    def post_of(self, mail: ParsedMail, row: RawMessage) -> ListPost | None:
        """The person's post this message is, if it came through a list."""
        list_id, posting = list_id_of(mail), lists.posting_address(mail)
        recipients = {address for _, address in mail.to + mail.cc}
        found = next((m for m in self.configured() if m.pk == row.mailing_list_id), None)
        if found is None:
            found = next(
                (m for m in self.configured() if _matches(m, list_id, posting, recipients)), None
            )
        address = found.address if found is not None else posting
        if not address:
            return None
        person = lists.poster(mail, address)
        if person is None:
            return None
        known_id = found.list_id.lower() if found is not None else ""
        return ListPost(person[0], person[1], address, list_id or known_id, found)

    def thread_on(
        self,
        post: ListPost,
        subject: str,
        now: datetime,
        load: Callable[[int | Ticket], Ticket | None],
    ) -> Ticket | None:
        """The list's ticket with this post's topic, for an answer whose references are lost."""
        text, answering = topic(subject)
        if not answering or not text:
            return None
        ticket = self.topics.get((_key(post), text))
        if ticket is None:
            same_list = Q(list_id=post.list_id) if post.list_id else Q(address=post.address)
            ref = (
                ListThread.objects.filter(same_list, topic=text)
                .order_by("-ticket__updated_at")
                .values_list("ticket_id", flat=True)
                .first()
            )
            ticket = load(ref) if ref is not None else None
        ticket = follow_merges(ticket, load)  # the topic's ticket may have been merged since
        if ticket is None or ticket.updated_at < now - timedelta(days=TOPIC_DAYS):
            return None
        return ticket if takes_messages(ticket, now) else None

    def opened(self, post: ListPost, ticket: Ticket, subject: str, *, batched: bool) -> None:
        """Remember the list of a ticket a post opened (saved now, or with the batch)."""
        row = ListThread(
            ticket=ticket,
            mailing_list=post.mailing_list,
            address=post.address,
            list_id=post.list_id,
            topic=topic(subject)[0],
        )
        if batched:
            self.pending.append(row)
            self.topics[(_key(post), row.topic)] = ticket
        else:
            row.save()

    def write(self) -> None:
        """Save the batch's list threads (their tickets are saved by now)."""
        if self.pending:
            ListThread.objects.bulk_create(self.pending)
        self.forget_batch()

    def forget_batch(self) -> None:
        self.pending, self.topics = [], {}


def _key(post: ListPost) -> str:
    return post.list_id or post.address


def thread_of(ticket: Ticket) -> ListThread | None:
    """The list a ticket came from; None for a ticket that did not come through one."""
    if ticket.channel != Channel.MAILING_LIST:
        return None  # no query for the other channels' pages and replies
    return ListThread.objects.select_related("mailing_list").filter(ticket=ticket).first()
