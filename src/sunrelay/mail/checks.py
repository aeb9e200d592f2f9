"""Plain-words checks of the e-mail settings, for `sunrelay check` and `sunrelay serve`."""

from __future__ import annotations

from django.conf import settings

from sunrelay.mail.headers import clean_address
from sunrelay.mail.tags import valid_template

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
TLS_MODES = {"none", "starttls", "ssl"}


def mail_findings() -> list[tuple[str, str]]:
    """(level, text) pairs; level "error" stops the server."""
    s = settings
    found: list[tuple[str, str]] = []

    def error(text: str) -> None:
        found.append(("error", text))

    def warning(text: str) -> None:
        found.append(("warning", text))

    if not s.MAIL_SUPPORT_ADDRESSES:
        error("SUNRELAY_SUPPORT_ADDRESSES is empty: name at least one address customers write to.")
    for address in s.MAIL_SUPPORT_ADDRESSES:
        if not clean_address(address):
            error(f"SUNRELAY_SUPPORT_ADDRESSES has {address!r}, which is not an e-mail address.")
    if not 0 < s.MAIL_SMTP_PORT < 65536:
        error(f"SUNRELAY_SMTP_PORT must be between 1 and 65535, not {s.MAIL_SMTP_PORT}.")
    if s.MAIL_SMTP_HOST not in LOOPBACK:
        warning(
            f"The SMTP listener listens on {s.MAIL_SMTP_HOST}, not only on this machine: it accepts "
            "mail for the support addresses from anyone who reaches it. Usually your mail server "
            "relays to it on 127.0.0.1."
        )
    for name, value in (
        ("SUNRELAY_MAX_MESSAGE_BYTES", s.MAIL_MAX_MESSAGE_BYTES),
        ("SUNRELAY_MAX_ATTACHMENT_BYTES", s.MAIL_MAX_ATTACHMENT_BYTES),
        ("SUNRELAY_LOOP_MAX_MESSAGES", s.MAIL_LOOP_MAX_MESSAGES),
        ("SUNRELAY_LOOP_WINDOW_MINUTES", s.MAIL_LOOP_WINDOW_MINUTES),
        ("SUNRELAY_QUARANTINE_RETENTION_DAYS", s.MAIL_QUARANTINE_RETENTION_DAYS),
        ("SUNRELAY_OUTBOX_MAX_ATTEMPTS", s.MAIL_OUTBOX_MAX_ATTEMPTS),
    ):
        if value <= 0:
            error(f"{name} must be a positive whole number, not {value}.")
    if s.MAIL_REOPEN_DAYS < 0:
        error(f"SUNRELAY_REOPEN_DAYS cannot be negative ({s.MAIL_REOPEN_DAYS}).")
    if not valid_template(s.MAIL_TICKET_TAG):
        error(
            f"SUNRELAY_TICKET_TAG {s.MAIL_TICKET_TAG!r} must contain {{id}} exactly once and some "
            "text around it, like [#{id}]."
        )
    if s.MAIL_RELAY_TLS not in TLS_MODES:
        error(f"SUNRELAY_SMTP_RELAY_TLS must be none, starttls or ssl, not {s.MAIL_RELAY_TLS!r}.")
    if not s.MAIL_RELAY_HOST:
        warning(
            "SUNRELAY_SMTP_RELAY_HOST is not set: replies are not e-mailed but written as .eml "
            f"files to {s.MAIL_OUT_DIR}. Set it to your mail server to send them."
        )
    if s.MAIL_RELAY_USER and not s.MAIL_RELAY_PASSWORD:
        error("SUNRELAY_SMTP_RELAY_USER is set but SUNRELAY_SMTP_RELAY_PASSWORD is empty.")
    if s.MAIL_RELAY_HOST and s.MAIL_RELAY_TLS == "none" and s.MAIL_RELAY_HOST not in LOOPBACK:
        warning(
            f"Replies go to {s.MAIL_RELAY_HOST} without TLS: anyone on the network can read them"
            + (" and the relay password." if s.MAIL_RELAY_USER else ".")
        )
    if s.MAIL_IMAP_HOST:
        if s.MAIL_IMAP_SECURITY not in TLS_MODES:
            error(
                f"SUNRELAY_IMAP_SECURITY must be ssl, starttls or none, not {s.MAIL_IMAP_SECURITY!r}."
            )
        if not s.MAIL_IMAP_USER or not s.MAIL_IMAP_PASSWORD:
            error(
                "SUNRELAY_IMAP_HOST is set: SUNRELAY_IMAP_USER and SUNRELAY_IMAP_PASSWORD are needed too."
            )
        if not s.MAIL_IMAP_FOLDERS:
            error("SUNRELAY_IMAP_FOLDERS is empty: name the folders to poll, e.g. INBOX.")
        if s.MAIL_IMAP_SECURITY == "none" and s.MAIL_IMAP_HOST not in LOOPBACK:
            warning(
                f"The IMAP password goes to {s.MAIL_IMAP_HOST} without TLS; use ssl or starttls."
            )
        if s.MAIL_IMAP_POLL_SECONDS < 5:
            warning("SUNRELAY_IMAP_POLL_SECONDS below 5 is raised to 5.")
    return found
