"""Articles are Markdown (CommonMark with tables and fenced code), rendered on the server and
sanitised like customer HTML (desk.html): raw HTML in the source is shown as text."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

from sunrelay.desk.html import sanitize


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render(source: str) -> str:
    return sanitize(_parser().render(source or ""))
