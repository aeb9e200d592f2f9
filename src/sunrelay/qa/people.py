"""The people of a Q&A site: a contact each, or one of our staff.

A site's users have no e-mail address we may know, but every contact needs one (it is how
the desk tells people apart). Each gets a synthetic address on the reserved `.invalid` domain
(RFC 2606), `se-<user_id>@<site>.qa.invalid`, e.g. `se-4711@gis.stackexchange.com.qa.invalid`
(a deleted user: `se-deleted@...`). Such addresses never resolve, and the outbox leaves them
out of every e-mail (lib.mailable): nothing is ever sent to a site's user.

A site user mapped to a staff user (SiteUser.staff, on the Q&A settings page) is one of ours:
their answers and comments become public replies, written by that staff user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sunrelay.accounts.models import Contact
from sunrelay.accounts.services import contact_for_email
from sunrelay.qa.export import Owner
from sunrelay.qa.models import SiteUser
from sunrelay.team.roles import works_tickets

DOMAIN_SUFFIX = "qa.invalid"
_NOT_HOST = re.compile(r"[^a-z0-9.-]+")


def site_domain(site: str) -> str:
    """The site's name as a host name under qa.invalid (lower case, letters, digits, dots)."""
    host = _NOT_HOST.sub("-", site.strip().lower()).strip(".-") or "site"
    return f"{host}.{DOMAIN_SUFFIX}"


def address_for(site: str, user_id: int | None) -> str:
    return f"se-{user_id if user_id is not None else 'deleted'}@{site_domain(site)}"


@dataclass(frozen=True)
class Author:
    site_user: SiteUser | None
    contact: Contact
    staff: object = None  # the staff user writing as this site user, if any


class People:
    """Site users met during one import, read or created once each."""

    def __init__(self, site: str) -> None:
        self.site = site
        self._known: dict[int | None, Author] = {}

    def author(self, owner: Owner) -> Author:
        if owner.user_id not in self._known:
            self._known[owner.user_id] = self._load(owner)
        return self._known[owner.user_id]

    def _load(self, owner: Owner) -> Author:
        name = owner.name or (f"User {owner.user_id}" if owner.user_id else "Deleted user")
        contact = contact_for_email(address_for(self.site, owner.user_id), actor=None, name=name)
        if owner.user_id is None:
            return Author(None, contact)
        site_user, _ = SiteUser.objects.get_or_create(
            site=self.site, user_id=owner.user_id, defaults={"contact": contact}
        )
        changes = {"name": name, "link": owner.link[:500], "contact": contact}
        if any(getattr(site_user, key) != value for key, value in changes.items()):
            for key, value in changes.items():
                setattr(site_user, key, value)
            site_user.save(update_fields=list(changes))
        staff = site_user.staff if site_user.staff_id and works_tickets(site_user.staff) else None
        return Author(site_user, contact, staff)
