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
    "to": "to_id",
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


# The error answers every operation may give, documented beside its own answers: the body is
# always {"detail": ...}, a sentence or (422) a list of field errors.
MESSAGE = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERROR = {
    "type": "object",
    "properties": {
        "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
        "msg": {"type": "string"},
        "type": {"type": "string"},
    },
    "required": ["loc", "msg", "type"],
}
REFUSED = {
    "type": "object",
    "properties": {
        "detail": {
            "anyOf": [
                {"type": "array", "items": {"$ref": "#/components/schemas/FieldError"}},
                {"type": "string"},
            ]
        }
    },
    "required": ["detail"],
}
ANSWERS = {
    "400": "The body is not JSON.",
    "401": "No valid token or session.",
    "403": "Your role may not do this (the message says why).",
    "404": "Nothing with that id that you may see.",
    "422": "Input refused: each error names the field and says why.",
    "429": "Too many bad tokens or passwords from your address; see Retry-After.",
}


# Marks an operation without an id in its path that still answers 404 (openapi_extra).
NOT_FOUND_TOO = "x-answers-404"


def _answer(code: str) -> dict:
    schema = "Refused" if code == "422" else "ErrorMessage"
    return {
        "description": ANSWERS[code],
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def document(schema: dict) -> dict:
    """Add the error answers each operation can give to the OpenAPI document, in place."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(ErrorMessage=MESSAGE, FieldError=FIELD_ERROR, Refused=REFUSED)
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            codes = []
            if operation.get("requestBody"):
                codes.append("400")
            if operation.get("security"):
                codes += ["401", "403", "429"]
            if "{" in path or operation.pop(NOT_FOUND_TOO, False):
                codes.append("404")
            if operation.get("parameters") or operation.get("requestBody"):
                codes.append("422")
            responses = operation["responses"]
            for code in codes:
                responses.setdefault(code, _answer(code))
    return schema
