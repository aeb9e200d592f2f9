"""The command palette's JSON: GET /desk/palette/?q=words → {"items": [...]} (web.palette)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from sunrelay.web import palette
from sunrelay.web.access import desk_view


@desk_view
@require_GET
def palette_items(request: HttpRequest) -> JsonResponse:
    try:
        items = palette.find(request.user, request.GET.get("q", ""))
    except ValueError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    return JsonResponse({"items": [item.as_json() for item in items]})
