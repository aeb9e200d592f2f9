"""Mail that reached us through a mailing list the support address is subscribed to.

A discussion list announces where to post (RFC 2369 `List-Post: <mailto:...>`) and relays what
people write there, marked `Precedence: list` or `bulk`: such a post from a person is mail for
the mailing-list channel. Newsletters and announcements (no posting address, or
`List-Post: NO`) and the list's own mail (digests and reminders from the list address, its
-request, -owner and -bounces robots) stay automatic. A list that rewrites the poster's From
to its own address (DMARC: "Dana via gis-users <gis-users@...>") names the poster in Reply-To
or X-Original-From.
"""

from __future__ import annotations

import re

from sunrelay.mail import headers as hdr
from sunrelay.mail.parse import ParsedMail

_MAILTO = re.compile(r"<\s*mailto:([^>?\s]+)", re.IGNORECASE)
_VIA = re.compile(r"\s+via\s+.*$", re.IGNORECASE)
_ROBOT = re.compile(
    r"^([^@]*-(request|owner|bounces?|admin|confirm|help|join|leave|digest)(\+[^@]*)?|"
    r"owner-[^@]*|no-?reply|mailer-daemon|postmaster|listserv|majordomo|mailman|sympa)@",
    re.IGNORECASE,
)


def posting_address(mail: ParsedMail) -> str:
    """The list's own address (List-Post), lower-case; '' when the mail came through none."""
    found = _MAILTO.search(mail.header("List-Post"))
    return hdr.clean_address(found.group(1)) if found else ""


def poster(mail: ParsedMail, address: str = "") -> tuple[str, str] | None:
    """(name, address) of the person whose post a discussion list relayed; None when the mail
    did not come through one, or is the list's own. `address` is the list's posting address
    when it is known otherwise (a configured list: mail.listposts); else List-Post's."""
    address = address or posting_address(mail)
    if not address:
        return None
    found: tuple[str, str] | None = (mail.sender_name, mail.sender)
    if mail.sender == address:
        found = _rewritten(mail, address)
    if found is None or not found[1] or found[1] == address or _ROBOT.match(found[1]):
        return None
    return found


def _rewritten(mail: ParsedMail, address: str) -> tuple[str, str] | None:
    if not _VIA.search(mail.sender_name or ""):
        return None
    for name in ("x-original-from", "reply-to"):
        people = [p for p in hdr.addresses(mail.fields.get(name, [])) if p[1] != address]
        if len(people) == 1:
            return people[0][0] or _VIA.sub("", mail.sender_name).strip(" '\""), people[0][1]
    return None
