"""`sunrelay token create|list|revoke`: manage per-user API tokens."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sunrelay.api.models import ApiToken
from sunrelay.api.tokens import create_token, revoke_token


class Command(BaseCommand):
    help = "Create, list and revoke API tokens."

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser("create", help="Issue a token for a user; shown only once.")
        create.add_argument("username")
        create.add_argument("--name", default="", help="What the token is for, e.g. 'CI import'.")
        listing = actions.add_parser("list", help="List tokens (all users or one).")
        listing.add_argument("username", nargs="?")
        revoke = actions.add_parser("revoke", help="Revoke a token by its prefix.")
        revoke.add_argument("prefix")

    def handle(self, *args, **options) -> None:
        action = options["action"]
        if action == "create":
            self._create(options["username"], options["name"])
        elif action == "list":
            self._list(options.get("username"))
        else:
            self._revoke(options["prefix"])

    def _user(self, username: str):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        return user

    def _create(self, username: str, name: str) -> None:
        user = self._user(username)
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive; a token for them would not work.")
        token, raw = create_token(user, name)
        # Written to stdout only, never logged: this is the one time the token exists in clear.
        self.stdout.write(raw)
        self.stderr.write(
            f"Token {token.prefix}… for {username}. Store it now: it cannot be shown again."
        )

    def _list(self, username: str | None) -> None:
        tokens = ApiToken.objects.select_related("user")
        if username:
            tokens = tokens.filter(user=self._user(username))
        rows = list(tokens)
        if not rows:
            self.stdout.write("No API tokens.")
            return
        # Times in UTC, like every time Sunrelay stores.
        self.stdout.write(
            f"{'PREFIX':<12} {'USER':<20} {'STATE':<8} {'CREATED (UTC)':<17} "
            f"{'LAST USED (UTC)':<17} NAME"
        )
        for token in rows:
            self.stdout.write(
                f"{token.prefix:<12} {token.user.get_username():<20} "
                f"{'active' if token.is_active else 'revoked':<8} "
                f"{_when(token.created_at):<17} {_when(token.last_used_at):<17} {token.name}"
            )

    def _revoke(self, prefix: str) -> None:
        token = revoke_token(prefix.strip().rstrip("…"))
        if token is None:
            raise CommandError(
                f"No token with prefix {prefix!r}; `sunrelay token list` shows them."
            )
        self.stdout.write(f"Revoked {token.prefix}… of {token.user.get_username()}.")


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "never"
