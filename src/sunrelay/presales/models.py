"""Pre-sales: opportunities, their qualification checklist, requests for a solutions engineer
(SE), who was assigned when, the engagement log with its feedback, and the outcome.

Rules live in presales.services (writes), presales.qualification (the gate) and
presales.access (who may do what); these models only hold rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

User = settings.AUTH_USER_MODEL


class Stage(models.TextChoices):
    DISCOVERY = "discovery", "Discovery"
    EVALUATION = "evaluation", "Technical evaluation"
    PROPOSAL = "proposal", "Proposal"
    NEGOTIATION = "negotiation", "Negotiation"
    WON = "won", "Won"
    LOST = "lost", "Lost"


CLOSED_STAGES = (Stage.WON, Stage.LOST)


class TechnicalResult(models.TextChoices):
    WIN = "win", "Technical win"
    LOSS = "loss", "Technical loss"


class QualificationItem(models.Model):
    """One item of the checklist every opportunity must have confirmed before an SE is asked
    for (the team configures the list; budget, authority, need and timeline to begin with)."""

    key = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=80)
    help = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "key"]

    def __str__(self) -> str:
        return self.label


class Opportunity(models.Model):
    account = models.ForeignKey(
        "accounts.Account", on_delete=models.PROTECT, related_name="opportunities"
    )
    name = models.CharField(max_length=200)
    ae = models.ForeignKey(User, on_delete=models.PROTECT, related_name="opportunities_sold")
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.DISCOVERY)
    amount = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    currency = models.CharField(max_length=3, default="USD")
    close_date = models.DateField(null=True, blank=True)
    product_areas = models.ManyToManyField("desk.ProductArea", blank=True, related_name="+")
    crm_id = models.CharField("CRM id", max_length=80, blank=True)
    crm_url = models.URLField("CRM URL", max_length=500, blank=True)
    # The SE who owns the technical win now; every assignment is kept in Assignment.
    se = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="opportunities_owned"
    )
    technical_result = models.CharField(max_length=8, choices=TechnicalResult.choices, blank=True)
    technical_reason = models.CharField(max_length=500, blank=True)
    technical_at = models.DateTimeField(null=True, blank=True)
    outcome_reason = models.CharField(max_length=500, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Who is credited with a won deal: the SE owning it when it was won.
    credited_se = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="opportunities_won"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["close_date", "id"]
        verbose_name_plural = "opportunities"

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.stage in CLOSED_STAGES


class Confirmation(models.Model):
    """One checklist item confirmed on one opportunity: who and when."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="confirmations"
    )
    item = models.ForeignKey(QualificationItem, on_delete=models.CASCADE, related_name="+")
    confirmed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "item"], name="one_confirmation")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} on {self.opportunity_id}"


class Reason(models.TextChoices):
    """Why an SE request matters (the request form's words)."""

    NEW_INDUSTRY = "new_industry", "New industry"
    NEW_PRODUCT = "new_product", "New product"
    REVENUE = "revenue", "Revenue"
    IMPORTANT_CUSTOMER = "important_customer", "Important customer"
    CLOSING_THIS_MONTH = "closing_this_month", "Deal closing this month"


class SeRequest(models.Model):
    """A sales rep's request for an SE on a qualified opportunity."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="se_requests"
    )
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    context = models.TextField("the project's context")
    reasons = models.JSONField("why it matters", default=list)
    key_people = models.TextField(blank=True)
    expectations = models.TextField(blank=True)
    constraints = models.TextField(blank=True)
    threats = models.TextField(blank=True)
    opportunities = models.TextField(blank=True)
    due_on = models.DateField()
    # When an SE was first assigned to the opportunity after this request.
    assigned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"SE request on {self.opportunity_id}"


class Assignment(models.Model):
    """One SE owning one opportunity for a while; a reassignment ends the row before it."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="assignments"
    )
    se = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    # The capacity warning shown when it was made, kept so a review sees it was known.
    warning = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["assigned_at", "id"]

    def __str__(self) -> str:
        return f"{self.se_id} on {self.opportunity_id}"


class EngagementKind(models.TextChoices):
    MEETING = "meeting", "Customer meeting"
    DEMO = "demo", "Demo"
    POC = "poc", "Proof of concept"


class Engagement(models.Model):
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="engagements"
    )
    kind = models.CharField(max_length=8, choices=EngagementKind.choices)
    title = models.CharField(max_length=200)
    success_criteria = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    outcome = models.TextField(blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_on", "id"]

    def __str__(self) -> str:
        return self.title


class Direction(models.TextChoices):
    AE_TO_SE = "ae_to_se", "From the AE to the SE"
    SE_TO_AE = "se_to_ae", "From the SE to the AE"


class Feedback(models.Model):
    """After a customer meeting: what worked and what to change, each way, seen by both."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="feedback")
    direction = models.CharField(max_length=8, choices=Direction.choices)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    worked = models.TextField("what worked")
    change = models.TextField("what to change", blank=True)
    given_at = models.DateTimeField()

    class Meta:
        ordering = ["given_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "direction"], name="one_feedback_each_way"
            )
        ]

    def __str__(self) -> str:
        return f"{self.direction} on {self.engagement_id}"


class PresalesSettings(models.Model):
    """The SE lead's settings: one row."""

    # An SE is overloaded past this many open opportunities plus demos and PoCs this week.
    overload_threshold = models.PositiveSmallIntegerField(default=5)

    def __str__(self) -> str:
        return "Pre-sales settings"

    @classmethod
    def current(cls) -> PresalesSettings:
        return cls.objects.get_or_create(pk=1)[0]


class ChangeKind(models.TextChoices):
    EDITED = "edited", "Edited"
    UNCONFIRMED = "unconfirmed", "Checklist item unconfirmed"


class OpportunityChange(models.Model):
    """What changed on an opportunity after it was opened, by whom and when, in words: its
    edits and the checklist items taken back (a confirmation row is deleted, so its who and
    when are kept here)."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=12, choices=ChangeKind.choices)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    text = models.CharField(max_length=1000)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.text
