"""The mailing lists page (support leads): the lists the support address is subscribed to,
each a channel (docs/mail.md, "Mailing lists")."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sunrelay.mail.models import MailingList
from sunrelay.team.roles import is_lead
from sunrelay.web.access import desk_view


class MailingListForm(forms.ModelForm):
    class Meta:
        model = MailingList
        fields = ["name", "address", "list_id", "reply_to_list"]

    def clean_address(self) -> str:
        return self.cleaned_data["address"].strip().lower()

    def clean_list_id(self) -> str:
        return self.cleaned_data["list_id"].strip().strip("<>").lower()


def _lead(request: HttpRequest) -> None:
    if not is_lead(request.user):
        raise PermissionDenied("The mailing lists are configured by support leads.")


@desk_view
def lists_page(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _lead(request)
    editing = get_object_or_404(MailingList, pk=pk) if pk is not None else None
    form = MailingListForm(request.POST or None, instance=editing)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved {form.instance}.")
        return redirect("mail:lists")
    context = {"lists": MailingList.objects.all(), "form": form, "editing": editing}
    return render(request, "mail/lists.html", context, status=422 if form.errors else 200)


@desk_view
@require_POST
def remove_list(request: HttpRequest, pk: int) -> HttpResponse:
    _lead(request)
    found = get_object_or_404(MailingList, pk=pk)
    found.delete()  # its tickets stay, with the list's address (ListThread)
    messages.success(request, f"Removed {found}; its tickets stay.")
    return redirect("mail:lists")
