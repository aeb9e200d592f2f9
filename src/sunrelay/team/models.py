"""Staff: the people who work in Sunrelay, their roles and their working week."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sunrelay.lib.formatting import person
from sunrelay.lib.timezones import validate_time_zone


class Role(models.TextChoices):
    SUPPORT = "support", "Support engineer"
    SOLUTIONS = "solutions", "Solutions engineer"
    CUSTOMER = "customer_engineer", "Customer engineer"
    SALES = "sales", "Sales / account executive"
    ENGINEERING = "engineering", "Engineering"
    LEAD = "lead", "Support lead"


class StaffProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    location = models.CharField(max_length=80, blank=True, help_text="City, e.g. Madrid")
    time_zone = models.CharField(
        max_length=64, default="UTC", validators=[validate_time_zone], help_text="IANA name"
    )
    # Ticket levels this person works ("l1", "l2", "engineering"); routing matches on them.
    support_levels = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "staff profile"

    def __str__(self) -> str:
        return person(self.user)


class StaffRole(models.Model):
    """One role held by one person; a person may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_roles"
    )
    role = models.CharField(max_length=32, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_staff_role")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class WorkingInterval(models.Model):
    """A stretch of the weekly working hours, in the person's local time.

    An interval whose end is not after its start runs past midnight into the next day.
    """

    profile = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="working_hours"
    )
    weekday = models.PositiveSmallIntegerField(
        choices=[
            (0, "Monday"),
            (1, "Tuesday"),
            (2, "Wednesday"),
            (3, "Thursday"),
            (4, "Friday"),
            (5, "Saturday"),
            (6, "Sunday"),
        ]
    )
    start = models.TimeField()
    end = models.TimeField()

    class Meta:
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="weekday_0_to_6"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class TimeOff(models.Model):
    """Days away, in the person's own local dates, first and last day included."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="time_off"
    )
    first_day = models.DateField()
    last_day = models.DateField()
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the coverage plan was applied to the person's open tickets (the worker does it
    # when the time off begins).
    applied_at = models.DateTimeField(null=True, blank=True)
    customers_told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")), name="time_off_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} away {self.first_day}–{self.last_day}"


class Coverage(models.Model):
    """Who takes what while someone is away: one ticket, one account, or (neither) the rest."""

    time_off = models.ForeignKey(TimeOff, on_delete=models.CASCADE, related_name="coverage")
    cover = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="covering"
    )
    account = models.ForeignKey("accounts.Account", null=True, blank=True, on_delete=models.CASCADE)
    ticket = models.ForeignKey("desk.Ticket", null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(account__isnull=True) | models.Q(ticket__isnull=True),
                name="coverage_one_scope",
            ),
        ]

    def __str__(self) -> str:
        scope = self.ticket or self.account or "everything else"
        return f"{self.cover} covers {scope}"
