"""Where Slack sends its requests (docs/slack.md): /slack/events/ (Events API) and
/slack/interactions/ (shortcuts, modal submissions). Each request is verified (slack.signing),
stored raw (slack.receive) and answered at once; events are processed by the worker. Answers
are JSON and say in words what was refused."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from sunrelay.slack import receive, shortcuts, signing
from sunrelay.slack.client import installation
from sunrelay.slack.models import Kind, RawState

MAX_BODY = 1024 * 1024


def _refused(request: HttpRequest) -> JsonResponse | None:
    if len(request.body) > MAX_BODY:
        return JsonResponse({"detail": "The request is larger than 1 MB."}, status=413)
    secret = installation().signing_secret
    if not secret:
        return JsonResponse({"detail": "Slack is not set up here."}, status=404)
    reason = signing.refusal(
        secret,
        request.body,
        request.headers.get("X-Slack-Request-Timestamp"),
        request.headers.get("X-Slack-Signature"),
    )
    return JsonResponse({"detail": reason}, status=401) if reason else None


def _json(text: str | bytes) -> dict | None:
    try:
        payload = json.loads(text or b"null")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return payload if isinstance(payload, dict) else None


REPLAYED = {"detail": "This request was received before: a replay is refused."}


@csrf_exempt
@require_POST
def events(request: HttpRequest) -> HttpResponse:
    refused = _refused(request)
    if refused is not None:
        return refused
    payload = _json(request.body)
    if payload is None:
        return JsonResponse({"detail": "The request is not a JSON object."}, status=400)
    if payload.get("type") == "url_verification":
        return JsonResponse({"challenge": str(payload.get("challenge", ""))})
    if payload.get("type") != "event_callback" or not payload.get("event_id"):
        return JsonResponse({"detail": "Not an event callback: nothing to do."})
    what, _ = receive.store(
        Kind.EVENT,
        f"event:{payload['event_id']}",
        request.headers["X-Slack-Signature"],
        request.body,
    )
    if what == receive.REPLAY:
        return JsonResponse(REPLAYED, status=409)
    if what == receive.DUPLICATE:
        return JsonResponse({"detail": "Received before (a retry): nothing new."})
    return JsonResponse({"detail": "Stored; the worker processes it."})


@csrf_exempt
@require_POST
def interactions(request: HttpRequest) -> HttpResponse:
    refused = _refused(request)
    if refused is not None:
        return refused
    payload = _json(request.POST.get("payload", ""))
    if payload is None:
        return JsonResponse({"detail": "The request has no JSON payload."}, status=400)
    what, row = receive.store(
        Kind.INTERACTION,
        receive.digest(request.body),
        request.headers["X-Slack-Signature"],
        request.body,
        state=RawState.PROCESSED,
    )
    if what == receive.REPLAY:
        return JsonResponse(REPLAYED, status=409)
    if what == receive.DUPLICATE:
        return JsonResponse({"detail": "Received before: nothing new."})
    # A shortcut's trigger_id lasts three seconds: its modal is opened now, not by the worker.
    answer, outcome = shortcuts.handle(payload)
    receive.finish(row, RawState.PROCESSED, outcome)
    if answer is None:
        return HttpResponse(status=200)
    return JsonResponse(answer)
