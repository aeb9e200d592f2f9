"""The account and contact forms of the desk. They parse input only: accounts.services holds
the rules (public mail domains refused, one domain per account, the account team's roles)."""

from __future__ import annotations

from django import forms

from sunrelay.accounts.models import Account, SkillLevel, Tier
from sunrelay.lib.formatting import person
from sunrelay.lib.forms import BoundedDateField, time_zone_field
from sunrelay.sla.models import Calendar
from sunrelay.team.models import Role
from sunrelay.team.roles import holders


def _people(role: str, label: str) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(queryset=holders(role), required=False, label=label)
    field.label_from_instance = lambda u: person(u)
    field.empty_label = "Nobody"
    return field


class AccountForm(forms.Form):
    name = forms.CharField(max_length=200, required=False)
    tier = forms.ChoiceField(choices=Tier.choices)
    mrr = forms.DecimalField(label="Monthly recurring revenue")
    strategic = forms.BooleanField(
        required=False, help_text="A handful of accounts carry most of the revenue"
    )
    renewal_on = BoundedDateField(
        required=False,
        label="Renewal date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="When the contract comes up for renewal (YYYY-MM-DD); empty if none",
    )
    ae = forms.ModelChoiceField(queryset=None, required=False)
    ce = forms.ModelChoiceField(queryset=None, required=False)
    domains = forms.CharField(
        required=False,
        max_length=5000,
        help_text="Senders from these domains belong to the account; separated by commas",
    )
    time_zone = time_zone_field()
    business_calendar = forms.ModelChoiceField(
        queryset=Calendar.objects.all(),
        required=False,
        empty_label="The SLA policy's calendar",
        help_text="The account's own business hours for its SLA clocks",
    )
    portal_shares_tickets = forms.BooleanField(
        required=False,
        label="Portal shares tickets",
        help_text="Each contact sees all the account's tickets in the portal, not only their own",
    )

    def __init__(self, *args, team_locked: bool = False, **kwargs):
        """`team_locked`: the AE and CE are shown but not changed here (leads change a
        team; accounts.permissions)."""
        super().__init__(*args, **kwargs)
        self.fields["ae"] = _people(Role.SALES, "Account executive (AE)")
        self.fields["ce"] = _people(Role.CUSTOMER, "Customer engineer (CE)")
        if team_locked:
            for name in ("ae", "ce"):
                self.fields[name].disabled = True
                self.fields[name].help_text = "A support lead changes the account's team"
        remember_shown(self)

    @staticmethod
    def initial_for(account: Account) -> dict:
        return {
            "name": account.name,
            "tier": account.tier,
            "mrr": account.mrr,
            "strategic": account.strategic,
            "renewal_on": account.renewal_on,
            "ae": account.ae_id,
            "ce": account.ce_id,
            "domains": ", ".join(account.domains.values_list("domain", flat=True)),
            "time_zone": account.time_zone,
            "business_calendar": account.business_calendar_id,
            "portal_shares_tickets": account.portal_shares_tickets,
        }

    def values(self, changed_only: bool = False) -> dict:
        """The keywords of accounts.services.create_account / update_account; with
        changed_only, the fields this person changed (a stale page never undoes a colleague's
        change to another field)."""
        names = self.changed_data if changed_only else list(self.cleaned_data)
        data = {name: self.cleaned_data[name] for name in names}
        if "domains" in data:
            data["domains"] = data["domains"].replace(",", " ").split()
        return data


def remember_shown(form: forms.Form) -> None:
    """Each field carries the value shown (show_hidden_initial), so changed_data is what this
    person changed on the page, whatever a colleague saved meanwhile."""
    for field in form.fields.values():
        field.show_hidden_initial = True


class ContactForm(forms.Form):
    name = forms.CharField(max_length=200, required=False)
    email = forms.CharField(label="E-mail", max_length=254, required=False)
    skill = forms.ChoiceField(
        label="Skill level",
        choices=SkillLevel.choices,
        help_text="Beginner: no SQL, HTML, JS or GIS; answers adapt to it",
    )
    account = forms.ModelChoiceField(
        queryset=Account.objects.only("id", "name"), required=False, empty_label="No account"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        remember_shown(self)

    @staticmethod
    def initial_for(contact) -> dict:
        return {
            "name": contact.name,
            "email": contact.email,
            "skill": contact.skill,
            "account": contact.account_id,
        }
