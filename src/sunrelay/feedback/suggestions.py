"""The clustering's suggestions as rows people accept or reject in one click.

`refresh` clusters the most recent items (feedback.clustering) and replaces the pending
suggestions: an item without a theme whose cluster holds linked items is suggested the theme
most of them carry; a cluster of at least two items and no theme is suggested as a new theme,
named after its heaviest words. A rejected pair is never suggested again; accepting links the
item (and, for a new theme, creates it and points the rest of its cluster at it)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sunrelay.feedback import access, clustering, services
from sunrelay.feedback.models import FeedbackItem, Suggestion, SuggestionState, Theme

# The newest items clustered at once: the distance matrix grows with its square.
WINDOW = 2000


@transaction.atomic
def refresh(at=None) -> int:
    """Recompute the pending suggestions; the number made."""
    at = at or timezone.now()
    items = list(
        FeedbackItem.objects.order_by("-created_at", "-id").values_list("pk", "quote", "theme_id")[
            :WINDOW
        ]
    )
    Suggestion.objects.filter(state=SuggestionState.PENDING).delete()
    if len(items) < 2:
        return 0
    rejected = set(
        Suggestion.objects.filter(state=SuggestionState.REJECTED).values_list("item_id", "theme_id")
    )
    clusters = clustering.cluster([quote for _, quote, _ in items])
    known = [str(theme) if theme else None for _, _, theme in items]
    made = []
    for proposal in clustering.propose(clusters, known):
        item_pk, theme_pk = items[proposal.index][0], int(proposal.label)
        if (item_pk, theme_pk) not in rejected:
            made.append(
                Suggestion(
                    item_id=item_pk,
                    theme_id=theme_pk,
                    similarity=round(proposal.similarity, 3),
                    created_at=at,
                )
            )
    for label in set(clusters.labels):
        members = clusters.members(label)
        if len(members) < 2 or any(known[i] for i in members):
            continue
        name = clusters.name(label)[:120]
        for i in members:
            if (items[i][0], None) in rejected:
                continue
            peers = [j for j in members if j != i]
            made.append(
                Suggestion(
                    item_id=items[i][0],
                    proposed_name=name,
                    cluster=f"c{label}",
                    similarity=round(clusters.similarity(i, peers), 3),
                    created_at=at,
                )
            )
    Suggestion.objects.bulk_create(made)
    return len(made)


def pending():
    return Suggestion.objects.filter(state=SuggestionState.PENDING).select_related(
        "item__account", "theme"
    )


def _decide(user, suggestion: Suggestion, state: str) -> Suggestion:
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.state != SuggestionState.PENDING:
        raise ValidationError("This suggestion was already decided.")
    suggestion.state, suggestion.decided_by, suggestion.decided_at = state, user, timezone.now()
    suggestion.save(update_fields=["state", "decided_by", "decided_at"])
    return suggestion


@transaction.atomic
def accept(user, suggestion: Suggestion) -> Theme:
    """Link the suggestion's item; a new theme is created first (or found by its name)."""
    access.check_curate(user)
    suggestion = _decide(user, suggestion, SuggestionState.ACCEPTED)
    theme = suggestion.theme
    if theme is None:
        theme = Theme.objects.filter(name__iexact=suggestion.proposed_name).first()
        if theme is None:
            theme = services.create_theme(user, name=suggestion.proposed_name)
        Suggestion.objects.filter(
            state=SuggestionState.PENDING, theme__isnull=True, cluster=suggestion.cluster
        ).update(theme=theme, proposed_name="")
    services.link(user, suggestion.item, theme)
    return theme


@transaction.atomic
def reject(user, suggestion: Suggestion) -> Suggestion:
    access.check_curate(user)
    return _decide(user, suggestion, SuggestionState.REJECTED)
