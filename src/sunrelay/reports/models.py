"""What the reports keep: each ticket's clocks computed from its event log, the tickets
waiting to be computed again, and the scheduled reports already sent.

Clock and TicketFact are derived data: `sunrelay report refresh --all` rebuilds them from
the event log at any time. docs/metrics.md explains why they exist.
"""

from __future__ import annotations

from django.db import models


class TicketFact(models.Model):
    """One ticket as the reports group it, with its first public reply.

    The dimensions are the ticket's at its last computation, which follows its last
    clock-moving or dimension-changing event: an account that changes tier moves its tickets
    as they change (`sunrelay report refresh --all` moves them all at once). Plain integer
    ids, no foreign keys: the rows are rebuilt from the log, never edited.
    """

    ticket = models.OneToOneField(
        "desk.Ticket", on_delete=models.CASCADE, primary_key=True, related_name="report_fact"
    )
    created_at = models.DateTimeField()
    account_id = models.BigIntegerField(null=True, blank=True)
    tier = models.CharField(max_length=16, blank=True)  # "" without an account
    strategic = models.BooleanField(default=False)
    channel = models.CharField(max_length=16, blank=True)
    level = models.CharField(max_length=16, blank=True)
    skill = models.CharField(max_length=16, blank=True)  # the requester's
    assignee_id = models.BigIntegerField(null=True, blank=True)
    cause = models.CharField(max_length=32, blank=True)
    bug_linked = models.BooleanField(default=False)
    first_reply_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [
            # Tickets received per week and tier, answered or not: read from the index alone.
            models.Index(
                fields=["created_at", "tier", "first_reply_at", "account_id"],
                name="report_fact_created",
            ),
        ]

    def __str__(self) -> str:
        return f"Facts of #{self.ticket_id}"


class Clock(models.Model):
    """One cycle of one clock of one ticket (reports.facts.ClockFact), with its ticket's
    dimensions copied from TicketFact: the week's clocks are read without a join."""

    ticket = models.ForeignKey(
        TicketFact, on_delete=models.CASCADE, related_name="clocks", db_column="ticket_id"
    )
    metric = models.CharField(max_length=16)
    seq = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField()
    stopped_at = models.DateTimeField(null=True, blank=True)
    stopped_by = models.CharField(max_length=8, blank=True)
    agent_id = models.BigIntegerField(null=True, blank=True)
    business_minutes = models.FloatField(null=True, blank=True)
    calendar_minutes = models.FloatField(null=True, blank=True)
    policy_id = models.BigIntegerField(null=True, blank=True)
    target_minutes = models.PositiveIntegerField(null=True, blank=True)
    target_business = models.BooleanField(null=True, blank=True)
    breach_at = models.DateTimeField(null=True, blank=True)
    # The ticket's dimensions, as in its TicketFact.
    tier = models.CharField(max_length=16, blank=True)
    strategic = models.BooleanField(default=False)
    channel = models.CharField(max_length=16, blank=True)
    level = models.CharField(max_length=16, blank=True)
    skill = models.CharField(max_length=16, blank=True)
    assignee_id = models.BigIntegerField(null=True, blank=True)
    cause = models.CharField(max_length=32, blank=True)
    bug_linked = models.BooleanField(default=False)

    class Meta:
        indexes = [
            # Clocks stopped in a week (reply times, attainment, solves) and the backlog at an
            # instant, with the columns the trend and the backlog read: answered from the
            # index alone.
            models.Index(
                fields=[
                    "metric",
                    "stopped_at",
                    "stopped_by",
                    "business_minutes",
                    "ticket",
                    "started_at",
                ],
                name="report_clock_stopped",
            ),
            # Unsolved stretches started in a week (reopenings, the backlog's flow).
            models.Index(fields=["metric", "started_at"], name="report_clock_started"),
            models.Index(
                fields=["breach_at"],
                name="report_clock_breach",
                condition=models.Q(breach_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_id} {self.metric} {self.seq}"


class DirtyTicket(models.Model):
    """A ticket whose clocks must be computed again (a clock-moving event was logged)."""

    ticket_id = models.BigIntegerField(primary_key=True)
    marked_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"#{self.ticket_id} marked {self.marked_at:%Y-%m-%d %H:%M:%S}"


class ReportSend(models.Model):
    """A scheduled report queued for sending; the unique period makes it once a period."""

    kind = models.CharField(max_length=16, default="weekly")
    period = models.CharField(max_length=16, help_text="ISO week, e.g. 2026-W47")
    recipients = models.JSONField(default=list)
    outbox_id = models.BigIntegerField(null=True, blank=True)
    queued_at = models.DateTimeField()

    class Meta:
        ordering = ["-queued_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "period"], name="one_report_send_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.kind} report {self.period}"


class ReportTarget(models.Model):
    """A lead's target for one figure of the leadership report, optionally for one tier
    (reports.leadership_targets lists the figures that take one). `value` is in the figure's
    own unit: shares 0-1, minutes, counts or dollars."""

    key = models.CharField(max_length=40)
    tier = models.CharField(max_length=16, blank=True)  # "" for every tier
    at_least = models.BooleanField(default=True)  # met when the figure is >= value, else <=
    value = models.FloatField()
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["key", "tier"]
        constraints = [
            models.UniqueConstraint(fields=["key", "tier"], name="one_report_target_per_figure")
        ]

    def __str__(self) -> str:
        return f"{self.key}{'/' + self.tier if self.tier else ''} {'>=' if self.at_least else '<='} {self.value}"
