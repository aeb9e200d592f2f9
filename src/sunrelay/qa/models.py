"""What the Q&A-site channel stores beside the desk: its sources, the site's people, and which
message mirrors which post (so a new import appends and updates, never duplicates)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class QaSource(models.Model):
    """A tag of a Q&A site, imported by the worker every SUNRELAY_QA_IMPORT_SECONDS."""

    site = models.CharField(
        max_length=100, help_text="The site's name, e.g. gis.stackexchange.com."
    )
    tag = models.CharField(max_length=64, help_text="Questions with this tag become tickets.")
    url = models.URLField(
        "export URL",
        max_length=1000,
        help_text="Where the JSON export of the tag's recent questions is fetched from.",
    )
    active = models.BooleanField(default=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_result = models.CharField(max_length=300, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["site", "tag"]
        constraints = [models.UniqueConstraint(fields=["site", "tag"], name="unique_qa_source")]

    def __str__(self) -> str:
        return f"[{self.tag}] on {self.site}"


class SiteUser(models.Model):
    """A person of a Q&A site: the contact their posts are written as, or, when `staff` is
    set, one of ours, whose answers become public replies."""

    site = models.CharField(max_length=100)
    user_id = models.BigIntegerField()
    name = models.CharField(max_length=200, blank=True)
    link = models.URLField(max_length=500, blank=True)
    contact = models.ForeignKey(
        "accounts.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Our colleague behind this site account: their answers are public replies.",
    )

    class Meta:
        ordering = ["site", "user_id"]
        constraints = [models.UniqueConstraint(fields=["site", "user_id"], name="unique_site_user")]

    def __str__(self) -> str:
        return f"{self.name or self.user_id} on {self.site}"


class PostKind(models.TextChoices):
    QUESTION = "question", "Question"
    ANSWER = "answer", "Answer"
    COMMENT = "comment", "Comment"


class SitePost(models.Model):
    """One post of the site and the desk message that mirrors it."""

    site = models.CharField(max_length=100)
    kind = models.CharField(max_length=8, choices=PostKind.choices)
    post_id = models.BigIntegerField()
    # The ticket of the question (a question's row moves to its follow-up when one opens).
    ticket = models.ForeignKey("desk.Ticket", on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(
        "desk.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link = models.URLField(max_length=500, blank=True)
    author = models.ForeignKey(SiteUser, null=True, on_delete=models.SET_NULL, related_name="+")
    accepted = models.BooleanField(default=False)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["site", "kind", "post_id"]
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "post_id"], name="unique_site_post")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.post_id} on {self.site}"
