"""Reading a Stack Exchange-style JSON export: questions with their answers and comments.

Pure: JSON in, plain values out, no database. The field names are the Stack Exchange API's:

- a question: question_id, title, body (HTML), body_markdown (when the filter asks for it),
  tags, owner {user_id, display_name, link}, creation_date, last_edit_date, link, answers,
  comments (dates are Unix seconds; titles and markdown come HTML-escaped);
- an answer: answer_id, question_id, body, body_markdown, owner, creation_date,
  last_edit_date, is_accepted, link, comments;
- a comment: comment_id, post_id, body, body_markdown, owner, creation_date, edited, link.

The document is the API's wrapper {"items": [questions], ...}, or a list of questions, or an
object with "questions" and, beside them, flat "answers" (by question_id), "comments" (by
post_id) and "users" (filling owners that carry only a user_id). Anything else is refused
with a sentence saying what was expected.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

QUESTION, ANSWER, COMMENT = "question", "answer", "comment"


class ExportError(ValueError):
    """The document is not an export this reader understands (the message says why)."""


@dataclass(frozen=True)
class Owner:
    user_id: int | None  # None for a deleted user
    name: str
    link: str = ""


@dataclass(frozen=True)
class Post:
    kind: str  # QUESTION, ANSWER or COMMENT
    post_id: int
    owner: Owner
    html: str
    markdown: str  # '' when the export has none
    created: datetime
    edited: datetime | None
    link: str
    accepted: bool = False


@dataclass(frozen=True)
class Question:
    post: Post
    title: str
    tags: tuple[str, ...]
    # Answers and every comment (on the question and on its answers), oldest first.
    replies: tuple[Post, ...] = field(default_factory=tuple)


def _when(value: Any, what: str) -> datetime:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ExportError(f"{what}: the date {value!r} is not a number of seconds (Unix time).")
    return datetime.fromtimestamp(value, tz=UTC)


def _owner(data: Any, users: dict[int, dict]) -> Owner:
    data = data if isinstance(data, dict) else {}
    user_id = data.get("user_id")
    user_id = user_id if isinstance(user_id, int) and not isinstance(user_id, bool) else None
    known = users.get(user_id, {}) if user_id is not None else {}
    name = data.get("display_name") or known.get("display_name") or ""
    link = data.get("link") or known.get("link") or ""
    return Owner(user_id, html.unescape(str(name)).strip(), str(link))


def _post(kind: str, data: Any, users: dict[int, dict], *, parent_link: str = "") -> Post:
    id_field = {QUESTION: "question_id", ANSWER: "answer_id", COMMENT: "comment_id"}[kind]
    if not isinstance(data, dict) or not isinstance(data.get(id_field), int):
        raise ExportError(f"A {kind} without a numeric {id_field}: {str(data)[:80]}")
    post_id = data[id_field]
    what = f"{kind} {post_id}"
    edited = data.get("last_edit_date")
    if kind == COMMENT and edited is None and data.get("edited") is True:
        edited = data.get("creation_date")  # comments say only that they were edited
    link = str(data.get("link") or "")
    if not link and parent_link:
        anchor = "comment" if kind == COMMENT else ""
        link = f"{parent_link}#{anchor}{post_id}"
    return Post(
        kind=kind,
        post_id=post_id,
        owner=_owner(data.get("owner"), users),
        html=str(data.get("body") or ""),
        markdown=html.unescape(str(data.get("body_markdown") or "")),
        created=_when(data.get("creation_date"), what),
        edited=_when(edited, what) if edited is not None else None,
        link=link,
        accepted=data.get("is_accepted") is True,
    )


def _listed(data: Any, name: str) -> list:
    value = data.get(name, []) if isinstance(data, dict) else []
    if not isinstance(value, list):
        raise ExportError(f'"{name}" must be a list.')
    return value


def read(document: Any) -> list[Question]:
    """The questions of an export (the JSON already decoded), each with its replies."""
    if isinstance(document, list):
        items, document = document, {}
    elif isinstance(document, dict) and ("items" in document or "questions" in document):
        items = _listed(document, "items" if "items" in document else "questions")
    else:
        raise ExportError(
            'Expected a Stack Exchange export: {"items": [questions]}, a list of questions, '
            'or {"questions": [...], "answers": [...], "comments": [...], "users": [...]}.'
        )
    users = {u["user_id"]: u for u in _listed(document, "users") if isinstance(u, dict)}
    answers_of: dict[int, list] = {}
    for answer in _listed(document, "answers"):
        if isinstance(answer, dict):
            answers_of.setdefault(answer.get("question_id"), []).append(answer)
    comments_of: dict[int, list] = {}
    for comment in _listed(document, "comments"):
        if isinstance(comment, dict):
            comments_of.setdefault(comment.get("post_id"), []).append(comment)
    return [_question(item, users, answers_of, comments_of) for item in items]


def _question(item: Any, users, answers_of, comments_of) -> Question:
    post = _post(QUESTION, item, users)
    replies: list[Post] = []
    seen: set[tuple[str, int]] = set()

    def add(kind: str, data: Any, parent_link: str) -> Post:
        found = _post(kind, data, users, parent_link=parent_link)
        if (kind, found.post_id) not in seen:  # nested and flat lists may repeat a post
            seen.add((kind, found.post_id))
            replies.append(found)
        return found

    for comment in [*_listed(item, "comments"), *comments_of.get(post.post_id, [])]:
        add(COMMENT, comment, post.link)
    for data in [*_listed(item, "answers"), *answers_of.get(post.post_id, [])]:
        answer = add(ANSWER, data, post.link)
        for comment in [*_listed(data, "comments"), *comments_of.get(answer.post_id, [])]:
            add(COMMENT, comment, answer.link)
    tags = tuple(str(t) for t in _listed(item, "tags"))
    title = html.unescape(str(item.get("title") or "")).strip()
    replies.sort(key=lambda p: (p.created, p.kind, p.post_id))
    return Question(post, title, tags, tuple(replies))
