"""The e-mail's rating links: no sign-in, one survey, nothing of the ticket but its number
and subject.

Opening a link (GET) records its rating at once: one click is the whole point. Mail
scanners that open every link in a message may record a rating nobody gave, so the page the
link opens shows the rating recorded with a choice to change it, and a comment box; a
second click on the other link changes the rating too, while the survey is open. The
comment (and a changed rating) is a POST with Django's CSRF check.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from sunrelay.csat import links, services
from sunrelay.csat.forms import RatingForm
from sunrelay.csat.models import RatedVia, Survey
from sunrelay.lib.forms import apply_service_errors

TEMPLATE = "csat/rate.html"


def _page(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    context = {**context, "days": settings.CSAT_LINK_DAYS}
    response = render(request, TEMPLATE, context, status=status)
    response["Referrer-Policy"] = "no-referrer"  # the link is a credential: never pass it on
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest, token: str) -> HttpResponse:
    try:
        survey_id, clicked = links.read(token)
    except links.BadLink as exc:
        return _page(request, {"error": str(exc)}, status=400)
    survey = Survey.objects.select_related("ticket").filter(pk=survey_id).first()
    if survey is None:
        return _page(request, {"error": "This survey no longer exists."}, status=404)
    closed = services.closed_reason(survey)
    if closed:
        return _page(request, {"survey": survey, "closed": closed})
    saved = False
    if request.method == "POST":
        form = RatingForm(request.POST)
        if form.is_valid():
            try:
                survey = services.rate(
                    survey,
                    form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                    via=RatedVia.EMAIL,
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                saved = True
        if not saved:
            return _page(request, {"survey": survey, "form": form, "token": token}, status=422)
    else:
        try:
            survey = services.rate(survey, clicked, via=RatedVia.EMAIL)
        except ValidationError as exc:  # closed between the check and the click
            return _page(request, {"survey": survey, "closed": " ".join(exc.messages)})
    form = RatingForm(initial={"rating": survey.rating, "comment": survey.comment})
    context = {"survey": survey, "form": form, "token": token, "saved": saved}
    return _page(request, context)
