"""The demo's Q&A-site and mailing-list channels, brought in by their real importers.

- Three questions with the product's tag on a Q&A site (`gis.qa.example.test`, tag
  `sunrelay-maps`), with answers and comments; Javier answers on the site as one of ours
  (his site account is mapped to him), so his answer is a public reply; the site is also a
  configured source (paused: the demo has no network).
- A short thread on the users' mailing list (`users@lists.example.test`, configured, replies
  privately by default): a question, a member's answer and the poster's thanks, imported as
  the list's archive.

Both importers are idempotent, so loading the demo again adds nothing. Dates count back from
the demo's anchor.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model

from sunrelay.mail import intake
from sunrelay.mail.models import MailingList, Outcome, Source
from sunrelay.qa.export import read
from sunrelay.qa.models import QaSource
from sunrelay.qa.services import map_staff
from sunrelay.qa.sync import import_questions

SITE, TAG = "gis.qa.example.test", "sunrelay-maps"
SITE_URL = f"https://{SITE}"
OUR_SITE_USER = 7001  # Javier's account on the site
LIST_ADDRESS, LIST_ID = "users@lists.example.test", "users.lists.example.test"


def _owner(user_id: int, name: str) -> dict:
    return {"user_id": user_id, "display_name": name, "link": f"{SITE_URL}/users/{user_id}"}


def _question(qid: int, title: str, body: str, owner: dict, at: datetime, answers=(), comments=()):
    return {
        "question_id": qid,
        "title": title,
        "body": body,
        "tags": [TAG, "vector-tiles"],
        "owner": owner,
        "creation_date": int(at.timestamp()),
        "link": f"{SITE_URL}/questions/{qid}",
        "answers": list(answers),
        "comments": list(comments),
    }


def _post(kind: str, pid: int, body: str, owner: dict, at: datetime, **extra) -> dict:
    return {f"{kind}_id": pid, "body": body, "owner": owner, "creation_date": int(at.timestamp()),
            "link": f"{SITE_URL}/a/{pid}" if kind == "answer" else "", **extra}  # fmt: skip


def qa_export(anchor: datetime) -> dict:
    day = timedelta(days=1)
    ana, bo, cy = _owner(8101, "Ana Cartographer"), _owner(8102, "Bo Tiles"), _owner(8103, "Cy GIS")
    ours = _owner(OUR_SITE_USER, "Javier at Sunrelay")
    return {
        "items": [
            _question(
                52001,
                "Vector tiles go blank above zoom 14",
                "<p>Our basemap goes blank past zoom 14 with the streets style. Any idea?</p>",
                ana,
                anchor - 6 * day,
                answers=[
                    _post(
                        "answer",
                        52002,
                        "<p>Set <code>maxzoom: 14</code> on the source; the "
                        "style then overzooms the last level.</p>",
                        ours,
                        anchor - 5 * day,
                        is_accepted=True,
                        comments=[
                            _post(
                                "comment",
                                91001,
                                "That fixed it, thank you!",
                                ana,
                                anchor - 5 * day + timedelta(hours=3),
                            )
                        ],
                    ),
                ],
            ),  # fmt: skip
            _question(
                52010,
                "Reprojecting a GeoJSON layer to EPSG:3857 shifts it by 200 m",
                "<p>After reprojection our parcels sit 200 m north. Datum problem?</p>",
                bo,
                anchor - 3 * day,
                comments=[
                    _post(
                        "comment",
                        91010,
                        "Which datum is the source in?",
                        cy,
                        anchor - 3 * day + timedelta(hours=2),
                    )
                ],
                answers=[
                    _post(
                        "answer",
                        52011,
                        "<p>Probably ED50: add the datum shift (towgs84) before reprojecting.</p>",
                        cy,
                        anchor - 2 * day,
                    )
                ],
            ),  # fmt: skip
            _question(
                52020,
                "Rate limits for the tiles API on the free tier?",
                "<p>We get 429 answers at about 50 requests a second. Is that the limit?</p>",
                cy,
                anchor - timedelta(hours=20),
            ),
        ]
    }


def _list_post(
    mid: str, sender: str, subject: str, body: str, at: datetime, refs: str = ""
) -> bytes:
    thread = f"In-Reply-To: <{refs}>\nReferences: <{refs}>\n" if refs else ""
    return (
        f"From: {sender}\nTo: Users <{LIST_ADDRESS}>\nSubject: {subject}\n"
        f"Date: {at.strftime('%a, %d %b %Y %H:%M:%S +0000')}\nMessage-ID: <{mid}>\n{thread}"
        f"List-Id: Users <{LIST_ID}>\nList-Post: <mailto:{LIST_ADDRESS}>\nPrecedence: list\n"
        f"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"
    ).encode()


def list_archive(anchor: datetime) -> list[bytes]:
    start = anchor - timedelta(days=2, hours=5)
    subject = "[users] Styling labels along curved roads"
    return [
        _list_post("demo-list-1@mapsmith.example", "Rui Mapsmith <rui@mapsmith.example>", subject,
                   "Labels along our curved roads overlap at zoom 12. Is there a setting for "
                   "spacing them?\n\nRui", start),
        _list_post("demo-list-2@geo.example", "Mei Geo <mei@geo.example>", f"Re: {subject}",
                   "symbol-spacing on the layer helped us; 250 worked well.\n\nMei",
                   start + timedelta(hours=4), refs="demo-list-1@mapsmith.example"),
        _list_post("demo-list-3@mapsmith.example", "Rui Mapsmith <rui@mapsmith.example>",
                   f"Re: {subject}", "Thanks Mei, better already. Does support recommend a "
                   "value for dense city maps?\n\nRui", start + timedelta(hours=9),
                   refs="demo-list-2@geo.example"),
    ]  # fmt: skip


def load_channels(anchor: datetime, created: Counter) -> None:
    """Import the demo's Q&A questions and list thread (nothing new when already there)."""
    javier = get_user_model().objects.filter(username="javier").first()
    if javier is not None:
        map_staff(SITE, OUR_SITE_USER, javier)
    QaSource.objects.get_or_create(
        site=SITE, tag=TAG,
        defaults={"url": f"https://api.{SITE}/questions?tagged={TAG}", "active": False},
    )  # fmt: skip
    summary = import_questions(read(qa_export(anchor)), site=SITE, tag=TAG)
    created["Q&A-site tickets"] += summary.created
    users_list, _ = MailingList.objects.get_or_create(
        address=LIST_ADDRESS, defaults={"name": "users", "list_id": LIST_ID}
    )
    result = intake.receive_many(
        list_archive(anchor), source=Source.IMPORT, mailing_list=users_list
    )
    created["mailing-list tickets"] += result.counts[intake.SUMMARY_KEYS[Outcome.CREATED]]
