"""What moving in keeps: each run of an import, and which Sunrelay row each source record
became (so a second run updates what it made instead of making it again)."""

from __future__ import annotations

from django.db import models


class ImportRun(models.Model):
    """One `sunrelay import …`: where from, what it did, and what could not be mapped."""

    source = models.CharField(max_length=40)  # "zendesk", "django-helpdesk"
    # The directory, or the database URL without its password.
    location = models.CharField(max_length=500)
    dry_run = models.BooleanField(default=False)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    # Lines in words ("ticket 12: status 'deleted' is not a Sunrelay status; left open").
    not_mapped = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source} import of {self.started_at:%Y-%m-%d %H:%M}"


class RecordKind(models.TextChoices):
    ACCOUNT = "account", "Organisation → account"
    CONTACT = "contact", "Customer → contact"
    STAFF = "staff", "Agent → person"
    TICKET = "ticket", "Ticket → ticket"


class SourceRecord(models.Model):
    """One record of a source and the row it became (object_id: the Account, Contact, User
    or Ticket of that kind). `fingerprint` tells a later run whether the record changed."""

    source = models.CharField(max_length=100)  # "zendesk", or a name given with --source-name
    kind = models.CharField(max_length=8, choices=RecordKind.choices)
    source_id = models.CharField(max_length=100)
    object_id = models.BigIntegerField()
    fingerprint = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["source", "kind", "source_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "source_id"], name="unique_source_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.source_id}"
