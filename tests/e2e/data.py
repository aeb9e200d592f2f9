"""A small, realistic desk for the browser tests and their screenshots."""

from __future__ import annotations

import struct
import zlib
from datetime import timedelta

from django.utils import timezone

from sunrelay.desk import services
from sunrelay.mail.attachments import add_attachment
from sunrelay.sla.models import Policy, Target
from sunrelay.team.models import StaffProfile
from tests.factories import make_account, make_contact, make_staff

PASSWORD = "pw-{}-1234"  # make_staff's pattern


def _white_png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff" * (3 * width) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _staff(username, first, last, city, zone, roles):
    user = make_staff(username, roles=roles, time_zone=zone, first_name=first, last_name=last)
    StaffProfile.objects.filter(user=user).update(location=city)
    return user


def _policies() -> None:
    """Calendar-minute targets, so the states shown do not depend on the weekday of the run."""
    big = Policy.objects.create(
        position=10, name="Enterprise and Partner", tiers=["enterprise", "partner"]
    )
    for metric, minutes in (
        ("first_reply", 4 * 60),
        ("next_reply", 4 * 60),
        ("resolution", 3 * 1440),
    ):
        Target.objects.create(policy=big, metric=metric, minutes=minutes, business=False)
    rest = Policy.objects.create(position=20, name="Everyone else")
    for metric, minutes in (("first_reply", 24 * 60), ("resolution", 5 * 1440)):
        Target.objects.create(policy=rest, metric=metric, minutes=minutes, business=False)


def build_desk() -> dict:
    now = timezone.now()
    _policies()
    people = {
        "alba": _staff("alba", "Alba", "Serrano", "Madrid", "Europe/Madrid", ["support"]),
        "keisha": _staff(
            "keisha", "Keisha", "Thompson", "New York", "America/New_York", ["support"]
        ),
        "kwame": _staff(
            "kwame", "Kwame", "Mensah", "San Francisco", "America/Los_Angeles", ["support"]
        ),
        "priya": _staff(
            "priya", "Priya", "Raman", "New York", "America/New_York", ["customer_engineer"]
        ),
        "sam": _staff("sam", "Sam", "Porter", "New York", "America/New_York", ["sales"]),
        "carmen": _staff("carmen", "Carmen", "Vidal", "Madrid", "Europe/Madrid", ["sales"]),
    }
    accounts = {
        "acme": make_account(
            "Acme Maps",
            "enterprise",
            16000,
            ["acme.test"],
            strategic=True,
            ae=people["sam"],
            ce=people["priya"],
        ),
        "globe": make_account(
            "Globe Logistics",
            "partner",
            42000,
            ["globe.test"],
            strategic=True,
            ae=people["carmen"],
            ce=people["priya"],
        ),
        "terra": make_account("Terra Survey", "pro", 1200, ["terra.test"], ae=people["sam"]),
        "river": make_account("River Analytics", "basic", 150, ["river.test"]),
        "hobby": make_account("Hobby Hikers", "free", 0, ["hikers.test"]),
    }
    contacts = {
        "carla": make_contact("Carla Navarro", "carla@acme.test", accounts["acme"], "beginner"),
        "dev": make_contact("Devi Iyer", "devi@acme.test", accounts["acme"], "advanced"),
        "gus": make_contact("Gustav Lind", "gus@globe.test", accounts["globe"], "advanced"),
        "tom": make_contact("Tomás Ruiz", "tomas@terra.test", accounts["terra"], "intermediate"),
        "rin": make_contact("Rin Sato", "rin@river.test", accounts["river"], "intermediate"),
        "hal": make_contact("Hal Brooks", "hal@hikers.test", accounts["hobby"], "beginner"),
    }
    plan = [
        # requester, subject, priority, level, assignee, hours ago, tags
        (
            "carla",
            "Tiles render blank at zoom 14 after the style update",
            "urgent",
            "l1",
            None,
            3,
            ["tiles"],
        ),
        (
            "gus",
            "Routing API returns 502 for fleets over 500 vehicles",
            "urgent",
            "l2",
            "keisha",
            9,
            ["routing"],
        ),
        (
            "dev",
            "SQL API: ST_Transform is slow on 40M rows",
            "high",
            "l2",
            "alba",
            30,
            ["sql", "performance"],
        ),
        ("tom", "How do I import a shapefile with Z values?", "normal", "l1", None, 5, ["import"]),
        (
            "rin",
            "Embed map shows the wrong basemap in Safari",
            "normal",
            "l1",
            "kwame",
            50,
            ["safari"],
        ),
        (
            "hal",
            "Can I use the free plan for a school project?",
            "low",
            "l1",
            None,
            70,
            ["billing"],
        ),
        (
            "gus",
            "Geocoder mismatches Swedish addresses with ä and ö",
            "high",
            "l1",
            None,
            14,
            ["geocoding"],
        ),
        ("carla", "Invite a colleague to the organisation", "low", "l1", "alba", 100, []),
        (
            "tom",
            "Isochrones differ between the UI and the API",
            "normal",
            "l2",
            "keisha",
            200,
            ["routing"],
        ),
        (
            "dev",
            "Feature request: vector tiles for private datasets",
            "normal",
            "engineering",
            None,
            400,
            ["tiles"],
        ),
        ("rin", "CSV export drops the last column", "high", "l1", None, 2, ["export"]),
        ("hal", "Password reset e-mail never arrives", "normal", "l1", "kwame", 20, ["account"]),
    ]
    tickets = {}
    for i, (who, subject, priority, level, assignee, hours, tags) in enumerate(plan):
        tickets[i] = services.create_ticket(
            services.NewTicket(
                requester=contacts[who],
                subject=subject,
                body=f"Hello,\n\n{subject}. It started this week and blocks our team.\n\nThanks, {contacts[who].name.split()[0]}",
                channel="email",
                priority=priority,
                level=level,
                assignee=people[assignee] if assignee else None,
                tags=tags,
                at=now - timedelta(hours=hours),
            ),
            actor=None,
        ).ticket
    main = tickets[0]
    screenshot = services.receive_customer_message(
        main,
        contacts["carla"],
        "Adding a screenshot: the whole viewport is white from zoom 14 on, in Chrome and Firefox."
        "\n\nOn Wed, 25 Nov 2026 at 17:25, Carla Navarro wrote:\n> Hello,\n> Tiles render blank "
        "at zoom 14 after the style update.\n",
        at=now - timedelta(hours=2, minutes=40),
    )
    add_attachment(screenshot, "zoom-14.png", "image/png", _white_png(64, 40))
    return {
        "people": people,
        "accounts": accounts,
        "contacts": contacts,
        "tickets": tickets,
        "main": main,
    }
