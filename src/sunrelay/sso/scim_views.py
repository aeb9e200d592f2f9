"""SCIM 2.0 over HTTP (RFC 7644) under /scim/v2/: Users, Groups and the discovery documents.
A bearer token authenticates the provisioning client (settings.SSO.scim_token, compared in
constant time, never logged); a bad one counts against the caller's address like a bad API
token (web.throttle). Bodies are application/scim+json; errors are SCIM error bodies."""

from __future__ import annotations

import hmac
import json
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from sunrelay.sso import scim_filter, scim_groups, scim_users
from sunrelay.sso.scim_errors import ScimError, invalid
from sunrelay.sso.scim_schema import (
    MAX_RESULTS,
    listing,
    resource_types,
    schemas,
    service_provider_config,
)
from sunrelay.web import throttle

CONTENT_TYPE = "application/scim+json"
MAX_BODY = 1_000_000  # bytes of one request body


def answer(body, status: int = 200, location: str = "") -> HttpResponse:
    response = JsonResponse(body, status=status, safe=False, content_type=CONTENT_TYPE)
    if location:
        response["Location"] = location
    return response


def _check_token(request: HttpRequest) -> None:
    token = settings.SSO.scim_token
    if not token:
        raise ScimError(404, "SCIM provisioning is not set up here (SUNRELAY_SCIM_TOKEN).")
    if not throttle.token_allowed(request):
        raise ScimError(429, throttle.wait_words(throttle.seconds_left(request)))
    scheme, _, sent = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(sent.strip().encode(), token.encode()):
        throttle.token_failed(request)
        raise ScimError(401, "A valid SCIM bearer token is required.")


def body(request: HttpRequest) -> dict:
    if len(request.body) > MAX_BODY:
        raise ScimError(413, f"The body is larger than {MAX_BODY} bytes.")
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ScimError(400, "The body is not JSON.", "invalidSyntax") from None
    if not isinstance(data, dict):
        raise ScimError(400, "The body must be a JSON object.", "invalidSyntax")
    return data


def scim(methods: set[str]):
    """The door of every SCIM view: the token, the allowed methods, errors as SCIM bodies."""

    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            try:
                _check_token(request)
                if request.method not in methods:
                    raise ScimError(405, f"{request.method} is not allowed here.")
                return view(request, *args, **kwargs)
            except ScimError as exc:
                response = answer(exc.body(), exc.status)
                if exc.status == 401:
                    response["WWW-Authenticate"] = 'Bearer realm="scim"'
                return response

        return wrapper

    return decorate


def base(request: HttpRequest) -> str:
    root = reverse("scim:config").removesuffix("/ServiceProviderConfig")
    return request.build_absolute_uri(root)


def _page(request: HttpRequest) -> tuple[int, int]:
    try:
        start = max(int(request.GET.get("startIndex", 1)), 1)
        count = min(max(int(request.GET.get("count", MAX_RESULTS)), 0), MAX_RESULTS)
    except ValueError:
        raise invalid("startIndex and count must be whole numbers.") from None
    return start, count


def _excluded(request: HttpRequest) -> set[str]:
    return {a.strip().lower() for a in request.GET.get("excludedAttributes", "").split(",")}


@scim({"GET", "POST"})
def users(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        user = scim_users.create(body(request))
        created = scim_users.resource(user, base(request))
        return answer(created, 201, created["meta"]["location"])
    found = scim_filter.parse(request.GET.get("filter"), scim_users.FILTERABLE)
    start, count = _page(request)
    everyone = scim_users.search(found)
    page = everyone[start - 1 : start - 1 + count]
    root = base(request)
    return answer(listing([scim_users.resource(u, root) for u in page], everyone.count(), start))


@scim({"GET", "PUT", "PATCH", "DELETE"})
def user(request: HttpRequest, pk: str) -> HttpResponse:
    person = scim_users.find(pk)
    if request.method == "DELETE":
        scim_users.delete(person)
        return HttpResponse(status=204)
    if request.method == "PUT":
        person = scim_users.replace(person, body(request))
    elif request.method == "PATCH":
        person = scim_users.patch(person, body(request))
    return answer(scim_users.resource(person, base(request)))


@scim({"GET", "POST"})
def groups(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        name = scim_groups.create(body(request))
        created = scim_groups.resource(name, base(request))
        return answer(created, 201, created["meta"]["location"])
    found = scim_filter.parse(request.GET.get("filter"), scim_groups.FILTERABLE)
    start, count = _page(request)
    named = scim_groups.search(found)
    members = "members" not in _excluded(request)
    root = base(request)
    page = [scim_groups.resource(n, root, members) for n in named[start - 1 : start - 1 + count]]
    return answer(listing(page, len(named), start))


@scim({"GET", "PUT", "PATCH", "DELETE"})
def group(request: HttpRequest, name: str) -> HttpResponse:
    name = scim_groups.find(name)
    if request.method == "DELETE":
        scim_groups.delete(name)
        return HttpResponse(status=204)
    if request.method == "PUT":
        scim_groups.replace(name, body(request))
    elif request.method == "PATCH":
        scim_groups.patch(name, body(request))
    members = "members" not in _excluded(request)
    return answer(scim_groups.resource(name, base(request), members))


@scim({"GET"})
def config(request: HttpRequest) -> HttpResponse:
    return answer(service_provider_config(base(request)))


def _one_of(request: HttpRequest, documents: list[dict], id_: str | None) -> HttpResponse:
    if id_ is None:
        return answer(listing(documents, len(documents), 1))
    for document in documents:
        if document["id"] == id_:
            return answer(document)
    raise ScimError(404, f"No such document: {id_!r}.")


@scim({"GET"})
def types(request: HttpRequest, id_: str | None = None) -> HttpResponse:
    return _one_of(request, resource_types(base(request)), id_)


@scim({"GET"})
def schema_documents(request: HttpRequest, id_: str | None = None) -> HttpResponse:
    return _one_of(request, schemas(base(request)), id_)
