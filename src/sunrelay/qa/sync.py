"""Questions of a Q&A site as tickets, kept in step with the site on every import.

- A question new to us opens a ticket of channel "Q&A site" (its author the requester, the
  imported tag on it, external reference `qa:<site>:<question id>`).
- Its answers and comments, on the question and on the answers, join the ticket in the order
  they were written: a customer's message each, or a public reply when one of our people
  wrote it (people.py); our replies are marked as posted on the site and are not e-mailed.
- A post we have already is never added again (SitePost maps (site, kind, id) to the message).
  A post whose text changed on the site is updated through desk.services.edit_from_source,
  which keeps the old text in an "edited" event; a changed title changes the subject
  (a "subject" event by Sunrelay).
- On a closed ticket nothing changes (closed is final): a newcomer's post opens a follow-up
  ticket linked to it, and the question's later posts go there; our own answers and edits to
  posts of the closed ticket are left out, and counted.

Each question is written in its own transaction: one the desk refuses (an empty title, say)
is counted with the reason and the others go on. Running an import twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sunrelay.desk import services
from sunrelay.desk.html import sanitize
from sunrelay.desk.models import Channel, Status, Ticket
from sunrelay.mail.htmltext import html_to_text
from sunrelay.qa.export import Post, Question
from sunrelay.qa.models import SitePost
from sunrelay.qa.people import People


@dataclass
class Summary:
    questions: int = 0  # questions of the tag read
    created: int = 0  # tickets opened (follow-ups included)
    appended: int = 0  # answers and comments added to tickets
    edited: int = 0  # messages and subjects updated from the site
    unchanged: int = 0  # posts already here as they are
    left_out: int = 0  # posts of the other tags, and changes a closed ticket cannot take
    refused: list[str] = field(default_factory=list)  # questions the desk refused, and why

    def as_dict(self) -> dict:
        return {
            "questions": self.questions,
            "created": self.created,
            "appended": self.appended,
            "edited": self.edited,
            "unchanged": self.unchanged,
            "left_out": self.left_out,
            "refused": len(self.refused),
        }

    def sentence(self) -> str:
        data = self.as_dict()
        return ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in data.items())


def content(post: Post) -> tuple[str, str]:
    """(text, HTML) of a post: its Markdown when the export has it, else its HTML as text."""
    text = post.markdown.strip() or html_to_text(post.html).strip()
    return text or "(empty post)", post.html


def import_questions(questions: list[Question], *, site: str, tag: str) -> Summary:
    summary = Summary()
    people = People(site)
    for question in questions:
        if tag.lower() not in {t.lower() for t in question.tags}:
            summary.left_out += 1
            continue
        summary.questions += 1
        try:
            with transaction.atomic():
                _sync(question, site, tag, people, summary)
        except ValidationError as exc:
            reason = " ".join(exc.messages)
            summary.refused.append(f"question {question.post.post_id}: {reason}")
    return summary


def _known(question: Question, site: str) -> dict[tuple[str, int], SitePost]:
    wanted = Q(kind=question.post.kind, post_id=question.post.post_id)
    for post in question.replies:
        wanted |= Q(kind=post.kind, post_id=post.post_id)
    rows = SitePost.objects.filter(wanted, site=site).select_related("message", "ticket")
    return {(row.kind, row.post_id): row for row in rows}


def _sync(question: Question, site: str, tag: str, people: People, summary: Summary) -> None:
    known = _known(question, site)
    head = known.get((question.post.kind, question.post.post_id))
    if head is None:
        head = _open(question, site, tag, people)
        summary.created += 1
    else:
        _retitle(head.ticket, question.title, summary)
        _update(head, question.post, summary)
    for post in question.replies:
        row = known.get((post.kind, post.post_id))
        if row is not None:
            _update(row, post, summary)
            if row.accepted != post.accepted:
                SitePost.objects.filter(pk=row.pk).update(accepted=post.accepted)
        else:
            _append(head, post, site, people, summary)


def _open(question: Question, site: str, tag: str, people: People) -> SitePost:
    post = question.post
    author = people.author(post.owner)
    text, html = content(post)
    new = services.NewTicket(
        requester=author.contact,
        subject=question.title or "(no title)",
        body=text,
        html=html,
        channel=Channel.QA_SITE,
        tags=[tag],
        external_ref=f"qa:{site}:{post.post_id}"[:100],
        at=post.created,
    )
    opened = services.create_ticket(new, actor=None)
    return _remember(site, post, opened.ticket, opened.message, author)


def _remember(site, post: Post, ticket, message, author) -> SitePost:
    return SitePost.objects.create(
        site=site,
        kind=post.kind,
        post_id=post.post_id,
        ticket=ticket,
        message=message,
        link=post.link[:500],
        author=author.site_user,
        accepted=post.accepted,
        edited_at=post.edited,
    )


def _retitle(ticket: Ticket, title: str, summary: Summary) -> None:
    if not title or title == ticket.subject:
        return
    if ticket.status == Status.CLOSED:
        summary.left_out += 1
        return
    services.update_ticket(ticket, services.SYSTEM, subject=title)
    summary.edited += 1


def _update(row: SitePost, post: Post, summary: Summary) -> None:
    message = row.message
    text, html = content(post)
    if message is None or (message.body_text == text and message.body_html == sanitize(html)):
        summary.unchanged += 1
        return
    if message.ticket.status == Status.CLOSED:
        summary.left_out += 1
        return
    services.edit_from_source(
        message, text, html, source=post.link or row.site, at=post.edited or timezone.now()
    )
    SitePost.objects.filter(pk=row.pk).update(edited_at=post.edited)
    summary.edited += 1


def _append(head: SitePost, post: Post, site: str, people: People, summary: Summary) -> None:
    author = people.author(post.owner)
    text, html = content(post)
    ticket = Ticket.objects.get(pk=head.ticket_id)
    if ticket.status == Status.CLOSED:
        if author.staff is not None:
            summary.left_out += 1
            return
        new = services.NewTicket(
            requester=author.contact,
            subject=ticket.subject,
            body=text,
            html=html,
            channel=Channel.QA_SITE,
            tags=ticket.tags.values_list("name", flat=True),
            at=post.created,
            follow_up_of=ticket,
        )
        opened = services.create_ticket(new, actor=None)
        ticket, message = opened.ticket, opened.message
        SitePost.objects.filter(pk=head.pk).update(ticket=ticket)
        head.ticket_id = ticket.pk
        summary.created += 1
    elif author.staff is not None:
        message = services.reply(
            ticket, author.staff, text, html=html, at=post.created, posted_on=post.link or site
        )
        summary.appended += 1
    else:
        message = services.receive_customer_message(
            ticket, author.contact, text, html, post.created
        )
        summary.appended += 1
    _remember(site, post, ticket, message, author)
