"""SCIM's discovery documents (RFC 7644 §4, RFC 7643 §5–7): what this service provider
supports, its two resource types, and the attributes of each that Sunrelay keeps."""

from __future__ import annotations

from sunrelay.sso.scim_groups import GROUP_SCHEMA
from sunrelay.sso.scim_users import USER_SCHEMA

CONFIG_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema"
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
MAX_RESULTS = 200  # one page of a list, at most


def service_provider_config(base: str) -> dict:
    return {
        "schemas": [CONFIG_SCHEMA],
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": True, "maxResults": MAX_RESULTS},
        "changePassword": {"supported": False},
        "sort": {"supported": False},
        "etag": {"supported": False},
        "authenticationSchemes": [
            {
                "type": "oauthbearertoken",
                "name": "Bearer token",
                "description": "SUNRELAY_SCIM_TOKEN in the Authorization header.",
                "primary": True,
            }
        ],
        "meta": {
            "resourceType": "ServiceProviderConfig",
            "location": f"{base}/ServiceProviderConfig",
        },
    }


def resource_types(base: str) -> list[dict]:
    return [
        {
            "schemas": [TYPE_SCHEMA],
            "id": kind,
            "name": kind,
            "endpoint": f"/{kind}s",
            "schema": schema,
            "meta": {"resourceType": "ResourceType", "location": f"{base}/ResourceTypes/{kind}"},
        }
        for kind, schema in (("User", USER_SCHEMA), ("Group", GROUP_SCHEMA))
    ]


def _attribute(name: str, kind: str = "string", **more) -> dict:
    return {
        "name": name,
        "type": kind,
        "multiValued": False,
        "required": False,
        "caseExact": False,
        "mutability": "readWrite",
        "returned": "default",
        "uniqueness": "none",
        **more,
    }


def _value_list(name: str, mutability: str = "readWrite") -> dict:
    sub = [_attribute("value"), _attribute("display", mutability="readOnly")]
    return _attribute(name, "complex", multiValued=True, subAttributes=sub, mutability=mutability)


USER_ATTRIBUTES = [
    _attribute("userName", required=True, uniqueness="server"),
    _attribute(
        "name",
        "complex",
        subAttributes=[_attribute("givenName"), _attribute("familyName"), _attribute("formatted")],
    ),
    _attribute("displayName", mutability="readOnly"),
    _attribute("externalId", caseExact=True),
    _attribute("active", "boolean"),
    _value_list("emails"),
    _value_list("groups", mutability="readOnly"),
]
GROUP_ATTRIBUTES = [
    _attribute("displayName", required=True, uniqueness="server"),
    _value_list("members"),
]


def schemas(base: str) -> list[dict]:
    return [
        {
            "schemas": [SCHEMA_SCHEMA],
            "id": schema,
            "name": name,
            "description": description,
            "attributes": attributes,
            "meta": {"resourceType": "Schema", "location": f"{base}/Schemas/{schema}"},
        }
        for schema, name, description, attributes in (
            (USER_SCHEMA, "User", "A person who works in Sunrelay", USER_ATTRIBUTES),
            (GROUP_SCHEMA, "Group", "A group that brings roles (docs/sso.md)", GROUP_ATTRIBUTES),
        )
    ]


def listing(resources: list[dict], total: int, start: int) -> dict:
    return {
        "schemas": [LIST_SCHEMA],
        "totalResults": total,
        "startIndex": start,
        "itemsPerPage": len(resources),
        "Resources": resources,
    }
