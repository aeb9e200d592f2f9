"""The role matrix (matrix.py) for single sign-on (docs/sso.md): leads see how the door is set
up; the trip to the provider is served only where a provider is configured, and SCIM only to
its own bearer token (the world sets neither: not served to anyone, a session opens nothing)."""

from __future__ import annotations

from tests.security.rules import LEADS, MISSING, Case, rule, web

UNSERVED = rule(*[MISSING] * 8)
USER = {"pk": "value:1"}
GROUP = {"name": "value:leads"}
USER_SCHEMA = {"id_": "value:urn:ietf:params:scim:schemas:core:2.0:User"}

WEB: list[Case] = [
    web("sso:status", rules=LEADS),
    web("sso:begin", rules=UNSERVED),
    web("sso:callback", rules=UNSERVED, query={"code": "value:x", "state": "value:y"}),
    web("scim:users", rules=UNSERVED),
    web("scim:users", "POST", rules=UNSERVED, data={"userName": "bjensen"}),
    web("scim:user", args=USER, rules=UNSERVED),
    web("scim:groups", rules=UNSERVED),
    web("scim:group", args=GROUP, rules=UNSERVED),
    web("scim:config", rules=UNSERVED),
    web("scim:types", rules=UNSERVED),
    web("scim:type", args={"id_": "value:User"}, rules=UNSERVED),
    web("scim:schemas", rules=UNSERVED),
    web("scim:schema", args=USER_SCHEMA, rules=UNSERVED),
]
