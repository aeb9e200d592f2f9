"""GET /metrics for Prometheus, guarded by SUNRELAY_METRICS_TOKEN (sent as
"Authorization: Bearer <token>", Prometheus' `authorization` setting). Without a token set the
page is not served; a wrong or missing token is refused in words."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST

from sunrelay.integrations import metrics


@require_GET
def scrape(request: HttpRequest) -> HttpResponse:
    token = settings.METRICS_TOKEN
    if not token:
        return JsonResponse({"detail": "Metrics are not set up here."}, status=404)
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(sent.encode(), token.encode()):
        answer = JsonResponse({"detail": "A valid metrics token is required."}, status=401)
        answer["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return answer
    return HttpResponse(metrics.exposition(), content_type=CONTENT_TYPE_LATEST)
