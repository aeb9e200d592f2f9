"""The demo's ticket histories are desk.history's TicketLog (imports replay theirs with it too)."""

from __future__ import annotations

from sunrelay.desk.history import QA_SITE_URL, Action, EventRow, MessageRow, TicketLog

__all__ = ["QA_SITE_URL", "Action", "EventRow", "MessageRow", "TicketLog"]
