"""web.widget_html writes what Django's Jinja2 widget templates write, byte for byte."""

from django import forms
from django.forms.renderers import Jinja2
from hypothesis import given
from hypothesis import strategies as st

from sunrelay.web.form_renderer import FormRenderer
from sunrelay.web.widget_html import FAST

TEMPLATES = Jinja2()
FAST_RENDERER = FormRenderer()

TRICKY = ['a "quoted" & <b>bold</b>', "l'apostrophe", "", " spaced ", "ünïcode ✓", "0"]
CHOICES = [("", "Anyone"), ("me", "Me"), ("a&b", 'A "&" <B>'), (3, "Three"), ("0", "Zero")]
GROUPED = [("Team", [("1", "Ana"), ("2", "Ben")]), ("", "Nobody"), ("Sales", [("3", "Cy")])]


def _both(widget: forms.Widget, name: str, value, attrs=None) -> tuple[str, str]:
    context = widget.get_context(name, value, attrs)
    expected = TEMPLATES.render(widget.template_name, context)
    assert widget.template_name in FAST
    return FAST_RENDERER.render(widget.template_name, context), expected


WIDGETS = [
    forms.TextInput(attrs={"placeholder": 'Say "hi"', "autofocus": True, "hidden": False}),
    forms.NumberInput(attrs={"min": 0, "step": "any"}),
    forms.EmailInput(),
    forms.URLInput(attrs={"class": "wide"}),
    forms.HiddenInput(),
    forms.PasswordInput(render_value=True),
    forms.DateInput(),
    forms.DateTimeInput(),
    forms.TimeInput(),
    forms.CheckboxInput(),
    forms.Textarea(attrs={"rows": 3}),
    forms.Select(choices=CHOICES, attrs={"data-autosubmit": True}),
    forms.Select(choices=GROUPED),
    forms.SelectMultiple(choices=CHOICES),
]


def test_every_widget_with_tricky_values():
    for widget in WIDGETS:
        for value in [None, *TRICKY, 3, True, False, ["me", "a&b"], "a&b"]:
            fast, expected = _both(widget, "field-name", value, {"id": "id_f"})
            assert fast == expected, (type(widget).__name__, value)


@given(
    text=st.text(max_size=40),
    label=st.text(max_size=20),
    attr=st.one_of(st.booleans(), st.text(max_size=10), st.integers()),
)
def test_any_text_and_attribute(text, label, attr):
    widgets = [
        forms.TextInput(attrs={"title": attr}),
        forms.Textarea(attrs={"data-x": attr}),
        forms.Select(choices=[(text, label), ("x", text)], attrs={"aria-label": attr}),
    ]
    for widget in widgets:
        fast, expected = _both(widget, text or "n", text)
        assert fast == expected


class _Form(forms.Form):
    name = forms.CharField(label='Name <&> "it"')
    quiet = forms.CharField(label="Quiet")


def test_labels_and_error_lists():
    form = _Form(data={"name": ""}, auto_id=False)
    plain = _Form()
    for bound in [form["name"], form["quiet"], plain["name"], plain["quiet"]]:
        context = bound.form.get_context()  # any form context will do for the template lookups
        label_context = {
            "field": bound,
            "label": bound.label,
            "attrs": {"class": 'x"y'} if bound.name == "name" else {},
            "use_tag": bound.auto_id != "",
            "tag": "label",
        }
        assert context is not None
        template = "django/forms/label.html"
        assert FAST_RENDERER.render(template, label_context) == TEMPLATES.render(
            template, label_context
        )
    for errors in [form.errors.get("name"), plain["quiet"].errors]:
        for template in [
            "django/forms/errors/list/default.html",
            "django/forms/errors/list/ul.html",
        ]:
            context = errors.get_context()
            assert FAST_RENDERER.render(template, context) == TEMPLATES.render(template, context)
