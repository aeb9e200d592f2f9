"""Request and response bodies of the ticket endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.urls import reverse
from django.utils import timezone
from ninja import Field, Schema

from sunrelay.accounts.models import SkillLevel, Tier
from sunrelay.api.conflicts import EXPECTED_HELP
from sunrelay.api.schemas import AccountRef, ContactRef, Id, Input, Moment, Search, UserRef
from sunrelay.desk import versions
from sunrelay.desk.lifecycle import MAX_SUBJECT_LENGTH
from sunrelay.desk.models import Cause, Channel, Level, Priority, Status
from sunrelay.lib.bounds import MAX_ID
from sunrelay.lib.formatting import person
from sunrelay.schedule.holds import hold_of
from sunrelay.sla.clock import Metric
from sunrelay.sla.clock import State as SlaState
from sunrelay.sla.live import state_at


class PolicyRef(Schema):
    id: int
    name: str


class SlaOut(Schema):
    metric: Metric
    state: SlaState = Field(
        description="As of this response: a deadline that went by reads breached even "
        "before the worker has logged it."
    )
    deadline: datetime | None = Field(
        description="When the target is breached; null while paused. For a target met "
        "late, when it was breached."
    )
    target_minutes: int
    elapsed_minutes: float = Field(description="As of the last computation, pauses excluded.")
    business: bool = Field(description="Minutes count on the policy's business calendar.")
    policy: PolicyRef | None
    started_at: datetime
    stopped_at: datetime | None = Field(description="When a reply or solving met the target.")

    @staticmethod
    def resolve_state(obj) -> str:
        return state_at(obj.state, obj.deadline, obj.warn_at, obj.stopped_at, timezone.now())


class UrgencyReason(Schema):
    label: str
    minutes: int | None = Field(None, description="How far earlier it moves the ticket.")
    at: datetime | None = Field(None, description="The deadline (or placement) it starts from.")


class UrgencyOut(Schema):
    urgency_at: datetime = Field(description='The sort key of "most urgent first".')
    next_deadline: datetime | None
    next_metric: Metric | None
    reasons: list[UrgencyReason]

    @staticmethod
    def resolve_next_metric(obj) -> str | None:
        return obj.next_metric or None


class HandedOverOut(Schema):
    """A ticket held for its owner: the assignee holds it until the owner is back."""

    owner_id: int
    owner_name: str
    until: datetime | None = Field(
        description="When it goes back to the owner (their next shift); null: when taken back."
    )
    since: datetime
    manual: bool = Field(description="Handed off by a person rather than at a shift's end.")


class TicketOut(Schema):
    id: int
    subject: str
    status: Status
    priority: Priority
    level: Level
    channel: Channel
    account: AccountRef | None
    requester: ContactRef
    assignee: UserRef | None
    tags: list[str]
    cc_emails: list[str]
    cause: Cause | None
    bug_url: str | None
    interesting: bool
    external_ref: str | None
    created_at: datetime
    updated_at: datetime
    solved_at: datetime | None
    slas: list[SlaOut] = Field(description="One per SLA target that applies now.")
    urgency: UrgencyOut | None = Field(description="Null until the ticket is first computed.")
    handed_over: HandedOverOut | None = Field(
        description="Set while the ticket is handed over temporarily (the assignee holds it)."
    )
    merged_into: int | None = Field(
        description="The ticket this one was merged into: its messages and mail went there."
    )
    split_from: int | None = Field(description="The ticket this one was split off from.")
    version: int = Field(
        description="Changes with every change to the ticket: send it back as "
        "`expected_version` (or If-Match) so a write on a ticket changed since is held (409)."
    )

    # These read prefetched relations (.all()), never a fresh query per ticket.
    @staticmethod
    def resolve_slas(obj) -> list:
        order = list(Metric)
        return sorted(obj.slas.all(), key=lambda row: order.index(Metric(row.metric)))

    @staticmethod
    def resolve_version(obj) -> int:
        annotated = getattr(obj, "version", None)  # tickets_for() reads it with the ticket
        return annotated if annotated is not None else versions.current(obj)

    @staticmethod
    def resolve_urgency(obj):
        return getattr(obj, "urgency", None)  # selected with the ticket

    @staticmethod
    def resolve_handed_over(obj):
        return hold_of(obj)  # annotated on the ticket's own query (tickets_for)

    @staticmethod
    def resolve_merged_into(obj) -> int | None:
        return obj.merged_into_id

    @staticmethod
    def resolve_split_from(obj) -> int | None:
        return obj.split_from_id

    @staticmethod
    def resolve_tags(obj) -> list[str]:
        return [tag.name for tag in obj.tags.all()]

    @staticmethod
    def resolve_cc_emails(obj) -> list[str]:
        return [contact.email for contact in obj.ccs.all()]

    # Empty strings in the database are "not set" to a client.
    @staticmethod
    def resolve_cause(obj) -> str | None:
        return obj.cause or None

    @staticmethod
    def resolve_bug_url(obj) -> str | None:
        return obj.bug_url or None

    @staticmethod
    def resolve_external_ref(obj) -> str | None:
        return obj.external_ref or None


class TicketPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[TicketOut]


Ordering = Literal[
    "updated_at", "-updated_at", "created_at", "-created_at",
    "priority", "-priority", "status", "-status", "id", "-id",
    "urgency", "-urgency",
]  # fmt: skip


# A person in a filter: "me", "none" or a user id.
PERSON = r"^(me|none|[1-9]\d{0,17})$"


class TicketFilters(Schema):
    status: list[Status] | None = Field(None, description="Repeat to match any of several.")
    priority: Priority | None = None
    level: Level | None = None
    channel: Channel | None = None
    assignee: str | None = Field(None, pattern=PERSON, description='A user id, "me" or "none".')
    account: Id | None = Field(None, description="Account id.")
    requester: Id | None = Field(None, description="Contact id.")
    tier: Tier | None = Field(None, description="The account's tier.")
    tag: Search | None = Field(None, description="A tag's name (any case).")
    interesting: bool | None = None
    skill: SkillLevel | None = Field(None, description="The requester's skill level.")
    ae: str | None = Field(
        None,
        pattern=PERSON,
        description='The account executive of the ticket\'s account: a user id, "me" or "none".',
    )
    ce: str | None = Field(
        None,
        pattern=PERSON,
        description='The customer engineer of the ticket\'s account: a user id, "me" or "none".',
    )
    has_bug_link: bool | None = None
    sla: Literal["breached", "warning", "paused"] | None = Field(
        None,
        description="As the SLA column shows it now: breached (a running target is past its "
        "deadline), warning (past its warning time, none breached), paused (waiting on the "
        "customer, no clock running).",
    )
    q: Search | None = Field(None, description="Text the subject contains (any case).")
    created_after: Moment | None = None
    created_before: Moment | None = None
    updated_after: Moment | None = None
    ordering: Ordering = Field(
        "-updated_at",
        description="priority orders by rank (-priority: urgent first); urgency is "
        '"most urgent first": tickets with a running SLA clock by time left, moved earlier for '
        "priority, tier and MRR, then those with no running clock by age and next target, "
        "then those waiting on the customer or on hold.",
    )


class TicketIn(Input):
    subject: str = Field(max_length=MAX_SUBJECT_LENGTH)
    body: str
    html: str = ""
    requester_email: str | None = Field(
        None, max_length=254, description="Creates the contact when unknown."
    )
    requester_id: Id | None = None
    priority: Priority = Priority.NORMAL
    level: Level = Level.L1
    channel: Channel = Channel.API
    tags: list[str] = []
    cc_emails: list[str] = []
    assignee_id: Id | None = None
    external_ref: str = Field("", max_length=100)


class TicketPatch(Input):
    # Fields left out stay as they are; null is refused where a field cannot be empty.
    subject: str = Field(None, max_length=MAX_SUBJECT_LENGTH)
    status: Status = None
    priority: Priority = None
    level: Level = None
    assignee_id: Id | None = Field(None, description="null unassigns.")
    account_id: Id | None = Field(None, description="null: no account.")
    cause: Cause | None = Field(None, description="null clears it.")
    bug_url: str | None = Field(None, max_length=500)
    interesting: bool = None
    tags: list[str] = Field(None, description="Replaces all tags.")
    cc_emails: list[str] = Field(
        None,
        description="Replaces all CCs (copied on public replies); unknown addresses become "
        "contacts. [] removes them all.",
    )
    expected_version: int | None = Field(None, ge=0, le=MAX_ID, description=EXPECTED_HELP)


class AttachmentIn(Input):
    filename: str = Field(min_length=1, max_length=255)
    content_type: str = Field("application/octet-stream", max_length=127)
    content_base64: str = Field(description="The file's bytes, base64-encoded.")


class MessageIn(Input):
    kind: Literal["reply", "note"] = Field(
        description="reply goes to the customer; note stays internal."
    )
    body: str
    html: str = ""
    status: Status | None = Field(None, description="Change the status in the same step.")
    cause: Cause | None = Field(
        None, description="Set the cause in the same step (solving needs one)."
    )
    bug_url: str | None = Field(None, max_length=500, description="Set the bug link too.")
    to_list: bool | None = Field(
        None,
        description="Mailing-list tickets: true sends the reply to the list, false privately to "
        "the person; left out, the list's own setting decides (private for a list nobody "
        "configured). Refused as true on other tickets.",
    )
    attachments: list[AttachmentIn] = Field(
        default_factory=list,
        max_length=20,
        description="Files sent with a reply (not with notes); together within "
        "SUNRELAY_MAX_ATTACHMENT_BYTES.",
    )
    expected_version: int | None = Field(None, ge=0, le=MAX_ID, description=EXPECTED_HELP)


class AttachmentOut(Schema):
    id: int
    filename: str
    content_type: str
    size: int
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("api:download_attachment", kwargs={"attachment_id": obj.pk})


class AuthorOut(Schema):
    type: Literal["user", "contact"]
    id: int
    name: str
    email: str


class MessageOut(Schema):
    id: int
    kind: str
    author: AuthorOut | None
    body: str
    html: str
    created_at: datetime
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_attachments(obj) -> list:
        return list(obj.mail_attachments.all())

    @staticmethod
    def resolve_body(obj) -> str:
        return obj.body_text

    @staticmethod
    def resolve_html(obj) -> str:
        return obj.body_html

    @staticmethod
    def resolve_author(obj) -> dict | None:
        if obj.author_user is not None:
            user = obj.author_user
            name = person(user)
            return {"type": "user", "id": user.pk, "name": name, "email": user.email}
        if obj.author_contact is not None:
            contact = obj.author_contact
            return {
                "type": "contact",
                "id": contact.pk,
                "name": contact.name,
                "email": contact.email,
            }
        return None


class EventOut(Schema):
    id: int
    kind: str
    at: datetime
    actor: UserRef | None
    actor_contact: ContactRef | None
    message_id: int | None
    old: Any
    new: Any

    @staticmethod
    def resolve_actor(obj):
        return obj.actor_user


class MergeIn(Input):
    into: Id = Field(description="The ticket that stays: this one's messages move there.")
    tell_customer: bool = Field(False, description="A public reply on the survivor says so.")


class SplitIn(Input):
    message_id: Id = Field(description="A customer's message of this ticket.")
    subject: str = Field("", max_length=MAX_SUBJECT_LENGTH, description="Default: derived")
