"""The e-mail's one-click links: signed (django.core.signing) with the survey's id and the
rating, expiring after SUNRELAY_CSAT_LINK_DAYS. Whoever holds one may rate that survey and
add a comment, without signing in, and do nothing else."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from sunrelay.csat.models import Rating
from sunrelay.lib.links import absolute

SALT = "sunrelay.csat.rating"


class BadLink(Exception):
    """The link was altered or has expired; the message says which, in words."""


def max_age() -> timedelta:
    return timedelta(days=settings.CSAT_LINK_DAYS)


def make(survey_id: int, rating: str) -> str:
    return signing.dumps([survey_id, rating], salt=SALT)


def read(token: str) -> tuple[int, str]:
    """(survey id, rating) of a link; BadLink when it was altered or has expired."""
    try:
        survey_id, rating = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired:
        raise BadLink(
            f"This link has expired: rating links work for {settings.CSAT_LINK_DAYS} days "
            "after we send them. Thank you all the same."
        ) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise BadLink(
            "This link is not complete or was changed on its way. Open it again from the "
            "e-mail, or copy the whole link into your browser."
        ) from None
    if not isinstance(survey_id, int) or rating not in Rating.values:
        raise BadLink("This link is not a rating link.")
    return survey_id, rating


def url(survey_id: int, rating: str) -> str:
    return absolute(reverse("csat:rate", args=[make(survey_id, rating)]))
