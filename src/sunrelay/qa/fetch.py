"""Reading an export from a file or, only when given one, from a URL.

A URL is fetched with the standard library (http and https only, a time limit, a size limit);
the Stack Exchange API answers gzip-compressed, which is undone here. Failures come back as
FetchError with a sentence for the person running the import.
"""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from sunrelay.qa import export

TIMEOUT_SECONDS = 30
MAX_BYTES = 50 * 1024 * 1024


class FetchError(Exception):
    pass


def is_url(where: str) -> bool:
    return where.lower().startswith(("http://", "https://"))


def _download(url: str) -> bytes:
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked by is_url
        url, headers={"Accept": "application/json", "Accept-Encoding": "gzip"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url} answered {exc.code} {exc.reason}.") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"{url} could not be read: {reason}.") from exc
    if len(data) > MAX_BYTES:
        raise FetchError(f"{url} sent more than {MAX_BYTES:,} bytes; nothing was imported.")
    return data


def read_bytes(where: str) -> bytes:
    if is_url(where):
        return _download(where)
    path = Path(where)
    if not path.is_file():
        raise FetchError(f"No file at {where}.")
    return path.read_bytes()


def decode(data: bytes, where: str) -> Any:
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise FetchError(f"{where} looks gzip-compressed but is damaged: {exc}.") from exc
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FetchError(f"{where} is not JSON: {exc}.") from exc


def load(where: str) -> list[export.Question]:
    """The questions of the export at `where` (a file path, or a URL); FetchError otherwise."""
    document = decode(read_bytes(where), where)
    try:
        return export.read(document)
    except export.ExportError as exc:
        raise FetchError(f"{where}: {exc}") from exc
