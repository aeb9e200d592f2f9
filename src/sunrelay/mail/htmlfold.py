"""Where the quoted tail starts in an HTML message: the HTML side of mail.quotes.

mail.quotes decides, on the text version, whether there is a quoted tail and how its first
line reads. Here that line is looked up in the sanitised HTML: the first element (or run of
text) whose text begins with it, widened to its ancestors while it is the first thing in
them (Gmail's attribution sits inside the quote's wrapper <div>). The fold runs from there to
the end of that node's parent, so the split falls between siblings and a <details> put around
the middle part keeps the HTML well formed. Nothing is removed: the three parts joined are the
input. When the line cannot be found (Outlook's <hr> rule, say), nothing is folded.

The input must be sanitize()'s output (well formed, attribute values double-quoted).
"""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass, field

_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*)\s*/?>')
_VOID = frozenset({"br", "hr", "img", "wbr"})
# A <details> may only stand where block content may: not inside <p>, <span>, <a>...
_FLOW_PARENTS = frozenset({"", "div", "blockquote", "li", "td", "th"})
# Enough of the quote's first line to find it, short enough to survive re-wrapping.
NEEDLE_CHARS = 40


@dataclass(eq=False)
class _Node:
    tag: str  # "" for the root, "#text" for text
    start: int
    end: int = 0  # after the end tag
    inner_end: int = 0  # before the end tag
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


def split_quoted(html: str, quote: str) -> tuple[str, str, str] | None:
    """(before, quoted, after) of `html`, where `quote` is the folded text of the message's
    text version (quotes.fold_boundary's tail); None when it cannot be placed in the HTML."""
    needle = _normal(_first_line(quote))[:NEEDLE_CHARS]
    root = _parse(html) if needle else None
    if root is None:
        return None
    start = next((n for n in _preorder(root) if _normal("".join(n.text)).startswith(needle)), None)
    if start is None:
        return None
    while start.parent is not root and _is_first_content(start):
        start = start.parent
    parent = start.parent
    if parent is None or parent.tag not in _FLOW_PARENTS:
        return None
    end = parent.inner_end
    return html[: start.start], html[start.start : end], html[end:]


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip(" >\t"):
            return line.strip().lstrip("> ")
    return ""


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()


def _parse(html: str) -> _Node | None:
    root = _Node("", 0, end=len(html), inner_end=len(html))
    stack = [root]
    position = 0
    for match in _TAG.finditer(html):
        _add_text(stack, html, position, match.start())
        position = match.end()
        closing, tag = match.group(1), match.group(2).lower()
        if closing:
            if len(stack) == 1 or stack[-1].tag != tag:
                return None  # not sanitize()'s output: fold nothing rather than guess
            node = stack.pop()
            node.inner_end, node.end = match.start(), match.end()
            continue
        node = _Node(tag, match.start(), parent=stack[-1])
        stack[-1].children.append(node)
        if tag in _VOID:
            node.end = node.inner_end = match.end()
        else:
            stack.append(node)
    _add_text(stack, html, position, len(html))
    return root if len(stack) == 1 else None


def _add_text(stack: list[_Node], html: str, start: int, end: int) -> None:
    if start >= end:
        return
    text = html_module.unescape(html[start:end])
    node = _Node("#text", start, end=end, inner_end=end, parent=stack[-1], text=[text])
    stack[-1].children.append(node)
    for ancestor in stack:
        ancestor.text.append(text)


def _preorder(node: _Node):
    for child in node.children:
        yield child
        yield from _preorder(child)


def _is_first_content(node: _Node) -> bool:
    """Nothing visible comes before `node` inside its parent."""
    for sibling in node.parent.children:
        if sibling is node:
            return True
        if sibling.tag == "img" or "".join(sibling.text).strip():
            return False
    return True
