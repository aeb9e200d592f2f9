"""Projects and hours: cross-account projects on the team's template, their 1–2 week sprints,
the lead's weekly order of projects, time entries and the monthly hours budget of accounts.

Rules live in projects.services (writes), projects.rollup (sums and budgets) and
projects.access (who may do what); these models only hold rows. Time is whole minutes,
always: sums are exact to the minute in every output.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

User = settings.AUTH_USER_MODEL


class Impact(models.IntegerChoices):
    """The template's impact scale: 1 is the widest."""

    WIDESPREAD_BOTH = 1, "1 · Widespread internal and external"
    WIDESPREAD_ONE = 2, "2 · Widespread internal or external"
    SPECIFIC_EXTERNAL = 3, "3 · Specific external"
    SPECIFIC_INTERNAL = 4, "4 · Specific internal"


class Effort(models.TextChoices):
    SMALL = "small", "Small (days)"
    MEDIUM = "medium", "Medium (a sprint)"
    LARGE = "large", "Large (several sprints)"


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    ON_HOLD = "on_hold", "On hold"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


OPEN_STATUSES = (ProjectStatus.PROPOSED, ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD)


class Project(models.Model):
    name = models.CharField(max_length=200)
    objectives = models.TextField("objectives and expected outcomes")
    scope_will = models.TextField("in scope: what we will do", blank=True)
    scope_will_not = models.TextField("out of scope: what we will not do", blank=True)
    impact = models.PositiveSmallIntegerField(choices=Impact.choices)
    effort = models.CharField(max_length=8, choices=Effort.choices, default=Effort.MEDIUM)
    stakeholders = models.TextField(blank=True)
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="projects_owned")
    leads = models.ManyToManyField(User, blank=True, related_name="projects_led")
    requester = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="projects_requested"
    )
    rollout_plan = models.TextField("roll-out plan", blank=True)
    support_plan = models.TextField("support plan: who maintains any code built", blank=True)
    maintainer = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="projects_maintained"
    )
    support_signed_off_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    support_signed_off_at = models.DateTimeField(null=True, blank=True)
    accounts = models.ManyToManyField("accounts.Account", blank=True, related_name="projects")
    tickets = models.ManyToManyField("desk.Ticket", blank=True, related_name="projects")
    themes = models.ManyToManyField("feedback.Theme", blank=True, related_name="projects")
    status = models.CharField(
        max_length=8, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED
    )
    review_notes = models.TextField(blank=True)
    # The hours budget of the whole project, in minutes; null: no budget.
    budget_minutes = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["impact", "name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Sprint(models.Model):
    """One or two weeks of a project's work, from a Monday."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sprints")
    starts_on = models.DateField()
    weeks = models.PositiveSmallIntegerField(default=1)
    goal = models.CharField(max_length=300)
    review = models.TextField(blank=True)

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weeks__in=[1, 2]), name="sprint_1_or_2_weeks")
        ]

    def __str__(self) -> str:
        return f"{self.project_id} from {self.starts_on}"


class WeekRank(models.Model):
    """The lead's order of projects for one week (the Monday): 1 comes first."""

    week = models.DateField()
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="ranks")
    position = models.PositiveSmallIntegerField()
    set_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["week", "position"]
        constraints = [
            models.UniqueConstraint(fields=["week", "project"], name="one_rank_per_week")
        ]

    def __str__(self) -> str:
        return f"{self.week}: {self.position}. {self.project_id}"


class TimeEntry(models.Model):
    """Minutes one person spent on one day, on a project, a ticket or an account (at least
    one; a ticket's entry carries the ticket's account)."""

    person = models.ForeignKey(User, on_delete=models.PROTECT, related_name="time_entries")
    day = models.DateField()
    minutes = models.PositiveIntegerField()
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    ticket = models.ForeignKey(
        "desk.Ticket", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    account = models.ForeignKey(
        "accounts.Account", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    billable = models.BooleanField(default=False)
    note = models.CharField(max_length=300, blank=True)
    logged_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    logged_at = models.DateTimeField()

    class Meta:
        ordering = ["-day", "-id"]
        verbose_name_plural = "time entries"
        indexes = [models.Index(fields=["day"]), models.Index(fields=["person", "day"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(project__isnull=False)
                | models.Q(ticket__isnull=False)
                | models.Q(account__isnull=False),
                name="time_entry_on_something",
            ),
            models.CheckConstraint(condition=models.Q(minutes__gt=0), name="time_entry_minutes"),
        ]

    def __str__(self) -> str:
        return f"{self.minutes} min by {self.person_id} on {self.day}"


class RunningTimer(models.Model):
    """A timer someone started on a ticket; stopping it logs the minutes. One per person."""

    person = models.OneToOneField(User, on_delete=models.CASCADE, related_name="+")
    ticket = models.ForeignKey("desk.Ticket", on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.person_id} on {self.ticket_id}"


class AccountBudget(models.Model):
    """Technical account management: the hours an account is given each month, in minutes."""

    account = models.OneToOneField(
        "accounts.Account", on_delete=models.CASCADE, related_name="hours_budget"
    )
    monthly_minutes = models.PositiveIntegerField()
    set_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.monthly_minutes} min a month for {self.account_id}"
