"""The engagement log of an opportunity (meetings, demos, proofs of concept) and the two-way
feedback after each: written here only."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from sunrelay.presales import access
from sunrelay.presales.models import Engagement, EngagementKind, Feedback, Opportunity


def log_engagement(
    user,
    opportunity: Opportunity,
    *,
    kind: str,
    title: str,
    starts_on: date,
    ends_on: date | None = None,
    success_criteria: str = "",
    outcome: str = "",
    at=None,
) -> Engagement:
    """SEs, leads and the account's AE log; a proof of concept states its success criteria."""
    access.check_open(user, opportunity.account)
    ends_on = ends_on or starts_on
    errors = {}
    if kind not in EngagementKind.values:
        errors["kind"] = "Say meeting, demo or poc."
    if not title.strip():
        errors["title"] = "Give it a title."
    if ends_on < starts_on:
        errors["ends_on"] = "It cannot end before it starts."
    if kind == EngagementKind.POC and not success_criteria.strip():
        errors["success_criteria"] = "A proof of concept needs its success criteria."
    if errors:
        raise ValidationError(errors)
    return Engagement.objects.create(
        opportunity=opportunity,
        kind=kind,
        title=title.strip(),
        success_criteria=success_criteria.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        outcome=outcome.strip(),
        recorded_by=user,
        recorded_at=at or timezone.now(),
    )


def give_feedback(user, engagement: Engagement, *, worked: str, change: str = "", at=None):
    """The AE's feedback to the SE or the SE's to the AE (access.feedback_direction), once
    each way per engagement; both see both."""
    direction = access.feedback_direction(user, engagement.opportunity)
    if not worked.strip():
        raise ValidationError({"worked": "Say what worked."})
    if engagement.feedback.filter(direction=direction).exists():
        raise ValidationError("You have already given your feedback on this engagement.")
    return Feedback.objects.create(
        engagement=engagement,
        direction=direction,
        author=user,
        worked=worked.strip(),
        change=change.strip(),
        given_at=at or timezone.now(),
    )
