"""Articles are searchable documents (search.documents), written by kb.articles."""

from __future__ import annotations

from sunrelay.kb.articles import ARTICLE, article_texts
from sunrelay.kb.models import Article
from sunrelay.search import documents

documents.register_kind(ARTICLE, article_texts, Article)
