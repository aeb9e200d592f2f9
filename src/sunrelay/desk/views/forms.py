"""Forms of the workspace. They parse input only; the rules are desk.services'."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from sunrelay.accounts.models import SkillLevel, Tier
from sunrelay.desk import queue_filters
from sunrelay.desk.models import Cause, Channel, Level, Priority, Status
from sunrelay.desk.queues import SORTS
from sunrelay.lib.formatting import person

ANY = [("", "Any")]


def _sort_choices():
    # Called when a form is made, not on import: apps register their orders when ready.
    return [(key, label) for key, (label, _) in SORTS.items()] + [
        (f"-{key}", f"{label} (descending)") for key, (label, _) in SORTS.items()
    ]


def _people_choices(people, *, nobody: str = "Nobody") -> list[tuple[str, str]]:
    return [
        ("", "Anyone"),
        ("me", "Me"),
        ("none", nobody),
        *((str(u.pk), person(u)) for u in people),
    ]


class QueueFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Subject or #number")
    status = forms.ChoiceField(
        required=False,
        choices=[("unsolved", "Unsolved"), *Status.choices, ("any", "Any status")],
    )
    priority = forms.ChoiceField(required=False, choices=ANY + Priority.choices)
    level = forms.ChoiceField(required=False, choices=ANY + Level.choices)
    tier = forms.ChoiceField(required=False, choices=ANY + Tier.choices)
    assignee = forms.ChoiceField(required=False)
    tag = forms.CharField(required=False, max_length=64)
    # "More filters", folded away until one is used; apps add theirs (queue_filters.REGISTERED).
    channel = forms.ChoiceField(required=False, choices=ANY + Channel.choices)
    skill = forms.ChoiceField(
        required=False, label="Contact skill", choices=ANY + SkillLevel.choices
    )
    ae = forms.ChoiceField(required=False, label="Account executive")
    ce = forms.ChoiceField(required=False, label="Customer engineer")
    bug = forms.ChoiceField(
        required=False, label="Bug link", choices=ANY + queue_filters.BUG_LINK_CHOICES
    )
    sort = forms.ChoiceField(required=False, choices=_sort_choices)

    MORE = ("channel", "skill", "ae", "ce", "bug")

    def __init__(self, *args, people=None, **kwargs):
        """`people`: team.roles.desk_people(), who the person filters offer."""
        super().__init__(*args, **kwargs)
        workers, sales, engineers = people or ((), (), ())
        self.fields["assignee"].choices = _people_choices(workers)
        self.fields["ae"].choices = _people_choices(sales)
        self.fields["ce"].choices = _people_choices(engineers)
        for key, extra in queue_filters.REGISTERED.items():
            self.fields[key] = forms.ChoiceField(
                required=False, label=extra.label, choices=ANY + list(extra.choices)
            )
        self.fields["tag"].widget.attrs["list"] = "known-tags"
        self.more = (*queue_filters.REGISTERED, *self.MORE)

    def usable_filters(self) -> dict:
        """The valid filters; a bad value drops that one filter (its error shows in place)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}

    def more_fields(self) -> list:
        return [self[name] for name in self.more]

    def more_used(self) -> int:
        """How many of the folded filters are set (the fold opens when any is)."""
        return sum(1 for name in self.more if self.data.get(name))


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files (Django's documented recipe); cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        clean_one = super().clean
        return [clean_one(f, initial) for f in files]


class ReplyForm(forms.Form):
    # Not required here: desk.services says whether a message may be empty.
    body = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5}))
    # The size limit is mail.replies' rule (shown in place when broken).
    attachments = MultipleFileField(required=False)
    status = forms.ChoiceField(
        required=False,
        label="and set status",
        choices=[
            ("", "status unchanged"),
            (Status.OPEN, "Open"),
            (Status.PENDING, "Pending (waiting on customer)"),
            (Status.ON_HOLD, "On hold"),
            (Status.SOLVED, "Solved"),
        ],
    )

    # Shown when the status chosen is solved (CSS, no script needed) and sent to the service
    # only then: solving needs a cause (desk.lifecycle), and it should not take two saves.
    cause = forms.ChoiceField(
        required=False,
        label="Cause",
        choices=[("", "Not known yet")] + Cause.choices,
        help_text="Required to solve",
    )
    bug_url = forms.CharField(required=False, max_length=500, label="Bug link")
    # Mailing-list tickets only (the template shows it there): the list, or the person alone.
    audience = forms.ChoiceField(
        required=False,
        choices=[("list", "Reply to the list"), ("private", "Reply privately")],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        # Its fields share the page with the properties form's: distinct ids.
        kwargs.setdefault("auto_id", "reply-%s")
        super().__init__(*args, **kwargs)
        limit = filesizeformat(settings.MAIL_MAX_ATTACHMENT_BYTES)
        self.fields["attachments"].help_text = f"Up to {limit} in all; sent with the e-mail."
        self.fields["bug_url"].widget.attrs["placeholder"] = "https://…"

    @staticmethod
    def initial_for(ticket, *, to_list: bool = False) -> dict:
        return {
            "cause": ticket.cause,
            "bug_url": ticket.bug_url,
            "audience": "list" if to_list else "private",
        }

    def to_list(self) -> bool | None:
        """The audience chosen: True for the list, False privately, None when not asked."""
        chosen = self.cleaned_data.get("audience")
        return {"list": True, "private": False}.get(chosen)

    def solving(self) -> dict:
        """The cause and bug link to send with the reply: only when it solves the ticket, and
        only those filled in (a blank one leaves the ticket's own, which a colleague may have
        set since this page was drawn)."""
        if self.cleaned_data.get("status") != Status.SOLVED:
            return {}
        return {f: self.cleaned_data[f] for f in ("cause", "bug_url") if self.cleaned_data[f]}


class NoteForm(forms.Form):
    body = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))


class PropertiesForm(forms.Form):
    """Each field remembers the value shown (show_hidden_initial), so only what this person
    changed is sent: a stale page never undoes a colleague's change to another field."""

    status = forms.ChoiceField(choices=Status.choices, show_hidden_initial=True)
    priority = forms.ChoiceField(choices=Priority.choices, show_hidden_initial=True)
    level = forms.ChoiceField(choices=Level.choices, show_hidden_initial=True)
    assignee = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Nobody", show_hidden_initial=True
    )
    tags = forms.CharField(
        required=False,
        max_length=1000,
        show_hidden_initial=True,
        help_text="Comma-separated",
    )
    cause = forms.ChoiceField(
        required=False,
        choices=[("", "Not known yet")] + Cause.choices,
        show_hidden_initial=True,
        help_text="Required to solve",
    )
    bug_url = forms.CharField(
        required=False, max_length=500, label="Bug link", show_hidden_initial=True
    )
    interesting = forms.BooleanField(
        required=False, label="Interesting (lightning talk)", show_hidden_initial=True
    )

    def __init__(self, *args, assignees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignees
        self.fields["assignee"].label_from_instance = lambda u: person(u)
        self.fields["bug_url"].widget.attrs["placeholder"] = "https://…"

    @staticmethod
    def initial_for(ticket, tag_names) -> dict:
        return {
            "status": ticket.status,
            "priority": ticket.priority,
            "level": ticket.level,
            "assignee": ticket.assignee_id,
            "tags": ", ".join(tag_names),
            "cause": ticket.cause,
            "bug_url": ticket.bug_url,
            "interesting": ticket.interesting,
        }

    def changes(self) -> dict:
        """The changed fields, in the keywords desk.services.update_ticket takes."""
        changes = {name: self.cleaned_data[name] for name in self.changed_data}
        if "tags" in changes:
            changes["tags"] = [t for t in changes["tags"].split(",") if t.strip()]
        return changes


class CcForm(forms.Form):
    # Parsed and checked by desk.services.set_cc_emails (unknown addresses become contacts).
    cc_emails = forms.CharField(
        required=False,
        label="Copied on replies (CC)",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "ana@example.com, bo@example.com"}),
        help_text="E-mail addresses, separated by commas; empty: nobody",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "cc-%s")
        super().__init__(*args, **kwargs)


class HandoffNoteForm(forms.Form):
    # Not required here: schedule.notes says what a note must hold.
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class HandoffNowForm(forms.Form):
    """ "Hand off now": a person, or nobody for routing's choice. The rules (cap, who may
    receive it) are schedule.handoffs'."""

    to = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Hand off to",
        empty_label="Whoever routing chooses (on shift, with room)",
    )

    def __init__(self, *args, people, **kwargs):
        kwargs.setdefault("auto_id", "handoff-now-%s")
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = people
        self.fields["to"].label_from_instance = lambda u: person(u)


def share_people(field: forms.ModelChoiceField, listed: list[tuple[int, str]]) -> None:
    """Show `listed` (id, name) as the field's options: two lists of the same people on one
    page read them once. The field's queryset still checks what is posted."""
    field.choices = [("", field.empty_label), *listed]
