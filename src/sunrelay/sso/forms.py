"""The log-in page's password form: says in words when passwords are turned off."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from sunrelay.sso.backends import password_allowed


class PasswordLoginForm(AuthenticationForm):
    def clean(self):
        username = self.cleaned_data.get("username")
        try:
            # Always authenticate: django-axes counts a refused password as a failure.
            return super().clean()
        except ValidationError:
            if username and not password_allowed(username):
                raise ValidationError(
                    "Passwords are turned off here: sign in with "
                    f"{settings.SSO.provider_name} instead.",
                    code="password_login_off",
                ) from None
            raise
