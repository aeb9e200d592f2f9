"""Customer HTML is hostile input: everything rendered goes through sanitize()."""

from __future__ import annotations

import html as html_module

import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "abbr": {"title"},
}
# No javascript:, no data: except what mail intake turns into attachments later; cid: for
# inline images of the same message.
URL_SCHEMES = {"http", "https", "mailto", "cid"}


def _no_remote_images(tag: str, attribute: str, value: str) -> str | None:
    # A remote image is how a sender learns that, when and where a ticket was read (tracking
    # pixels): only the message's own images (cid:, then our attachment URLs) are kept. The
    # raw message keeps the original.
    if tag == "img" and attribute == "src" and not _own_image(value):
        return None
    return value


def _own_image(url: str) -> bool:
    url = "".join(ch for ch in url if ch > " ")  # browsers drop tabs and newlines in URLs
    if url.lower().startswith("cid:"):
        return True
    # A path on this site; "//host" and "/\host" are other sites to a browser.
    return url.startswith("/") and not url.startswith(("//", "/\\"))


def sanitize(raw_html: str) -> str:
    if not raw_html:
        return ""
    return nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=_no_remote_images,
    )


def text_to_html(text: str) -> str:
    """Plain text shown as HTML: escaped, paragraphs and line breaks kept."""
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join("<p>" + html_module.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
