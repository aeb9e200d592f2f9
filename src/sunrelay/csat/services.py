"""Surveys and ratings: the one place that writes them (the e-mail links, the portal, the
contacts' API and the demo all come here). The rules are csat.rules'."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from sunrelay.csat import invite, rules
from sunrelay.csat.models import MAX_COMMENT_LENGTH, RatedVia, Rating, Survey
from sunrelay.desk.models import Ticket, TicketEvent

logger = logging.getLogger("sunrelay.csat")

# A solve recorded this far in the past happened elsewhere (imports, demo history): its
# survey is kept for the figures, but no e-mail goes out about it now.
BACKDATED = timedelta(hours=1)


def open_survey(ticket: Ticket, solve: TicketEvent, *, send: bool = True) -> Survey | None:
    """The survey of the solve `solve` (a status event to solved), created once; None when
    the ticket is not surveyed (csat.rules.skip_reason). Call inside the solve's transaction:
    the survey and its e-mail commit with it. A second call for the same solve (a signal
    sent twice) finds the first survey and sends nothing."""
    if not settings.CSAT_ENABLED:
        return None
    existing = Survey.objects.filter(solve=solve).first()
    if existing is not None:
        return existing
    reason = rules.skip_reason(
        ticket.requester.email, ticket.merged_into_id is not None, settings.MAIL_SUPPORT_ADDRESSES
    )
    if reason:
        logger.info("Ticket %s: no satisfaction survey. %s", ticket.pk, reason)
        return None
    now = timezone.now()
    mail = send and solve.at >= now - BACKDATED
    try:
        with transaction.atomic():  # a savepoint: a lost race leaves the caller's work whole
            survey = Survey.objects.create(
                ticket=ticket,
                solve=solve,
                agent_id=ticket.assignee_id or solve.actor_user_id,
                tier=ticket.account.tier if ticket.account_id else "",
                level=ticket.level,
                skill=ticket.requester.skill,
                solved_at=solve.at,
                sent_at=now if mail else None,
            )
    except IntegrityError:
        return Survey.objects.filter(solve=solve).first()
    if mail and invite.enqueue(survey) is None:
        Survey.objects.filter(pk=survey.pk).update(sent_at=None)
        survey.sent_at = None
    return survey


def latest_survey(ticket: Ticket) -> Survey | None:
    return Survey.objects.filter(ticket=ticket).order_by("-solved_at", "-id").first()


def closed_reason(survey: Survey, now: datetime | None = None) -> str:
    """Why `survey` takes no rating now, in words; "" while it is open (csat.rules)."""
    latest = latest_survey(survey.ticket)
    return rules.closed_reason(
        latest=latest is not None and latest.pk == survey.pk,
        ticket_status=survey.ticket.status,
        solved_at=survey.solved_at,
        now=now or timezone.now(),
        days=settings.CSAT_LINK_DAYS,
    )


def is_open(survey: Survey, now: datetime | None = None) -> bool:
    return not closed_reason(survey, now)


def rate(
    survey: Survey, rating: str, *, via: str, comment: str | None = None, at: datetime | None = None
) -> Survey:
    """Record `rating` (and `comment`, when given; None leaves it as it is) on an open
    survey; a later rating replaces an earlier one while the survey is open. ValidationError
    in words when the survey is closed or the input is wrong; nothing is written then."""
    if rating not in Rating.values:
        raise ValidationError({"rating": "Choose good or bad."})
    if via not in RatedVia.values:
        raise ValueError(f"Unknown way of rating: {via!r}")
    if comment is not None:
        comment = comment.strip()
        if len(comment) > MAX_COMMENT_LENGTH:
            raise ValidationError(
                {
                    "comment": f"Keep the comment under {MAX_COMMENT_LENGTH:,} characters "
                    f"(this one has {len(comment):,})."
                }
            )
    now = at or timezone.now()
    with transaction.atomic():
        row = Survey.objects.select_for_update().select_related("ticket").get(pk=survey.pk)
        reason = closed_reason(row, now)
        if reason:
            raise ValidationError(reason)
        row.rating, row.rated_at, row.rated_via = rating, now, via
        if comment is not None:
            row.comment = comment
        row.save(update_fields=["rating", "rated_at", "rated_via", "comment"])
    return row


def record_past_rating(survey: Survey, rating: str, comment: str, at: datetime) -> Survey:
    """A rating given in the past (the demo's history, an import from another desk): written
    as it was, without asking whether the survey is open now (the ticket may have been
    closed or reopened since)."""
    if rating not in Rating.values:
        raise ValidationError({"rating": "Choose good or bad."})
    survey.rating, survey.comment, survey.rated_at = rating, comment.strip(), at
    survey.rated_via = RatedVia.EMAIL
    survey.save(update_fields=["rating", "comment", "rated_at", "rated_via"])
    return survey
