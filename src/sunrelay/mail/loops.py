"""Mail that no person wrote: automatic replies, bounces, and senders stuck in a loop."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import Message

from django.conf import settings

from sunrelay.mail import headers as hdr
from sunrelay.mail import lists
from sunrelay.mail.charsets import fix_8bit
from sunrelay.mail.parse import ParsedMail, header

_VACATION_SUBJECT = re.compile(
    r"^\s*(out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response)|autoreply|"
    r"auto:|vacation|on vacation|abwesenheit|r[ée]ponse automatique|respuesta autom[áa]tica|"
    r"automatisch antwoord|risposta automatica|fuera de la oficina|absence)",
    re.IGNORECASE,
)
_DAEMON = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@", re.IGNORECASE)


def is_mail_system(address: str) -> bool:
    """A mailer daemon's or postmaster's address: a mail system, not a person."""
    return bool(_DAEMON.match(address.strip()))


# Mail systems name themselves so when their address is empty (From: MAILER DAEMON <>).
_DAEMON_NAME = re.compile(
    r"^\W*(mail(er)?[- ]?daemon|mail delivery (system|subsystem)|postmaster)\b", re.IGNORECASE
)
# What delivery failures say in their subject, or at the top of their text.
_FAILURE = re.compile(
    r"(undeliver|delivery status notification|delivery (failure|has failed|failed)|"
    r"failure notice|returned mail|mail delivery (failed|system)|non-?delivery|"
    r"could ?n[o']t be delivered|was not delivered|not be delivered|permanent fatal error|"
    r"returned to sender|non remis|unzustellbar)",
    re.IGNORECASE,
)
_DELIVERY_REPORT = re.compile(r"report-type\s*=\s*\"?delivery-status", re.IGNORECASE)
SUPPRESS_VALUES = {"all", "oof", "autoreply", "dr", "ndr", "rn", "nrn"}


def auto_reply_reason(
    mail: ParsedMail, envelope_from: str | None = None, *, relayed: bool | None = None
) -> str:
    """Why the message counts as automatic (RFC 3834 and friends); '' for a person's mail.

    `relayed`: whether it is a person's post relayed by a discussion list, when the caller
    knows (a configured list: mail.listposts); else List-Post decides (mail.lists)."""
    auto_submitted = mail.header("Auto-Submitted").strip().lower()
    if auto_submitted and not auto_submitted.startswith("no"):
        return f"Auto-Submitted: {auto_submitted}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply"):
        if mail.header(name):
            return f"{name}: {mail.header(name).strip()[:60]}"
    precedence = mail.header("Precedence").strip().lower()
    # A person's post relayed by a discussion list is marked list or bulk too (mail.lists).
    if relayed is None:
        relayed = lists.poster(mail) is not None
    relayed = relayed and precedence in {"bulk", "list"}
    if precedence in {"bulk", "junk", "list", "auto_reply"} and not relayed:
        return f"Precedence: {precedence}"
    suppress = mail.header("X-Auto-Response-Suppress").strip()
    if suppress and {v.strip().lower() for v in suppress.split(",")} & SUPPRESS_VALUES:
        return f"X-Auto-Response-Suppress: {suppress[:60]}"
    if _VACATION_SUBJECT.match(mail.subject or ""):
        return f"vacation reply ({mail.subject[:60]})"
    if mail.content_type == "multipart/report":
        return "read receipt or report"
    if envelope_from is not None and envelope_from.strip("<>") == "":
        return "sent with an empty return path"
    return ""


@dataclass
class BounceInfo:
    recipient: str
    status: str
    diagnostic: str
    original_ids: list[str]

    def reason(self) -> str:
        parts = [p for p in (self.status, self.diagnostic) if p]
        return " ".join(parts)[:500] or "delivery failed"


def is_bounce(mail: ParsedMail) -> bool:
    """A delivery failure report: an RFC 3464 report, Exim's X-Failed-Recipients, or mail from
    a mail system (MAILER-DAEMON, postmaster, an empty address) that says delivery failed."""
    if mail.content_type == "multipart/report" and _DELIVERY_REPORT.search(
        mail.header("Content-Type")
    ):
        return True
    if mail.header("X-Failed-Recipients"):
        return True
    from_system = (
        not mail.sender
        or bool(_DAEMON.match(mail.sender))
        or bool(_DAEMON_NAME.match(mail.sender_name or ""))
    )
    return from_system and bool(
        _FAILURE.search(mail.subject or "") or _FAILURE.search((mail.text or "")[:2000])
    )


def bounce_info(mail: ParsedMail) -> BounceInfo | None:
    """Delivery-failure details when the message is a bounce; None when it is not one."""
    if not is_bounce(mail):
        return None
    msg = mail.message
    recipient = status = diagnostic = ""
    original_ids: list[str] = []
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype == "message/delivery-status":
            fields = _status_fields(part)
            recipient = _after_semicolon(
                fields.get("final-recipient") or fields.get("original-recipient", "")
            )
            status = fields.get("status", "")
            diagnostic = _after_semicolon(fields.get("diagnostic-code", ""))
        elif ctype in ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers"):
            original_ids += _original_ids(part)
    original_ids += mail.in_reply_to + mail.references
    if not original_ids:
        # Plain-text bounces quote the original headers in the body.
        original_ids = hdr.message_ids(
            "\n".join(line for line in mail.text.splitlines() if "message-id" in line.lower())
        )
    if not recipient:
        found = re.search(r"<?([^\s<>@]+@[^\s<>]+\.[a-z]{2,})>?", mail.text or "", re.I)
        recipient = found.group(1).lower() if found else ""
    return BounceInfo(recipient.lower(), status, diagnostic.strip(), original_ids)


def _status_fields(part: Message) -> dict[str, str]:
    fields: dict[str, str] = {}
    payload = part.get_payload()
    blocks = payload if isinstance(payload, list) else []
    for block in blocks:
        for key, value in block.raw_items():  # raw: the policy's header classes may raise
            fields.setdefault(key.lower(), " ".join(hdr.storable(fix_8bit(str(value))).split()))
    if not blocks and isinstance(payload, str):
        for line in payload.splitlines():
            key, sep, value = line.partition(":")
            if sep:
                fields.setdefault(key.strip().lower(), hdr.storable(fix_8bit(value.strip())))
    return fields


def _after_semicolon(value: str) -> str:
    return value.split(";", 1)[1].strip() if ";" in value else value.strip()


def _original_ids(part: Message) -> list[str]:
    payload = part.get_payload()
    if isinstance(payload, list) and payload:
        return hdr.message_ids(header(payload[0], "Message-ID"))
    if isinstance(payload, str):
        for line in payload.splitlines():
            if line.lower().startswith("message-id:"):
                return hdr.message_ids(line)
    return []


def loop_window() -> timedelta:
    return timedelta(minutes=settings.MAIL_LOOP_WINDOW_MINUTES)


def is_looping(sender: str, dated_at: datetime, *, exclude_id: int | None = None) -> bool:
    """More than the allowed number of messages from one sender within the window."""
    from sunrelay.mail.models import RawMessage

    if not sender:
        return False
    limit = settings.MAIL_LOOP_MAX_MESSAGES
    recent = RawMessage.objects.filter(
        sender=sender, dated_at__gt=dated_at - loop_window(), dated_at__lte=dated_at
    )
    if exclude_id is not None:
        recent = recent.exclude(pk=exclude_id)
    return recent[:limit].count() >= limit


class LoopWindow:
    """The loop breaker's counts for a batch of stored messages, read in one query.

    Equivalent to is_looping() for each row of the batch (the batch is already stored, so
    its own rows are counted too).
    """

    def __init__(self, rows) -> None:
        from sunrelay.mail.models import RawMessage

        self.times: dict[str, list[tuple[datetime, int]]] = {}
        senders = {r.sender for r in rows if r.sender}
        if not senders:
            return
        low = min(r.dated_at for r in rows) - loop_window()
        high = max(r.dated_at for r in rows)
        found = RawMessage.objects.filter(
            sender__in=senders, dated_at__gt=low, dated_at__lte=high
        ).values_list("sender", "dated_at", "pk")
        for sender, dated_at, pk in found:
            self.times.setdefault(sender, []).append((dated_at, pk))

    def is_looping(self, sender: str, dated_at: datetime, exclude_id: int | None) -> bool:
        low = dated_at - loop_window()
        count = sum(
            1 for at, pk in self.times.get(sender, ()) if low < at <= dated_at and pk != exclude_id
        )
        return count >= settings.MAIL_LOOP_MAX_MESSAGES
