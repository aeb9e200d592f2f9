"""Staff pages of the e-mail channel: quarantine, outbox, contacts without an account, and
downloads of raw mail and attachments.

The channel's pages are for the people who work tickets (desk.permissions
can_view_mail_channel); a raw message and an attachment follow their ticket, and what a
person may not see answers 404."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_POST

from sunrelay.accounts import services as accounts
from sunrelay.accounts.domains import is_public_mail_domain
from sunrelay.accounts.models import Account, Contact
from sunrelay.accounts.services import email_domain
from sunrelay.desk import services as desk
from sunrelay.desk.permissions import can_view_mail_channel, can_view_raw_mail, can_view_ticket
from sunrelay.lib import bounds
from sunrelay.mail import intake, outbox
from sunrelay.mail.attachments import download, served_content_type
from sunrelay.mail.models import Attachment, Outbox, OutboxState, RawMessage, RawState
from sunrelay.mail.senders import contacts_without_account
from sunrelay.team.roles import is_staff_member, works_tickets
from sunrelay.web.access import desk_view

RAW_PREVIEW_BYTES = 200_000
_OUTBOX_TABS = frozenset({"attention", *OutboxState.values})
PAGE = 200


def _door(allowed, refusal: str):
    """Log-in required, then `allowed(user)` or a 403 that says `refusal`. Allowed, the page
    goes through the workspace's door (web.access.desk_view): the top bar and its navigation,
    times in the person's own zone."""

    def decorate(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                raise PermissionDenied(refusal)
            return desk_view(view)(request, *args, **kwargs)

        return wrapper

    return decorate


# Anyone with a role: the view itself decides what they may see (404 for the rest).
staff_view = _door(is_staff_member, "Your log-in has no role in Sunrelay yet.")
mail_view = _door(
    can_view_mail_channel,
    "Only support staff and leads see these pages: they hold mail of every account.",
)
act_view = _door(works_tickets, "Only support staff can do this.")


@mail_view
def quarantine(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "held")
    state = RawState.DISCARDED if show == "discarded" else RawState.QUARANTINED
    rows = (
        RawMessage.objects.filter(state=state).defer("raw").order_by("-received_at", "-id")[:PAGE]
    )
    counts = {
        "held": RawMessage.objects.filter(state=RawState.QUARANTINED).count(),
        "discarded": RawMessage.objects.filter(state=RawState.DISCARDED).count(),
    }
    return render(
        request,
        "mail/quarantine.html",
        {"rows": rows, "show": show, "counts": counts, "can_act": works_tickets(request.user)},
    )


@staff_view
def quarantined(request: HttpRequest, pk: int) -> HttpResponse:
    row = _raw_message(
        request, pk, RawMessage.objects.filter(state__in=[RawState.QUARANTINED, RawState.DISCARDED])
    )
    raw = bytes(row.raw)
    return render(
        request,
        "mail/quarantined.html",
        {
            "row": row,
            "source": raw[:RAW_PREVIEW_BYTES].decode("utf-8", "replace"),
            "truncated": len(raw) > RAW_PREVIEW_BYTES,
            "size": len(raw),
            "can_act": works_tickets(request.user),
        },
    )


@staff_view
def raw_source(request: HttpRequest, pk: int) -> HttpResponse:
    row = _raw_message(request, pk, RawMessage.objects.all())
    return download(bytes(row.raw), f"message-{row.pk}.eml", "application/octet-stream")


def _raw_message(request: HttpRequest, pk: int, rows) -> RawMessage:
    row = get_object_or_404(rows.select_related("ticket__account"), pk=pk)
    if not can_view_raw_mail(request.user, row.ticket):
        raise Http404("No such message.")  # the same answer as for one that does not exist
    return row


@require_POST
@act_view
def process_again(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(RawMessage, pk=pk)
    result = intake.reprocess(row)
    if result is None:
        messages.warning(request, "That message is no longer in quarantine.")
    elif result.outcome == "quarantined":
        messages.error(request, f"Still held: {result.reason}")
    else:
        messages.success(
            request, f"Processed: {result.outcome.replace('_', ' ')} #{result.ticket_id}"
        )
    return redirect("mail:quarantine")


@require_POST
@act_view
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(RawMessage, pk=pk)
    if intake.discard(row, request.user.get_username()):
        messages.success(request, "Discarded; the raw message is kept for the retention period.")
    return redirect("mail:quarantine")


@mail_view
def outbox_page(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "attention")
    rows = Outbox.objects.select_related("ticket").order_by("-created_at", "-id")
    if show == "attention":
        # What someone may still act on: not sent (or sent and bounced), not discarded.
        rows = rows.exclude(
            Q(state=OutboxState.SENT, bounced_at__isnull=True) | Q(state=OutboxState.DISCARDED)
        )
    elif show in _OUTBOX_TABS:
        rows = rows.filter(state=show)
    counts = dict(
        Outbox.objects.values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    return render(
        request,
        "mail/outbox.html",
        {
            "rows": rows[:PAGE],
            "show": show,
            "tabs": [(v, label, counts.get(v, 0)) for v, label in OutboxState.choices],
            "can_act": works_tickets(request.user),
        },
    )


@require_POST
@act_view
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Outbox, pk=pk)
    if outbox.retry_now(row):
        messages.success(request, "Queued again; the worker sends it within seconds.")
    else:
        messages.warning(request, "That e-mail is no longer failed; nothing changed.")
    return redirect(_back_to_outbox(request))


@require_POST
@act_view
def outbox_discard(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Outbox, pk=pk)
    if outbox.discard(row, request.user.get_username()):
        messages.success(request, "Discarded: it will not be sent, and stays listed as such.")
    else:
        messages.warning(request, "That e-mail is no longer failed; nothing changed.")
    return redirect(_back_to_outbox(request))


def _back_to_outbox(request: HttpRequest) -> str:
    show = request.POST.get("show", "")
    return reverse("mail:outbox") + (f"?show={show}" if show in _OUTBOX_TABS else "")


@mail_view
def contacts_needing_account(request: HttpRequest) -> HttpResponse:
    rows = contacts_without_account().annotate(
        tickets=Count("requested_tickets", distinct=True),
        last_ticket=Max("requested_tickets__created_at"),
    )[:PAGE]
    groups: dict[str, list] = {}
    for contact in rows:
        groups.setdefault(email_domain(contact.email), []).append(contact)
    return render(
        request,
        "mail/contacts_without_account.html",
        {
            "groups": [
                {"domain": d, "public": is_public_mail_domain(d), "contacts": c}
                for d, c in groups.items()
            ],
            "count": len(rows),
            "accounts": Account.objects.order_by("name").values_list("name", flat=True),
            "can_act": works_tickets(request.user),
        },
    )


def _contact_id(text: str) -> int:
    try:
        return bounds.parse_id(text, "contact")
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


def _domain(text: str) -> str:
    # 253 characters is the longest domain name DNS allows; longer is not worth echoing.
    names = accounts.normalize_domains([text]) if len(text) <= 253 else []
    if not names:
        raise ValidationError("That is not a domain name.")
    return names[0]


@require_POST
@act_view
def place_contacts(request: HttpRequest) -> HttpResponse:
    """Put the contacts of one domain (or one contact) into an account, with or without the
    domain itself."""
    domain = request.POST.get("domain", "")
    name = request.POST.get("account", "").strip()
    account = Account.objects.filter(name__iexact=name).first()
    if account is None:
        messages.error(
            request, f"There is no account named “{name}”." if name else "Choose an account."
        )
        return redirect("mail:contacts")
    try:
        if request.POST.get("contact"):  # one person (at a public mail service)
            contacts = Contact.objects.filter(pk=_contact_id(request.POST["contact"]))
            if not contacts.exists():
                raise ValidationError("That contact no longer exists.")
            moved, tickets = desk.place_contacts(request.user, account, contacts=contacts)
        elif request.POST.get("add_domain"):
            moved, tickets = desk.place_contacts(request.user, account, domain=domain)
        else:
            contacts = accounts.contacts_at(_domain(domain))
            moved, tickets = desk.place_contacts(request.user, account, contacts=contacts)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("mail:contacts")
    added = f"; {domain} now belongs to it" if request.POST.get("add_domain") else ""
    messages.success(
        request,
        f"{moved} contact{pluralize(moved)} and {tickets} open ticket{pluralize(tickets)} "
        f"moved to {account.name}{added}.",
    )
    return redirect("mail:contacts")


@staff_view
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Attachment.objects.select_related("message__ticket__account"), pk=pk)
    if not can_view_ticket(request.user, item.message.ticket):
        # Not 403: that would confirm a file exists on a ticket one may not see.
        raise Http404("No such file.")
    return download(bytes(item.data), item.filename, served_content_type(item.content_type))
