"""The HTML of Django's plainest widgets (inputs, selects, text areas, labels, empty error
lists), written in Python: byte for byte what Django's Jinja2 widget templates print, in a
tenth of the time. A queue page draws some 25 form fields and 250 options, the ticket page
a dozen fields: through templates that was about 5 ms of each page.

Only templates whose whole output is known are here; any other widget template (files,
radios, multi-widgets, an app's own) still renders through the template engine.
tests/web/test_widget_html.py checks each against the templates."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from markupsafe import escape

WIDGETS = "django/forms/widgets/"


def _attrs(attrs: Mapping) -> str:
    # attrs.html: False leaves the attribute out, True writes its name alone.
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"')
    return "".join(out)


def _input(widget: Mapping) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{escape(value)}"'
    return (
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


def _option(option: Mapping) -> str:
    return (
        f'<option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
        f"{escape(option['label'])}</option>"
    )


def _select(widget: Mapping) -> str | None:
    parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != WIDGETS + "select_option.html":
                return None  # an option drawn by its own template: the engine draws it all
            parts.append("\n  " + _option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: Mapping) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{escape(value) if value else ''}</textarea>"
    )


def _label(context: Mapping) -> str:
    label = escape(context["label"])
    if not context["use_tag"]:
        return label
    tag, attrs = escape(context["tag"]), context["attrs"]
    return f"<{tag}{_attrs(attrs) if attrs else ''}>{label}</{tag}>"


def _errors(context: Mapping) -> str | None:
    return None if context["errors"] else ""  # the list itself: through its template


INPUTS = ("checkbox", "color", "date", "datetime", "email", "hidden", "input", "number")
INPUTS += ("password", "search", "tel", "text", "time", "url")

# Template name -> a function of its context returning the HTML, or None to leave it to the
# template after all. Outputs are stripped, as Django's renderer strips a template's.
FAST: dict[str, Callable[[Mapping], str | None]] = {
    **{f"{WIDGETS}{name}.html": lambda c: _input(c["widget"]) for name in INPUTS},
    f"{WIDGETS}select.html": lambda c: _select(c["widget"]),
    f"{WIDGETS}textarea.html": lambda c: _textarea(c["widget"]).strip(),
    "django/forms/label.html": _label,
    "django/forms/errors/list/default.html": _errors,
    "django/forms/errors/list/ul.html": _errors,
}
