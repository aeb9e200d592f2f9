"""`sunrelay contact_token create|list|revoke`: contacts' tokens for /api/v1/portal/."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sunrelay.mail.senders import find_contact
from sunrelay.portal import tokens
from sunrelay.portal.models import ContactToken


class Command(BaseCommand):
    help = "Create, list and revoke contacts' API tokens (the portal API)."

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser("create", help="Issue a token for a contact; shown once.")
        create.add_argument("email", help="The contact's e-mail address.")
        create.add_argument("--name", default="", help="What the token is for.")
        create.add_argument("--by", default="", help="Your username, recorded as the issuer.")
        listing = actions.add_parser("list", help="List tokens (all contacts or one).")
        listing.add_argument("email", nargs="?")
        revoke = actions.add_parser("revoke", help="Revoke a token by its prefix.")
        revoke.add_argument("prefix")

    def handle(self, *args, **options) -> None:
        action = options["action"]
        if action == "create":
            self._create(options["email"], options["name"], options["by"])
        elif action == "list":
            self._list(options.get("email"))
        else:
            self._revoke(options["prefix"].strip().rstrip("…"))

    def _contact(self, email: str):
        contact = find_contact(email.strip())
        if contact is None:
            raise CommandError(f"No contact has the address {email!r}.")
        return contact

    def _create(self, email: str, name: str, by: str) -> None:
        contact = self._contact(email)
        issuer = None
        if by:
            issuer = get_user_model().objects.filter(username=by).first()
            if issuer is None:
                raise CommandError(f"No user named {by!r}.")
        token, raw = tokens.create_token(contact, name, by=issuer)
        # Written to stdout only, never logged: the one time the token exists in clear.
        self.stdout.write(raw)
        self.stderr.write(
            f"Token {token.prefix}… for {contact.email}. Hand it over now: it cannot be shown "
            "again."
        )

    def _list(self, email: str | None) -> None:
        rows = ContactToken.objects.select_related("contact")
        if email:
            rows = rows.filter(contact=self._contact(email))
        if not rows:
            self.stdout.write("No contact tokens.")
            return
        self.stdout.write(
            f"{'PREFIX':<14} {'CONTACT':<32} {'STATE':<8} {'LAST USED (UTC)':<17} NAME"
        )
        for token in rows:
            used = token.last_used_at.strftime("%Y-%m-%d %H:%M") if token.last_used_at else "never"
            state = "active" if token.is_active else "revoked"
            self.stdout.write(
                f"{token.prefix:<14} {token.contact.email:<32} {state:<8} {used:<17} {token.name}"
            )

    def _revoke(self, prefix: str) -> None:
        token = ContactToken.objects.select_related("contact").filter(prefix=prefix).first()
        if token is None:
            raise CommandError(
                f"No token with prefix {prefix!r}; `sunrelay contact_token list` shows them."
            )
        tokens.revoke(token)
        self.stdout.write(f"Revoked {token.prefix}… of {token.contact.email}.")
