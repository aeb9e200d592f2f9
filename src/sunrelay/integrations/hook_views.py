"""Where GitHub and GitLab deliver their webhooks (docs/integrations.md). Each request is
checked against the secret in settings (never logged), read by integrations.hooks and acted on
by integrations.bugs. The answers are JSON and say in words what was done or refused."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from sunrelay.integrations import bugs, hooks

MAX_BODY = 1024 * 1024


def _payload(request: HttpRequest) -> dict | JsonResponse:
    if len(request.body) > MAX_BODY:
        return JsonResponse({"detail": "The delivery is larger than 1 MB."}, status=413)
    try:
        payload = json.loads(request.body or b"null")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return JsonResponse({"detail": "The delivery is not JSON."}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse({"detail": "The delivery is not a JSON object."}, status=400)
    return payload


def _act(changes: list[hooks.Change]) -> JsonResponse:
    done = []
    for change in changes:
        if change.what == hooks.FIXED:
            bug = bugs.fixed(change.ref, change.reason)
        else:
            bug = bugs.reopened(change.ref)
        if bug is not None:
            done.append({"bug": str(bug), "state": bug.state, "tickets": bug.links.count()})
    if not done:
        return JsonResponse({"detail": "Nothing linked to a ticket changed.", "bugs": []})
    return JsonResponse({"detail": f"{len(done)} linked bug(s) updated.", "bugs": done})


@csrf_exempt
@require_POST
def github(request: HttpRequest) -> JsonResponse:
    secret = settings.GITHUB_WEBHOOK_SECRET
    if not secret:
        return JsonResponse({"detail": "GitHub webhooks are not set up here."}, status=404)
    signature = request.headers.get("X-Hub-Signature-256")
    if not hooks.github_verified(secret, request.body, signature):
        return JsonResponse({"detail": "The signature does not match the secret."}, status=401)
    payload = _payload(request)
    if isinstance(payload, JsonResponse):
        return payload
    return _act(hooks.github_changes(request.headers.get("X-GitHub-Event", ""), payload))


@csrf_exempt
@require_POST
def gitlab(request: HttpRequest) -> JsonResponse:
    token = settings.GITLAB_WEBHOOK_TOKEN
    if not token:
        return JsonResponse({"detail": "GitLab webhooks are not set up here."}, status=404)
    if not hooks.gitlab_verified(token, request.headers.get("X-Gitlab-Token")):
        return JsonResponse({"detail": "The token does not match."}, status=401)
    payload = _payload(request)
    if isinstance(payload, JsonResponse):
        return payload
    return _act(hooks.gitlab_changes(payload))
