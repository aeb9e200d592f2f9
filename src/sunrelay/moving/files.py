"""An imported comment's attachment: read from the export's folder, or fetched from its URL
when the import is asked to (`--fetch-files`); otherwise it is reported, never guessed at.
A file larger than MAX_BYTES is left out and reported."""

from __future__ import annotations

import urllib.request
from pathlib import Path

from django.core.exceptions import ValidationError

from sunrelay.desk.models import Message
from sunrelay.mail.attachments import add_attachment
from sunrelay.moving.source import File

MAX_BYTES = 50 * 1024 * 1024
FETCH_TIMEOUT = 30  # seconds


def _read(item: File, base: str, fetch: bool) -> tuple[bytes | None, str]:
    if item.path:
        path = (Path(base) / item.path).resolve()
        if not path.is_relative_to(Path(base).resolve()):
            return None, f"file {item.name}: {item.path} is outside the export's folder"
        if not path.is_file():
            return None, f"file {item.name}: {item.path} is not in the export's folder"
        if path.stat().st_size > MAX_BYTES:
            return None, f"file {item.name}: larger than {MAX_BYTES // 2**20} MB"
        return path.read_bytes(), ""
    if not item.url:
        return None, f"file {item.name}: neither a path nor a URL"
    if not item.url.startswith(("https://", "http://")):
        return None, f"file {item.name}: {item.url} is not an http(s) URL"
    if not fetch:
        return None, f"file {item.name}: at {item.url} (run with --fetch-files to bring it)"
    try:
        with urllib.request.urlopen(item.url, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
            data = response.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, f"file {item.name}: could not fetch {item.url}: {exc}"
    if len(data) > MAX_BYTES:
        return None, f"file {item.name}: larger than {MAX_BYTES // 2**20} MB"
    return data, ""


def check(item: File, base: str, *, fetch: bool) -> str:
    """What attach() would say, without storing or downloading anything (dry runs)."""
    if fetch and item.url and not item.path:
        return ""  # fetched only by a real run
    return _read(item, base, fetch=False)[1]


def attach(message: Message, item: File, base: str, *, fetch: bool) -> str:
    """Attach the file to the message; the reason in words when it could not be."""
    data, problem = _read(item, base, fetch)
    if data is None:
        return problem
    try:
        add_attachment(message, item.name, item.content_type, data)
    except ValidationError as exc:
        return f"file {item.name}: {' '.join(exc.messages)}"
    return ""
