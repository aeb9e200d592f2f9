"""/themes: the clustering's suggestions (list, accept, reject, suggest again), a theme's
status, and the shipped notice (read the draft, send it). Handlers parse and render;
feedback.suggestions, feedback.services and feedback.notices decide, feedback.access says
who may: people who work tickets decide suggestions and move themes; leads read and send the
notice (docs/feedback.md)."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from sunrelay.api.auth import actor
from sunrelay.api.schemas import AccountRef, Id, Input, Paging, ThemeRef, page
from sunrelay.feedback import access, notices, services, suggestions
from sunrelay.feedback.models import (
    NoticeState,
    ShippedNotice,
    Suggestion,
    SuggestionState,
    ThemeStatus,
)

router = Router(tags=["feedback"])


class SuggestedItem(Schema):
    id: int
    quote: str
    account: AccountRef | None


class SuggestionOut(Schema):
    id: int
    item: SuggestedItem
    theme: ThemeRef | None = Field(description="The theme suggested; null: a new theme")
    proposed_name: str = Field(description="The new theme's name when `theme` is null")
    similarity: float = Field(description="Cosine similarity to the rest of its cluster, 0-1")
    state: SuggestionState


class SuggestionPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[SuggestionOut]


class Refreshed(Schema):
    suggestions: int = Field(description="Pending suggestions made")


class StatusIn(Input):
    status: ThemeStatus = Field(description="shipped drafts the notice for a lead to send")


class StatusOut(Schema):
    id: int
    name: str
    status: ThemeStatus
    shipped_at: str | None

    @staticmethod
    def resolve_shipped_at(obj) -> str | None:
        return obj.shipped_at.isoformat() if obj.shipped_at else None


class Recipient(Schema):
    contact_id: int
    email: str
    quote: str = Field(description="The first words they gave: $quote in their e-mail")


class NoticeOut(Schema):
    theme: ThemeRef
    state: NoticeState
    subject: str
    body: str
    placeholders: list[str]
    recipients: list[Recipient] = Field(description="Who it goes to (drafts)")
    sent_to: list[str] = Field(description="The addresses it was queued for (sent notices)")
    sent_at: str | None


class NoticeIn(Input):
    subject: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=20000)


class Sent(Schema):
    queued: int = Field(description="E-mails queued in the outbox, one per mailable contact")


def _suggestions(request: HttpRequest):
    access.check_curate(actor(request))
    return Suggestion.objects.select_related("item__account", "theme")


@router.get("/suggestions", response=SuggestionPage, summary="List the pending theme suggestions")
def list_suggestions(request: HttpRequest, paging: Query[Paging]):
    found = _suggestions(request).filter(state=SuggestionState.PENDING)
    return page(found.order_by("-similarity", "id"), paging)


@router.post(
    "/suggestions/refresh", response=Refreshed, summary="Cluster the items and suggest again"
)
def refresh_suggestions(request: HttpRequest):
    access.check_curate(actor(request))
    return {"suggestions": suggestions.refresh()}


@router.post(
    "/suggestions/{suggestion_id}/accept",
    response=SuggestionOut,
    summary="Accept a suggestion: link the item (a new theme is created first)",
)
def accept_suggestion(request: HttpRequest, suggestion_id: Id):
    suggestion = get_object_or_404(_suggestions(request), pk=suggestion_id)
    suggestions.accept(actor(request), suggestion)
    return _suggestions(request).get(pk=suggestion_id)


@router.post(
    "/suggestions/{suggestion_id}/reject",
    response=SuggestionOut,
    summary="Reject a suggestion: that item and theme are not suggested again",
)
def reject_suggestion(request: HttpRequest, suggestion_id: Id):
    suggestion = get_object_or_404(_suggestions(request), pk=suggestion_id)
    suggestions.reject(actor(request), suggestion)
    return _suggestions(request).get(pk=suggestion_id)


@router.post("/{theme_id}/status", response=StatusOut, summary="Open, plan or ship a theme")
def set_status(request: HttpRequest, theme_id: Id, payload: StatusIn):
    user = actor(request)
    theme = get_object_or_404(access.visible_themes(user), pk=theme_id)
    access.check_curate(user)
    return services.set_status(user, theme, payload.status)


def _notice(request: HttpRequest, theme_id: int) -> ShippedNotice:
    user = actor(request)
    theme = get_object_or_404(access.visible_themes(user), pk=theme_id)
    access.check_lead(user)
    return get_object_or_404(ShippedNotice.objects.select_related("theme"), theme=theme)


def _notice_out(notice: ShippedNotice) -> dict:
    draft = notice.state == NoticeState.DRAFT
    return {
        "theme": notice.theme,
        "state": notice.state,
        "subject": notice.subject,
        "body": notice.body,
        "placeholders": list(notices.PLACEHOLDERS),
        "recipients": [
            {"contact_id": contact.pk, "email": contact.email, "quote": quote}
            for contact, quote in (notices.recipients(notice.theme) if draft else [])
        ],
        "sent_to": notice.recipients,
        "sent_at": notice.sent_at.isoformat() if notice.sent_at else None,
    }


@router.get(
    "/{theme_id}/notice",
    response=NoticeOut,
    summary="Read a shipped theme's notice: the draft and who it goes to",
)
def show_notice(request: HttpRequest, theme_id: Id):
    return _notice_out(_notice(request, theme_id))


@router.post(
    "/{theme_id}/notice/send",
    response=Sent,
    summary="Send the reviewed notice: one e-mail per contact through the outbox",
)
def send_notice(request: HttpRequest, theme_id: Id, payload: NoticeIn):
    notice = _notice(request, theme_id)
    queued = notices.send(actor(request), notice, subject=payload.subject, body=payload.body)
    return {"queued": queued}
