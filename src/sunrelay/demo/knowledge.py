"""The demo's knowledge: product areas, ~40 articles written from the topics customers write
about (public answers with skill-level variants, internal known-issue notes), ~25 macros.

Deterministic, and created only where missing (articles by slug, macros by name), like the
rest of the demo. Written through kb's services, so versions and the search index follow.
"""

from __future__ import annotations

import random

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.text import slugify

from sunrelay.demo import texts
from sunrelay.demo.topics import accounts, data, developers, maps
from sunrelay.demo.topics.base import Topic
from sunrelay.desk.models import Level, Priority, ProductArea, Status
from sunrelay.kb import articles, macros
from sunrelay.kb.models import Article, Macro, Visibility

AREAS = (
    ("maps", "Maps", "Tiles, labels, styling, speed and geocoding", maps.TOPICS),
    ("data", "Data", "SQL, imports, exports, limits and webhooks", data.TOPICS),
    ("accounts", "Accounts", "Keys, sign-in, invitations and billing", accounts.TOPICS),
    ("developers", "Developer tools", "SDKs and on-premises installs", developers.TOPICS),
)
# Topics whose known issue gets an internal note for the team.
KNOWN_ISSUES = {"tiles-blank", "labels-missing", "sql-timeout", "sso-loop", "export-timeout",
                "js-sdk", "on-prem-upgrade"}  # fmt: skip
AUTHORS = ("marta", "keisha", "javier", "emily")


def _values(topic: Topic) -> dict[str, str]:
    return texts.fill_values(random.Random(topic.key), topic)  # noqa: S311 - demo text


def _title(topic: Topic, values: dict) -> str:
    return topic.subjects[0].format(**values)


def _fix_article(topic: Topic, values: dict) -> dict:
    fill = lambda text: text.format(**values)  # noqa: E731
    return {
        "title": f"Fixing: {_title(topic, values)}",
        "body": f"{fill(topic.symptom)}\n\n## What to check\n\n{fill(topic.fix)}\n\n"
        f"## While we look into it\n\n{fill(topic.workaround)}",
        "beginner": f"## Where to look\n\n{fill(topic.steps)}\n\n## What usually helps\n\n"
        f"{fill(topic.fix)}\n\nStuck? Reply to your ticket and we will walk you through it.",
        "advanced": f"## What you will see\n\n```\n{fill(topic.detail)}\n```\n\n"
        f"## The cause and the fix\n\n{fill(topic.fix)}",
        "visibility": Visibility.PUBLIC,
    }


def _answer_article(topic: Topic, values: dict) -> dict:
    fill = lambda text: text.format(**values)  # noqa: E731
    name = topic.key.replace("-", " ").capitalize()
    return {
        "title": f"{name}: how it works",
        "body": fill(topic.answer) + f"\n\nMore in the documentation: {values['docs']}",
        "intermediate": f"{fill(topic.answer)}\n\n### Step by step\n\n{fill(topic.steps)}",
        "visibility": Visibility.PUBLIC,
    }


def _known_issue(topic: Topic, values: dict) -> dict:
    fill = lambda text: text.format(**values)  # noqa: E731
    return {
        "title": f"Known issue: {_title(topic, values)}",
        "body": f"## How we reproduced it\n\n{fill(topic.repro)}\n\n## Tell the customer\n\n"
        f"{fill(topic.workaround)}\n\n## Ask them for\n\n{fill(topic.ask)}\n\n"
        "Link the ticket to the bug and solve it with the cause *product bug*.",
        "visibility": Visibility.INTERNAL,
    }


GENERAL = (
    {
        "title": "How to write to support",
        "body": "Write to our support address from the e-mail you use with us. Tell us what you "
        "did, what you expected and what happened instead; a link to the map or the request "
        "id (`x-request-id`) saves a round trip.",
        "beginner": "Send us an e-mail: what you clicked, what you saw, and a screenshot.",
        "visibility": Visibility.PUBLIC,
    },
    {
        "title": "Response times by plan",
        "body": "| Plan | First reply | Hours |\n|---|---|---|\n| Free | best effort | business |"
        "\n| Basic | 2 business days | business |\n| Pro | 1 business day | business |\n"
        "| Enterprise | 4 hours | every day |\n| Partner | 4 hours | every day |",
        "visibility": Visibility.PUBLIC,
    },
)

MACROS = (
    ("Thanks, looking into it", "Hi {requester_first_name},\n\nThanks for the details: we are "
     "looking into it and will write again today.\n\n{agent_first_name}", {"status": Status.OPEN}),
    ("Ask for steps to reproduce", "Hi {requester_first_name},\n\nCould you tell us the steps "
     "that lead to this, what you expected and what happened instead? A screenshot helps.\n\n"
     "{agent_first_name}", {"status": Status.PENDING, "tags": ["needs-info"]}),
    ("Ask for the request id", "Hi {requester_first_name},\n\nCould you send the x-request-id "
     "header of a failing request? With it we find the request in our logs.\n\n"
     "{agent_first_name}", {"status": Status.PENDING, "tags": ["needs-info"]}),
    ("Checking in", "Hi {requester_first_name},\n\nJust checking in on #{ticket_number}: did the "
     "last suggestion help?\n\n{agent_first_name}", {"status": Status.PENDING}),
    ("Reproduced, bug filed", "Hi {requester_first_name},\n\nWe reproduced it: it is a bug on "
     "our side and our engineers have it. We will write again when the fix is out.\n\n"
     "{agent_first_name}", {"tags": ["bug-filed"]}),
    ("Raise to L2", "Handing this to L2: reproduced, notes above.", {"level": Level.L2}),
    ("Urgent: production down", "Hi {requester_first_name},\n\nWe are on it now and will "
     "update you every hour until it is solved.\n\n{agent_first_name}",
     {"priority": Priority.URGENT}),
    ("How to write to support", "Hi {requester_first_name},\n\nThis article explains what helps "
     "us answer fast: {article:how-to-write-to-support}\n\n{agent_first_name}", {}),
)  # fmt: skip


@transaction.atomic
def load_knowledge() -> tuple[int, int]:
    """Areas, articles and macros; returns how many articles and macros were created."""
    author = User.objects.get(username="marta")
    writers = list(User.objects.filter(username__in=AUTHORS).order_by("username")) or [author]
    created_articles = created_macros = 0

    def article(spec: dict, area) -> None:
        nonlocal created_articles
        if Article.objects.filter(slug=slugify(spec["title"])[:100]).exists():
            return
        writer = writers[created_articles % len(writers)]
        articles.create_article(writer, product_area=area, **spec)
        created_articles += 1

    for position, (slug, name, description, topics) in enumerate(AREAS):
        area, _ = ProductArea.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
        for topic in topics:
            values = _values(topic)
            article(_fix_article(topic, values), area)
            article(_answer_article(topic, values), area)
            if topic.key in KNOWN_ISSUES:
                article(_known_issue(topic, values), area)
    for spec in GENERAL:
        article(spec, None)

    def macro(name: str, body: str, changes: dict) -> None:
        nonlocal created_macros
        if not Macro.objects.filter(name=name).exists():
            macros.create_macro(author, name=name, body=body, changes=changes, shared=True)
            created_macros += 1

    for name, body, changes in MACROS:
        macro(name, body, changes)
    for _slug, _name, _description, topics in AREAS:
        for topic in topics:
            body = "Hi {requester_first_name},\n\n" + topic.ask.format(**_values(topic))
            macro(f"Ask: {topic.key.replace('-', ' ')}", body + "\n\n{agent_first_name}",
                  {"status": Status.PENDING, "tags": list(topic.tags)})  # fmt: skip
    return created_articles, created_macros
