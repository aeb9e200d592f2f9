"""What the project serves, read from the URL configuration and the OpenAPI document."""

from __future__ import annotations

import re

from django.urls import URLPattern, URLResolver, get_resolver

API_PREFIX = "/api/v1"


def _walk(patterns, namespace: str = "", prefix: str = ""):
    """(name, route, pattern) of every URL pattern; a pattern without a name (the admin has a
    few) is known by its route."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace or "") if n)
            yield from _walk(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield (name if pattern.name else route), route, pattern


def routes() -> dict[str, str]:
    """Name -> route of every URL pattern, except the API's operations: those are read from
    the OpenAPI document (api_operations)."""
    return {
        name: route
        for name, route, pattern in _walk(get_resolver().url_patterns)
        if getattr(pattern.callback, "__module__", "") != "ninja.operation"
    }


def url_names() -> list[str]:
    return sorted(routes())


def path_of(route: str, args: dict) -> str:
    """The path of a route with its arguments filled in: "admin/desk/tag/<path:object_id>/"."""
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(args[m.group(1)]), route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(args[m.group(1)]), path)
    return "/" + path.lstrip("^").rstrip("$")


def api_operations() -> list[str]:
    """Every operation of the API as "METHOD /path", e.g. "GET /tickets/{ticket_id}"."""
    from sunrelay.api.v1 import api

    schema = api.get_openapi_schema()
    return sorted(
        f"{method.upper()} {path.removeprefix(API_PREFIX)}"
        for path, operations in schema["paths"].items()
        for method in operations
    )
