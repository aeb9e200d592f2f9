"""A readable plain-text version of HTML mail (for HTML-only messages and quote folding).

Written on the standard library's tolerant HTMLParser: mail HTML is often broken, and a text
version needs paragraphs, line breaks, list bullets, link targets and "> " for blockquotes,
not layout fidelity.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "div",
        "dl",
        "dt",
        "dd",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tr",
        "ul",
        "li",
        "blockquote",
    ]
)
SKIP = frozenset({"script", "style", "head", "title", "template", "xml"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.quote = 0
        self.pre = 0
        self.href: list[str | None] = []

    def _flush(self, force_blank: bool = False) -> None:
        text = "".join(self.current)
        self.current = []
        if not self.pre:
            text = re.sub(r"[ \t\r\n\f\xa0]+", " ", text).strip()
        prefix = "> " * self.quote
        if text:
            for line in text.split("\n"):
                self.lines.append(prefix + line)
        elif force_blank and self.lines and self.lines[-1].strip("> "):
            self.lines.append(prefix.rstrip())

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
            return
        if tag == "br":
            self._flush()
            return
        if tag in BLOCKS:
            self._flush(force_blank=tag in {"p", "blockquote", "table", "ul", "ol"})
        if tag == "blockquote":
            self.quote += 1
        elif tag == "pre":
            self.pre += 1
        elif tag == "li":
            self.current.append("- ")
        elif tag in {"td", "th"}:
            self.current.append(" ")
        elif tag == "a":
            self.href.append(dict(attrs).get("href"))
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.current.append(f"[{alt}]")

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "a" and self.href:
            href = self.href.pop()
            shown = "".join(self.current)
            if href and href.startswith(("http:", "https:")) and href not in shown:
                self.current.append(f" <{href}>")
        if tag in BLOCKS:
            self._flush(force_blank=tag in {"p", "blockquote", "table", "ul", "ol"})
        if tag == "blockquote":
            self.quote = max(0, self.quote - 1)
            if self.lines and not self.lines[-1].replace(">", "").strip():
                self.lines[-1] = "> " * self.quote if self.quote else ""
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)

    def handle_data(self, data):
        if not self.skip:
            self.current.append(data)


def html_to_text(html: str) -> str:
    parser = _Text()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # the parser gives up on some garbage; keep what it had
        pass
    parser._flush()
    text = "\n".join(parser.lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
