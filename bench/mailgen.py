"""A generated mbox: 70 % new conversations, 30 % replies to earlier ones, some HTML and
attachments, about 4 KB a message, from a few thousand senders at a few hundred domains."""

from __future__ import annotations

import base64
import random
import textwrap
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

_WORD_LIST = (
    "tile layer zoom style render export import server cache proxy token quota request map "
    "vector raster geometry polygon feature dataset upload query index latency error "
    "timeout dashboard browser chrome firefox version upgrade rollback region projection "
    "basemap the and of to in is it that for on with we our your this after before since "
    "when again"
)
WORDS = _WORD_LIST.split(" ")
SUPPORT = "support@sunrelay.localhost"


def domains(count: int = 300) -> list[str]:
    return [f"customer{i}.example" for i in range(count)]


def _paragraphs(rng: random.Random, size: int) -> str:
    out, length = [], 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 18))).capitalize() + "."
        out.append(sentence)
        length += len(sentence) + 1
        if rng.random() < 0.2:
            out.append("\n\n")
    text = " ".join(out).replace(" \n\n ", "\n\n")
    # Mail clients wrap plain text at about 72 characters.
    return "\n\n".join(textwrap.fill(p, 72) for p in text.split("\n\n"))


def messages(count: int, seed: int = 4):
    """Yield raw messages (bytes, CRLF-free as mbox keeps them)."""
    rng = random.Random(seed)
    names = domains()
    senders = [f"user{i}@{names[i % len(names)]}" for i in range(3000)]
    started: list[tuple[str, str, str]] = []  # (message id, subject, sender)
    when = datetime(2025, 1, 1, tzinfo=UTC)
    for i in range(count):
        when += timedelta(seconds=rng.randint(30, 900))
        mid = f"bench{i}.{rng.getrandbits(40):x}@mail.example"
        if started and rng.random() < 0.30:
            parent, subject, sender = rng.choice(started)
            subject = "Re: " + subject
            threading = f"In-Reply-To: <{parent}>\nReferences: <{parent}>\n"
            quote = "\n\nOn an earlier day, Support wrote:\n> " + _paragraphs(rng, 400).replace(
                "\n", "\n> "
            )
        else:
            sender = rng.choice(senders)
            subject = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))).capitalize()
            started.append((mid, subject, sender))
            threading, quote = "", ""
        head = (
            f"From: {sender.split('@')[0].capitalize()} <{sender}>\nTo: {SUPPORT}\n"
            f"Subject: {subject}\nDate: {format_datetime(when)}\nMessage-ID: <{mid}>\n{threading}"
            "MIME-Version: 1.0\n"
        )
        text = _paragraphs(rng, 3000 if not quote else 2600) + quote
        roll = rng.random()
        if roll < 0.15:
            html = (
                "<html><body>"
                + "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
                + "</body></html>"
            )
            body = (
                'Content-Type: multipart/alternative; boundary="alt"\n\n--alt\n'
                f"Content-Type: text/plain; charset=utf-8\n\n{text[:1500]}\n--alt\n"
                f"Content-Type: text/html; charset=utf-8\n\n{html[:2000]}\n--alt--\n"
            )
        elif roll < 0.25:
            blob = base64.encodebytes(rng.randbytes(600)).decode()
            body = (
                'Content-Type: multipart/mixed; boundary="mix"\n\n--mix\n'
                f"Content-Type: text/plain; charset=utf-8\n\n{text[:2800]}\n--mix\n"
                'Content-Type: application/octet-stream; name="trace.bin"\n'
                'Content-Disposition: attachment; filename="trace.bin"\n'
                f"Content-Transfer-Encoding: base64\n\n{blob}--mix--\n"
            )
        else:
            body = f"Content-Type: text/plain; charset=utf-8\n\n{text}\n"
        yield (head + body).encode("utf-8")


def write_mbox(path: Path, count: int, seed: int = 4) -> Path:
    """An mbox of `count` messages; another `seed` gives other messages (other Message-IDs)."""
    with path.open("wb") as out:
        for raw in messages(count, seed):
            out.write(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2025\n")
            for line in raw.split(b"\n"):
                if line.startswith(b"From ") or line.startswith(b">From "):
                    line = b">" + line
                out.write(line + b"\n")
            out.write(b"\n")
    return path
