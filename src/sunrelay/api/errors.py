"""Service exceptions as API responses, in the shape ninja uses for its own errors.

Services raise django's ValidationError with a message per field and PermissionDenied;
clients get the same 422 body whether pydantic or a business rule refused the input.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from sunrelay.api.auth import TooManyAttempts

# Services name a relation after the model field ("assignee"); the API takes its id
# ("assignee_id"). Errors point at the field the client actually sent.
FIELD_ALIASES = {
    "assignee": "assignee_id",
    "requester": "requester_id",
    "account": "account_id",
    "ae": "ae_id",
    "ce": "ce_id",
    "cover": "cover_id",
    "user": "user_id",
}


def validation_details(exc: ValidationError, source: str = "body") -> list[dict]:
    if not hasattr(exc, "error_dict"):
        return [{"loc": [source], "msg": msg, "type": "value_error"} for msg in exc.messages]
    details = []
    for field, messages in exc.message_dict.items():
        loc = [source] if field == NON_FIELD_ERRORS else [source, FIELD_ALIASES.get(field, field)]
        details.extend({"loc": loc, "msg": msg, "type": "value_error"} for msg in messages)
    return details


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def rule_broken(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": validation_details(exc)}, status=422)

    @api.exception_handler(PermissionDenied)
    def not_allowed(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or "You are not allowed to do this."
        return api.create_response(request, {"detail": message}, status=403)

    @api.exception_handler(TooManyAttempts)
    def slow_down(request: HttpRequest, exc: TooManyAttempts) -> HttpResponse:
        response = api.create_response(request, {"detail": str(exc)}, status=429)
        response["Retry-After"] = str(exc.seconds)
        return response
