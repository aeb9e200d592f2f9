"""Each person's choice, per kind: in the app only, or in the app and by e-mail."""

from __future__ import annotations

from django.db import transaction

from sunrelay.notify.models import Kind, Preference

# Without a choice of their own, people hear of everything in the app only: the bell is
# always there, e-mail is asked for.
DEFAULT_BY_EMAIL = False


def by_email(user) -> dict[str, bool]:
    """Kind -> whether `user` also gets it by e-mail, for every kind: one query."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "by_email"))
    return {kind: chosen.get(kind, DEFAULT_BY_EMAIL) for kind in Kind.values}


def wants_email(user, kind: str) -> bool:
    row = Preference.objects.filter(user=user, kind=kind).values_list("by_email", flat=True)
    return next(iter(row), DEFAULT_BY_EMAIL)


def save(user, choices: dict[str, bool]) -> dict[str, bool]:
    """Store `user`'s choices (kinds left out keep theirs); returns them all."""
    unknown = sorted(set(choices) - set(Kind.values))
    if unknown:
        raise ValueError(f"Unknown kinds of notification: {', '.join(unknown)}")
    with transaction.atomic():
        for kind, email in choices.items():
            Preference.objects.update_or_create(
                user=user, kind=kind, defaults={"by_email": bool(email)}
            )
    return by_email(user)
