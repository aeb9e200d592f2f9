"""Passwords open the door unless SUNRELAY_PASSWORD_LOGIN=off, and then only for the
break-glass user names (settings.SSO). Every password form (the log-in page, the admin's) goes
through here, so the rule holds wherever a password is typed; django-axes, the backend before
this one, still counts each failure."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


def password_allowed(username: str | None) -> bool:
    return settings.SSO.password_allowed(username or "")


class PasswordBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get("username")
        if not password_allowed(username):
            return None  # the log-in form says why; a refused password is still a failure
        return super().authenticate(request, username=username, password=password, **kwargs)
