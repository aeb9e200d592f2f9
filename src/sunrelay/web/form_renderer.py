"""Forms and their widgets render fast: the plainest widgets' HTML is written in Python
(web/widget_html.py), the others through Jinja2 (Django ships its widget templates for both
engines, and Jinja2 draws them several times faster). Templates only the Django engine has
(the admin's widgets) still render through it."""

from __future__ import annotations

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist

from sunrelay.web.widget_html import FAST


class FormRenderer(BaseRenderer):
    def __init__(self) -> None:
        self.jinja2 = Jinja2()
        self.django = DjangoTemplates()

    def get_template(self, template_name: str):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)

    def render(self, template_name, context, request=None):
        fast = FAST.get(template_name)
        html = fast(context) if fast is not None else None
        if html is None:
            return super().render(template_name, context, request)
        return html.strip()
