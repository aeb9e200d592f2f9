"""Forms and their widgets render through Jinja2, for speed: Django ships its widget
templates for both engines, and Jinja2 draws the queue's and the ticket page's twenty-odd
selects several times faster. Templates only the Django engine has (the admin's widgets)
still render through it."""

from __future__ import annotations

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class FormRenderer(BaseRenderer):
    def __init__(self) -> None:
        self.jinja2 = Jinja2()
        self.django = DjangoTemplates()

    def get_template(self, template_name: str):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)
