"""Questions in the team channel (docs/slack.md): a top-level message in the configured
internal channel that mentions a Slack user group (`<!subteam^S0123|@ce-sdr>`) is a question
to that group, recorded once; replies in its thread by anyone but the asker are its answers
(the first one timed). Counted per period against the period before (figures()).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

from django.db import IntegrityError, transaction

from sunrelay.slack.models import TeamQuestion
from sunrelay.slack.people import slack_user

GROUP_MENTION = re.compile(r"<!subteam\^([A-Z0-9]+)(?:\|@?([^>]*))?>")


def asked(event: dict, when) -> tuple[bool, str]:
    """Record a question or an answer from a team-channel message: (recorded, in words)."""
    channel_id, ts = event.get("channel", ""), event.get("ts", "")
    thread_ts = event.get("thread_ts") or ts
    if thread_ts != ts:
        return _answered(channel_id, thread_ts, event, when(ts))
    found = GROUP_MENTION.search(event.get("text") or "")
    if found is None:
        return False, "A team-channel message that mentions no user group."
    try:
        with transaction.atomic():
            TeamQuestion.objects.create(
                channel_id=channel_id, ts=ts, group_id=found.group(1),
                group_name=(found.group(2) or "")[:80], asked_by=slack_user(event["user"]),
                text=event.get("text") or "", asked_at=when(ts),
            )  # fmt: skip
    except IntegrityError:
        return False, "This question is recorded already."
    return True, f"A question to {found.group(2) or found.group(1)} recorded."


def _answered(channel_id: str, thread_ts: str, event: dict, at: datetime) -> tuple[bool, str]:
    question = TeamQuestion.objects.filter(channel_id=channel_id, ts=thread_ts).first()
    if question is None:
        return False, "A reply in a thread that is no question."
    person = slack_user(event["user"])
    if person.pk == question.asked_by_id:
        return False, "The asker wrote again: not an answer."
    changes = {"answers": question.answers + 1}
    if question.first_answer_at is None:
        changes |= {"first_answer_at": at, "first_answer_by": person}
    TeamQuestion.objects.filter(pk=question.pk).update(**changes)
    return True, f"An answer to the question to {question.group_name or question.group_id}."


@dataclass(frozen=True)
class Figures:
    asked: int
    answered: int
    median_first_answer: timedelta | None

    def sentence(self) -> str:
        if not self.asked:
            return "no questions"
        share = round(100 * self.answered / self.asked)
        text = f"{self.asked} asked, {self.answered} answered ({share} %)"
        if self.median_first_answer is not None:
            minutes = round(self.median_first_answer.total_seconds() / 60)
            text += f", first answer after {minutes // 60} h {minutes % 60} min (median)"
        return text


def figures(since: datetime, until: datetime) -> Figures:
    rows = list(
        TeamQuestion.objects.filter(asked_at__gte=since, asked_at__lt=until).values_list(
            "asked_at", "first_answer_at"
        )
    )
    waits = [answer - question for question, answer in rows if answer is not None]
    return Figures(len(rows), len(waits), median(waits) if waits else None)


def by_period(now: datetime, days: int = 30) -> tuple[Figures, Figures]:
    """(this period, the period before): every figure with its reference."""
    span = timedelta(days=days)
    return figures(now - span, now), figures(now - 2 * span, now - span)
