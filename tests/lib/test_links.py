"""Absolute links for mail and chat: BASE_URL and the page's path, joined by exactly one slash."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sunrelay.lib.links import absolute, ticket_url


@pytest.mark.parametrize(
    "base", ["https://desk.example.com", "https://desk.example.com/", "https://desk.example.com//"]
)
def test_it_joins_the_base_and_the_path_with_one_slash(settings, base):
    settings.BASE_URL = base
    assert absolute("/ack/abc/") == "https://desk.example.com/ack/abc/"


def test_a_base_url_under_a_folder_keeps_its_folder(settings):
    settings.BASE_URL = "https://example.com/support/"
    assert absolute("/desk/tickets/7/") == "https://example.com/support/desk/tickets/7/"


@pytest.mark.parametrize("path", ["desk/tickets/7/", "//desk/tickets/7/"])
def test_a_path_without_or_with_extra_leading_slashes_still_gives_one(settings, path):
    settings.BASE_URL = "https://desk.example.com"
    assert absolute(path) == "https://desk.example.com/desk/tickets/7/"


def test_the_base_url_s_scheme_and_port_are_kept(settings):
    settings.BASE_URL = "http://127.0.0.1:8000"
    assert absolute("/calendar/feed.ics") == "http://127.0.0.1:8000/calendar/feed.ics"


def test_a_ticket_links_to_its_page_on_the_desk(settings):
    settings.BASE_URL = "https://desk.example.com/"
    assert ticket_url(SimpleNamespace(pk=345)) == "https://desk.example.com/desk/tickets/345/"
