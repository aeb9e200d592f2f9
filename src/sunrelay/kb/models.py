"""Knowledge: articles (versioned, with a variant per skill level) and macros (canned replies).

Rows only; kb.articles and kb.macros hold the rules and write them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Visibility(models.TextChoices):
    INTERNAL = "internal", "Internal (staff only)"
    PUBLIC = "public", "Public (help centre)"


class Article(models.Model):
    """An article; its text is in its versions, the newest being `current`."""

    slug = models.SlugField(max_length=120, unique=True)
    product_area = models.ForeignKey(
        "desk.ProductArea", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    visibility = models.CharField(
        max_length=8, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    # The current version's title and number, kept here for lists and links.
    title = models.CharField(max_length=200)
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["visibility", "product_area"], name="kb_article_listing")]

    def __str__(self) -> str:
        return self.title


class ArticleVersion(models.Model):
    """One edit of an article, kept for ever. `body` is for everyone; a skill level's variant,
    when written, replaces it for contacts of that level."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField()
    beginner = models.TextField(blank=True)
    intermediate = models.TextField(blank=True)
    advanced = models.TextField(blank=True)
    note = models.CharField("what changed", max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="kb_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.number}"


class ArticleFeedback(models.Model):
    """ "This helped" / "it didn't", once per reader and article (by a hash, not an address)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="feedback")
    version = models.PositiveIntegerField()
    helpful = models.BooleanField()
    reader = models.CharField(max_length=64)  # SHA-256 of the session key or signed-in person
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "reader"], name="kb_feedback_once")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} {'helped' if self.helpful else 'did not help'}"


class Macro(models.Model):
    """A canned reply with placeholders and optional field changes. Personal (an owner) or
    shared with a team (a role), or with everyone (neither)."""

    name = models.CharField(max_length=120)
    body = models.TextField()
    # Field changes applied with the reply: {"status": …, "priority": …, "level": …, "tags": [...]}
    changes = models.JSONField(default=dict, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="macros",
    )
    team = models.CharField(max_length=20, blank=True)  # a team.models.Role value; "" = all
    uses = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MacroUse(models.Model):
    """Who used which macro on which ticket, and when (the counts come from here)."""

    macro = models.ForeignKey(Macro, on_delete=models.CASCADE, related_name="use_log")
    ticket = models.ForeignKey("desk.Ticket", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.macro_id} on #{self.ticket_id}"
