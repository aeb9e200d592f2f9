"""Writes on a ticket that changed since the client read it (desk.versions): the optional
`expected_version` in the body or an `If-Match` header, and the 409 that names the changes."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema

from sunrelay.desk import versions
from sunrelay.desk.views.collisions import describe
from sunrelay.lib.bounds import MAX_ID

EXPECTED_HELP = (
    "The ticket's `version` you last read. When the ticket changed since, nothing is done "
    "and the answer is 409 with the changes; send again with the new version to go ahead. "
    "An If-Match header with the version does the same."
)


class ChangeOut(Schema):
    at: datetime
    actor: str
    kind: str
    text: str = Field(description="What changed, as the ticket's history says it.")
    excerpt: str = Field(description="The start of a message written since; empty otherwise.")


class StaleOut(Schema):
    detail: str
    version: int = Field(description="The ticket's version now: send it to go ahead anyway.")
    changes: list[ChangeOut]


def expected(request: HttpRequest, from_body: int | None) -> int | None:
    """The version the client expects: the body's, else If-Match's ("12", "\\"12\\"" or
    W/"12"); None when neither is sent. A header that is no version is refused in words."""
    if from_body is not None:
        return from_body
    raw = request.headers.get("If-Match", "").strip()
    if not raw or raw == "*":
        return None
    value = raw.removeprefix("W/").strip('"')
    if not value.isascii() or not value.isdigit() or int(value) > MAX_ID:
        raise ValidationError(
            "If-Match must be the ticket's version, a whole number (as `version` shows it)."
        )
    return int(value)


def install(api: NinjaAPI) -> None:
    @api.exception_handler(versions.StaleVersion)
    def stale(request: HttpRequest, exc: versions.StaleVersion) -> HttpResponse:
        changes = [line.__dict__ for line in describe(exc.events)]
        body = {"detail": str(exc), "version": exc.version, "changes": changes}
        return api.create_response(request, body, status=409)
