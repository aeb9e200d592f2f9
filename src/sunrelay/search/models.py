"""What the search index reads: one document per ticket, and one per contact, account or
anything else an app registers (search.documents.register_kind: articles, …).

The documents are plain rows; each database indexes them its own way (search.backends):
SQLite with an FTS5 table over them, PostgreSQL with tsvector columns and GIN indexes, both
created by this app's migrations and kept in step by triggers. search.documents writes them.
"""

from __future__ import annotations

from django.db import models


class TicketDocument(models.Model):
    """A ticket's searchable text. `public` is what a customer could see (their messages, our
    replies, file names, requester, account); `internal` the notes, for staff only."""

    ticket = models.OneToOneField(
        "desk.Ticket", primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    subject = models.TextField()
    public = models.TextField()
    internal = models.TextField()
    # Set when the ticket changed in bulk (imports); the worker rebuilds the document.
    stale = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["stale"], name="search_ticketdoc_stale", condition=models.Q(stale=True)
            )
        ]

    def __str__(self) -> str:
        return f"search document of ticket #{self.ticket_id}"


class Document(models.Model):
    """The text of a contact (name, address), an account (name, domains) or any kind another
    app registers. Who may see it is decided on the live rows (the kind's own visibility
    rule), never on a copy kept here."""

    kind = models.CharField(max_length=16)
    object_id = models.BigIntegerField()
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")
        ]

    def __str__(self) -> str:
        return f"search document of {self.kind} {self.object_id}"
