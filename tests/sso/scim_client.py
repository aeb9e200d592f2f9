"""Requests as a provisioning client sends them: a bearer token, application/scim+json."""

from __future__ import annotations

import json

TOKEN = "scim-token-for-the-tests-0123456789abcdef"  # noqa: S105
SCIM_JSON = "application/scim+json"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"


class Scim:
    def __init__(self, client, token: str = TOKEN) -> None:
        self.client, self.headers = client, {"Authorization": f"Bearer {token}"}

    def _send(self, method: str, path: str, body=None, **query):
        send = getattr(self.client, method)
        url = f"/scim/v2/{path}"
        if body is None:
            return send(url, query or None, headers=self.headers)
        return send(url, json.dumps(body), content_type=SCIM_JSON, headers=self.headers)

    def get(self, path, **query):
        return self._send("get", path, **query)

    def post(self, path, body):
        return self._send("post", path, body)

    def put(self, path, body):
        return self._send("put", path, body)

    def patch(self, path, body):
        return self._send("patch", path, body)

    def delete(self, path):
        return self._send("delete", path)


def patch_op(*operations: dict) -> dict:
    return {"schemas": [PATCH_OP], "Operations": list(operations)}
