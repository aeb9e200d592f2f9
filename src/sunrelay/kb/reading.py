"""What the article pages show: the current version's variants rendered, and an article list
found by words (the search index) or by product area."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from sunrelay.kb.articles import ARTICLE, Variant, current_version, variants
from sunrelay.kb.markdown import render
from sunrelay.kb.models import Article
from sunrelay.search.backends import backend
from sunrelay.search.query import parse

LISTED = 100


@dataclass(frozen=True)
class Shown:
    variant: Variant
    html: str


def shown_variants(article: Article, level: str = "") -> list[Shown]:
    """The article's written variants, `level`'s (or the body) first, rendered."""
    return [Shown(v, render(v.text)) for v in variants(current_version(article), level)]


def find(articles: QuerySet, text: str) -> list[Article]:
    """Articles of `articles` matching the words of `text`, best first (QueryError on a bad
    query); without words, all of them by title."""
    query = parse(text)
    if not query.has_text:
        return list(articles.order_by("title")[:LISTED])
    ids = [h.id for h in backend().documents(query, ARTICLE, articles, limit=LISTED)]
    rows = articles.in_bulk(ids)
    return [rows[i] for i in ids if i in rows]
