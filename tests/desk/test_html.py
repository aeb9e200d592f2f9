"""Customer HTML: what sanitize keeps and drops."""

from __future__ import annotations

import pytest

from sunrelay.desk.html import sanitize


@pytest.mark.parametrize(
    "src",
    [
        "https://tracker.example/open.gif?id=42",
        "http://tracker.example/p.png",
        "//tracker.example/p.png",
        "/\\tracker.example/p.png",
        "/\t/tracker.example/p.png",
        " https://tracker.example/p.png",
        "data:image/png;base64,AAAA",
    ],
)
def test_remote_images_are_dropped_so_no_tracker_learns_a_ticket_was_read(src):
    html = sanitize(f'<p>Hi<img src="{src}" alt="logo"></p>')
    assert "tracker" not in html and "data:" not in html
    assert '<img alt="logo">' in html


@pytest.mark.parametrize("src", ["cid:logo@acme.test", "/mail/attachments/7/"])
def test_the_message_own_images_are_kept(src):
    assert f'src="{src}"' in sanitize(f'<img src="{src}">')


def test_links_stay_and_open_safely():
    html = sanitize('<a href="https://docs.example/x">docs</a>')
    assert 'href="https://docs.example/x"' in html and "noopener" in html
