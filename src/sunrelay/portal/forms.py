"""Forms of the portal and the web form. They parse input only; the rules are in
portal.requests, portal.webform and portal.signin."""

from __future__ import annotations

from django import forms

from sunrelay.desk.models import MAX_SUBJECT_LENGTH, ProductArea
from sunrelay.desk.views.forms import MultipleFileField
from sunrelay.portal.models import Urgency
from sunrelay.portal.requests import MAX_FILES

FILES_HELP = f"Up to {MAX_FILES} files, within the size limit of an e-mail."


class SignInForm(forms.Form):
    email = forms.EmailField(label="Your e-mail address", max_length=254)


class WebForm(forms.Form):
    """The request form. `email` and `name` are asked of visitors who are not signed in."""

    email = forms.CharField(label="Your e-mail address", required=False, max_length=254)
    name = forms.CharField(label="Your name", required=False, max_length=200)
    subject = forms.CharField(
        label="Subject",
        max_length=MAX_SUBJECT_LENGTH,
        required=False,  # the desk's rule says what a subject needs, in its words
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    description = forms.CharField(
        label="What happened? What did you expect?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    area = forms.ModelChoiceField(
        ProductArea.objects.all(), label="Product area", required=False, empty_label="Not sure"
    )
    urgency = forms.ChoiceField(
        label="How urgent is it?", choices=Urgency.choices, initial=Urgency.NOT_WORKING
    )
    attachments = MultipleFileField(label="Files", required=False, help_text=FILES_HELP)
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by robots.
    website = forms.CharField(label="Leave this empty", required=False)
    # Checked by portal.formtoken, which says in words what is wrong with it.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, signed_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.signed_in = signed_in
        if signed_in:
            del self.fields["email"], self.fields["name"]


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your reply", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    attachments = MultipleFileField(label="Files", required=False, help_text=FILES_HELP)


class TokenForm(forms.Form):
    name = forms.CharField(label="What is it for?", required=False, max_length=100)
