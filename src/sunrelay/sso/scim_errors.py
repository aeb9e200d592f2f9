"""SCIM's error answers (RFC 7644 §3.12): the status, a scimType where the RFC names one,
and a detail in words."""

from __future__ import annotations

ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"


class ScimError(Exception):
    def __init__(self, status: int, detail: str, scim_type: str = "") -> None:
        super().__init__(detail)
        self.status, self.detail, self.scim_type = status, detail, scim_type

    def body(self) -> dict:
        body = {"schemas": [ERROR_SCHEMA], "status": str(self.status), "detail": self.detail}
        if self.scim_type:
            body["scimType"] = self.scim_type
        return body


def not_found(kind: str, id_: str) -> ScimError:
    return ScimError(404, f"No {kind} with id {id_!r}.")


def invalid(detail: str) -> ScimError:
    return ScimError(400, detail, "invalidValue")
