"""A new ticket from the desk: a customer's phone call or web request, opened on their behalf
through desk.services.open_on_behalf (which finds or creates the contact)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sunrelay.accounts.permissions import visible_contacts
from sunrelay.desk import services
from sunrelay.desk.models import Channel, Level, Priority
from sunrelay.desk.permissions import check_can_work
from sunrelay.lib.formatting import person
from sunrelay.lib.forms import apply_service_errors
from sunrelay.team.roles import ticket_workers
from sunrelay.web.access import desk_view

# The channels of a ticket opened by hand; mail and the API open their own.
BY_HAND = [(Channel.PHONE, "Phone call"), (Channel.WEB, "Web / in person")]


class NewTicketForm(forms.Form):
    """Parses only: desk.services.open_on_behalf says what a ticket and a contact need."""

    requester_email = forms.CharField(
        label="Customer's e-mail",
        max_length=254,
        required=False,
        help_text="A known contact, or a new one (give the name too)",
    )
    requester_name = forms.CharField(
        label="Name (for a new contact)", max_length=200, required=False
    )
    channel = forms.ChoiceField(choices=BY_HAND, initial=Channel.PHONE)
    subject = forms.CharField(required=False)
    body = forms.CharField(
        label="What they need",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The customer's request in your words; they get it back in the first reply",
    )
    priority = forms.ChoiceField(choices=Priority.choices, initial=Priority.NORMAL)
    level = forms.ChoiceField(choices=Level.choices, initial=Level.L1)
    assignee = forms.ModelChoiceField(queryset=None, required=False, empty_label="Nobody yet")
    cc_emails = forms.CharField(
        label="Copied on replies (CC)",
        max_length=5000,
        required=False,
        help_text="E-mail addresses, separated by commas",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = ticket_workers()
        self.fields["assignee"].label_from_instance = lambda u: person(u)
        # Known contacts are offered as you type (htmx fills the datalist); without
        # JavaScript the field takes any address all the same.
        self.fields["requester_email"].widget.attrs.update(
            {
                "list": "contact-options",
                "autocomplete": "off",
                "type": "email",
                "hx-get": reverse("accounts:contact_options"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#contact-options",
                "hx-swap": "innerHTML",
            }
        )

    def opening(self) -> dict:
        """The keywords of desk.services.open_on_behalf."""
        data = dict(self.cleaned_data)
        data["cc_emails"] = services.split_addresses(data["cc_emails"])
        return data


def _initial(request: HttpRequest) -> dict:
    """From a contact's page (?contact=id): their address; the assignee is the person typing."""
    initial: dict = {"assignee": request.user.pk}
    contact_id = request.GET.get("contact", "")
    if contact_id.isdigit():
        contact = visible_contacts(request.user).filter(pk=contact_id).first()
        if contact is not None:
            initial["requester_email"] = contact.email
    return initial


@desk_view
@require_http_methods(["GET", "POST"])
def new_ticket(request: HttpRequest) -> HttpResponse:
    check_can_work(request.user)
    form = NewTicketForm(request.POST or None, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            opened = services.open_on_behalf(request.user, **form.opening())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            ticket = opened.ticket
            messages.success(request, f"Ticket #{ticket.pk} opened for {ticket.requester}.")
            return redirect("desk:ticket", pk=ticket.pk)
    status = 422 if form.errors else 200
    return render(request, "desk/new_ticket.html", {"form": form}, status=status)
