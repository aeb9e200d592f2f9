"""@mentions in internal notes: who a note names, and how the name is written.

Rules, once:
- A mention is `@` followed by a username or a first name (letters, digits, `_ . + -`,
  not ending in a dot), at the start of the text or after a character that cannot be part
  of an address: `keisha@example.com` is an e-mail address, never a mention.
- It resolves, case-insensitively, to an active staff member (anyone with a role): first by
  username, else by first name when exactly one person has it. Anything else (an unknown
  name, a first name two people share) is left as plain text and notifies nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils.html import escape

from sunrelay.lib.formatting import person
from sunrelay.team.models import StaffRole

MENTION = re.compile(r"(?<![\w.+\-@/])@([\w+\-]+(?:\.[\w+\-]+)*)")
SUGGESTIONS = 8


@dataclass(frozen=True)
class Staff:
    """Who a mention may name: by lower-case username, and by first name when unique."""

    by_username: dict[str, object]
    by_first_name: dict[str, object]

    def resolve(self, name: str):
        """The person `name` (without the @) names, or None."""
        key = name.lower()
        return self.by_username.get(key) or self.by_first_name.get(key)


def staff_members():
    """Active people with a role in Sunrelay, or superusers, ordered by name."""
    has_role = Exists(StaffRole.objects.filter(user=OuterRef("pk")))
    return (
        get_user_model()
        .objects.filter(Q(has_role) | Q(is_superuser=True), is_active=True)
        .order_by("first_name", "last_name", "username")
    )


def load_staff() -> Staff:
    """Everyone a mention may name: one query."""
    people = list(staff_members())
    firsts: dict[str, list] = {}
    for user in people:
        if user.first_name:
            firsts.setdefault(user.first_name.lower(), []).append(user)
    return Staff(
        {u.username.lower(): u for u in people},
        {name: users[0] for name, users in firsts.items() if len(users) == 1},
    )


def names_in(text: str) -> list[str]:
    """The names written after an @, in order, each once (not yet resolved)."""
    return list(dict.fromkeys(m.group(1) for m in MENTION.finditer(text)))


def mentioned(text: str, staff: Staff | None = None) -> list:
    """The staff members `text` mentions, in order of first mention, each once."""
    names = names_in(text)
    if not names:
        return []
    staff = staff or load_staff()
    people = (staff.resolve(name) for name in names)
    return list({u.pk: u for u in people if u is not None}.values())


def lines_mentioning(text: str, user, staff: Staff) -> list[str]:
    """The lines of `text` that mention `user`: what their notification quotes."""
    return [
        line.strip()
        for line in text.splitlines()
        if any(staff.resolve(m.group(1)) == user for m in MENTION.finditer(line))
    ]


def highlight(html: str, staff: Staff, me=None) -> str:
    """Escaped text's HTML with each resolved mention wrapped in a span naming the person.

    Only for HTML made from plain text (desk.html.text_to_html): the @ and the name's
    characters come out of escaping unchanged, and no markup holds them.
    """

    def wrap(match: re.Match) -> str:
        user = staff.resolve(match.group(1))
        if user is None:
            return match.group(0)
        mine = " is-me" if me is not None and user.pk == me.pk else ""
        return (
            f'<span class="mention{mine}" title="{escape(person(user))}">'
            f"{escape(match.group(0))}</span>"
        )

    return MENTION.sub(wrap, html)


def suggestions(prefix: str, people: Iterable) -> list[dict[str, str]]:
    """Staff whose username, first or last name starts with `prefix`, for the note box's
    completion: at most SUGGESTIONS, as {"username", "name"}."""
    prefix = prefix.lower()
    found = []
    for user in people:
        words = [user.username, user.first_name, user.last_name]
        if any(w.lower().startswith(prefix) for w in words if w):
            found.append({"username": user.username, "name": person(user)})
        if len(found) == SUGGESTIONS:
            break
    return found
