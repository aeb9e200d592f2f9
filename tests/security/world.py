"""The desk the role matrix runs against: one person per role, two accounts, and one of
everything a page or an API operation can show or change.

Sales (`sam`) is account executive of Ownco only. Everything of the other account carries the
word "Otherco" (its name, domain, contact, ticket subject), so a page that leaks another
account's rows to sales is found by looking for that word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone

from sunrelay.accounts.models import Account
from sunrelay.api.tokens import create_token
from sunrelay.csat import links as csat_links
from sunrelay.csat import services as csat
from sunrelay.csat.models import RatedVia, Rating
from sunrelay.desk import services
from sunrelay.desk.models import Message, Tag, Ticket, TicketEvent
from sunrelay.desk.saved_views import create_view
from sunrelay.kb.articles import create_article
from sunrelay.kb.macros import create_macro
from sunrelay.kb.models import Visibility
from sunrelay.mail import files
from sunrelay.mail.models import Attachment, MailingList, Outbox, RawMessage, RawState, Source
from sunrelay.notify.models import Kind as NotificationKind
from sunrelay.notify.models import Notification
from sunrelay.paging import tokens as ack_tokens
from sunrelay.paging.models import EscalationPolicy, PagingRun, Webhook
from sunrelay.paging.models import Source as PagingSource
from sunrelay.portal import signin
from sunrelay.portal import tokens as portal_tokens
from sunrelay.presales import services as presales
from sunrelay.presales.engagements import log_engagement
from sunrelay.presales.models import QualificationItem
from sunrelay.qa.models import QaSource, SiteUser
from sunrelay.schedule import feeds
from sunrelay.schedule.models import Handoff
from sunrelay.schedule.rotations.models import Override
from sunrelay.sla.models import Calendar, Holiday, Policy
from sunrelay.team.models import Coverage, StaffProfile, StaffRole, TimeOff
from tests.factories import make_account, make_contact, make_ticket
from tests.portal.conftest import last_link, signed_in
from tests.schedule.builders import make_rotation
from tests.security import (
    world_feedback,
    world_health,
    world_integrations,
    world_moving,
    world_projects,
    world_reports,
    world_slack,
    world_success,
)

OWN = "Ownco"
OTHER = "Otherco"

# The columns of the matrix. A contact (a customer, Olivia of Ownco) is signed in to the
# portal: a browser session from a sign-in link, and a contact's API token for /api/v1/portal/.
# Neither is a Django log-in. "No role" is a log-in nobody gave a role (a former colleague, a
# mistaken account).
ROLES = ("anonymous", "contact", "no role", "sales", "support", "engineering", "lead", "admin")
STAFF_ROLES = {"sales": "sales", "support": "support", "engineering": "engineering", "lead": "lead"}


@dataclass
class World:
    users: dict[str, User | None]
    tokens: dict[str, str]  # role -> API bearer token (the contact's: a contact token)
    sessions: dict[str, str]  # role -> session key of a browser logged in (or signed in) as them
    objects: dict[str, object] = field(default_factory=dict)  # "ticket:own" -> Ticket, ...
    secrets: dict[str, str] = field(default_factory=dict)  # link tokens (ack, calendar)

    def pk(self, key: str) -> int:
        return self.objects[key.rstrip(":")].pk


def _person(username: str, role: str | None, **fields) -> User:
    # is_staff as the demo sets it for everyone on the team: the admin's door is the roles.
    user = User.objects.create(username=username, first_name=username.capitalize(), **fields)
    if role is not None:
        StaffProfile.objects.create(user=user, time_zone="Europe/Madrid")
        StaffRole.objects.create(user=user, role=role)
    return user


def _people() -> dict[str, User | None]:
    users: dict[str, User | None] = {"anonymous": None, "contact": None}
    users["no role"] = _person("olga", None)
    users["sales"] = _person("sam", "sales", is_staff=True)
    users["support"] = _person("alba", "support", is_staff=True)
    users["engineering"] = _person("eddie", "engineering", is_staff=True)
    users["lead"] = _person("lucia", "lead", is_staff=True)
    users["admin"] = _person("root", None, is_staff=True, is_superuser=True)
    return users


def _session(user: User) -> str:
    browser = Client()
    browser.force_login(user)
    return browser.cookies[settings.SESSION_COOKIE_NAME].value


def _portal_session(contact) -> str:
    """A portal session signed in the real way: the link from the e-mail, followed."""
    browser = signed_in(contact)
    return browser.cookies[settings.SESSION_COOKIE_NAME].value


def _raw(key: str, state: str, ticket: Ticket | None) -> RawMessage:
    now = timezone.now()
    raw = f"From: someone@{key}.test\r\nSubject: {key} raw mail\r\n\r\n{key} body\r\n".encode()
    digest = files.digest(raw)
    name = files.name_for(files.RAW, digest)
    files.put(name, raw)
    return RawMessage.objects.create(
        storage_name=name,
        size=len(raw),
        sha256=digest,
        dedup_key=f"raw:{key}",
        source=Source.SMTP,
        sender=f"someone@{key}.test",
        subject=f"{key} raw mail",
        received_at=now,
        dated_at=now,
        state=state,
        reason="An automatic message that belongs to no ticket." if ticket is None else "",
        ticket=ticket,
    )


def build() -> World:
    users = _people()
    tokens = {role: create_token(user, "matrix")[1] for role, user in users.items() if user}
    world = World(users, tokens, {role: _session(user) for role, user in users.items() if user})
    objects = world.objects
    alba, eddie, lead = users["support"], users["engineering"], users["lead"]
    otto = _person("otto", "sales", is_staff=True)  # Otherco's account executive
    own = make_account(f"{OWN} Maps", tier="enterprise", ae=users["sales"], domains=["ownco.test"])
    other = make_account(f"{OTHER} Rail", tier="pro", ae=otto, domains=["otherco.test"])
    olivia = make_contact(f"Olivia {OWN}", "olivia@ownco.test", account=own)
    oscar = make_contact(f"Oscar {OTHER}", "oscar@otherco.test", account=other)
    nina = make_contact("Nina Nowhere", "nina@nowhere.test")  # a contact without an account
    tickets = {
        "own": make_ticket(olivia, subject=f"{OWN} tiles blank", assignee=alba),
        "other": make_ticket(oscar, subject=f"{OTHER} export fails", assignee=alba),
    }
    make_ticket(nina, subject="Nowhere question")
    world.sessions["contact"] = _portal_session(olivia)
    world.tokens["contact"] = portal_tokens.create_token(olivia, "matrix")[1]
    objects["contact_token"] = portal_tokens.create_token(olivia, "spare")[0]
    signin.send_link(olivia)
    world.secrets["signin"] = last_link(olivia.email).rstrip("/").rpartition("/")[2]
    objects.update(
        {
            "account:own": own,
            "account:other": other,
            "contact:own": olivia,
            "contact:other": oscar,
            "ticket:own": tickets["own"],
            "ticket:other": tickets["other"],
            "event:other": TicketEvent.objects.filter(ticket=tickets["other"]).first(),
            "group": Group.objects.create(name="Night shift"),
            "user": alba,
            "profile": StaffProfile.objects.get(user=alba),
            "tag": Tag.objects.create(name="tiles"),
        }
    )
    now = timezone.now()
    for key, ticket in tickets.items():
        first = Message.objects.filter(ticket=ticket).order_by("id").first()
        content = f"{key} file".encode()
        digest = files.digest(content)
        files.put(files.name_for(files.ATTACHMENTS, digest), content)
        objects[f"attachment:{key}"] = Attachment.objects.create(
            message=first,
            filename=f"{key}.txt",
            content_type="text/plain",
            size=len(content),
            sha256=digest,
            storage_name=files.name_for(files.ATTACHMENTS, digest),
        )
        objects[f"raw:{key}"] = _raw(f"{OWN if key == 'own' else OTHER}-{key}", "processed", ticket)
        services.reply(ticket, alba, f"Reply on {ticket.subject}")
        objects[f"outbox:{key}"] = Outbox.objects.filter(ticket=ticket).first()
        Handoff.objects.create(
            ticket=ticket,
            at=now - timedelta(hours=2),
            from_user=alba,
            to_user=eddie,
            from_region="Europe/Madrid",
            to_region="America/New_York",
            note=f"Hand-off of {ticket.subject}",
        )
    objects["raw:quarantined"] = _raw("quarantined", RawState.QUARANTINED, None)
    policy = EscalationPolicy.objects.create(name="Urgent", is_default=True)
    objects["policy"] = policy
    objects["webhook"] = Webhook.objects.create(name="Chat", url="http://127.0.0.1:9/hook")
    for key, ticket in tickets.items():
        objects[f"run:{key}"] = PagingRun.objects.create(
            ticket=ticket,
            policy=policy,
            source=PagingSource.AGENT,
            reason=f"{ticket.subject} is down",
            created_at=now,
        )
    world.secrets["ack"] = ack_tokens.make(objects["run:own"].pk, alba.pk)
    rotation = make_rotation("Enterprise on-call", layers=[{"people": [alba, eddie]}])
    objects["rotation"] = rotation
    objects["layer"] = rotation.layers.first()
    objects["override"] = Override.objects.create(
        rotation=rotation,
        user=eddie,
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=8),
        created_by=alba,
    )
    objects["feed"], world.secrets["calendar"] = feeds.create_feed(alba, person=alba)
    objects["calendar"] = Calendar.objects.create(name="Madrid office", time_zone="Europe/Madrid")
    objects["sla_policy"] = Policy.objects.create(name="Enterprise", calendar=objects["calendar"])
    away = TimeOff.objects.create(
        user=alba, first_day=now.date() + timedelta(days=3), last_day=now.date() + timedelta(days=9)
    )
    Coverage.objects.create(time_off=away, cover=eddie)
    Coverage.objects.create(time_off=away, cover=lead, account=other)
    Coverage.objects.create(time_off=away, cover=eddie, ticket=tickets["other"])
    objects["time_off"] = away
    _work(world, users)
    _later(world, users)
    # Pre-sales (tests/security/matrix_presales.py): a checklist item; an opportunity of each
    # account, qualified, with a meeting and an SE request.
    objects["qualification_item"] = QualificationItem.objects.get_or_create(
        key="budget", defaults={"label": "Budget"}
    )[0]
    for key, account in (("own", own), ("other", other)):
        name = OWN if key == "own" else OTHER
        opportunity = presales.create_opportunity(lead, account=account, name=f"{name} rollout")
        objects[f"opportunity:{key}"] = opportunity
        objects[f"engagement:{key}"] = log_engagement(
            lead, opportunity, kind="meeting", title=f"{name} kick-off", starts_on=now.date()
        )
        for item in QualificationItem.objects.filter(active=True).values_list("key", flat=True):
            presales.confirm(lead, opportunity, item)
        objects[f"se_request:{key}"] = presales.request_se(
            lead, opportunity, context=f"{name} fleet", reasons=["revenue"], due_on=now.date()
        )
    world_success.add(world, users)  # customer engineering
    world_feedback.add(world, users)  # product feedback
    world_projects.add(world, users)  # projects and hours
    world_health.add(world, users)  # customer health
    world_integrations.add(world, users)  # linked bugs and their notices
    world_reports.add(world, users)  # a target of the leadership report
    world_moving.add(world, users)  # an import run
    world_slack.add(world, users)  # a shared Slack channel
    return world


def _work(world: World, users: dict[str, User | None]) -> None:
    """What the settings, knowledge and workspace pages show and change."""
    objects, alba, lead = world.objects, users["support"], users["lead"]
    objects["holiday"] = Holiday.objects.create(
        calendar=objects["calendar"], date=timezone.now().date() + timedelta(days=40)
    )
    objects["article_public"] = create_article(
        lead, visibility=Visibility.PUBLIC, title="Blank tiles", body="Clear the tile cache."
    )
    objects["article_internal"] = create_article(
        lead, title="Known issue: tile cache", body="Internal: the cache node is flaky."
    )
    objects["macro"] = create_macro(alba, name="Ask for JSON", body="Could you send it?")
    objects["view"] = create_view(alba, name="Mine", queue="open", filters={})
    objects["api_token"] = create_token(alba, "laptop")[0]
    seen = {"user_agent": "curl", "http_accept": "*/*", "path_info": "/login/"}
    objects["access_attempt"] = AccessAttempt.objects.create(
        **seen, username="sam", get_data="", post_data="", failures_since_start=1
    )
    objects["access_log"] = AccessLog.objects.create(**seen, username="sam")
    objects["access_failure_log"] = AccessFailureLog.objects.create(**seen, username="sam")
    for key in ("own", "other"):
        objects[f"message:{key}"] = Message.objects.filter(ticket=objects[f"ticket:{key}"]).first()


def _later(world: World, users: dict[str, User | None]) -> None:
    """Satisfaction surveys, notifications, the Q&A site and mailing lists: a solved ticket
    of each account with its survey (the ones above stay open for the pages that change
    them), a notification of support's, a Q&A source with a staff account, a list."""
    objects, alba, eddie = world.objects, users["support"], users["engineering"]
    for key, contact in (("own", objects["contact:own"]), ("other", objects["contact:other"])):
        name = OWN if key == "own" else OTHER
        solved = make_ticket(contact, subject=f"{name} style question", assignee=alba)
        services.update_ticket(solved, alba, status="solved", cause="question")
        objects[f"ticket:{key}_solved"] = solved
        objects[f"survey:{key}"] = survey = csat.latest_survey(solved)
        csat.rate(survey, Rating.BAD, comment=f"{name} waited a week.", via=RatedVia.PORTAL)
    world.secrets["csat"] = csat_links.make(objects["survey:own"].pk, Rating.GOOD)
    objects["notification"] = Notification.objects.create(
        recipient=alba,
        kind=NotificationKind.ASSIGNED,
        ticket=objects["ticket:own"],
        actor=eddie,
        text=f"Eddie assigned you {OWN} tiles blank",
        key="matrix",
        created_at=timezone.now(),
    )
    objects["qa_source"] = QaSource.objects.create(
        site="gis.stackexchange.com", tag="tiles", url="http://127.0.0.1:9/export.json"
    )
    objects["site_user"] = SiteUser.objects.create(
        site="gis.stackexchange.com", user_id=7, name="Eddie on the site", staff=eddie
    )
    objects["mailing_list"] = MailingList.objects.create(
        name="GIS users", address="gis-users@lists.example.org"
    )


def account_of(world: World, variant: str) -> Account | None:
    return world.objects.get(f"account:{variant}")
