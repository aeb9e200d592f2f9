from __future__ import annotations

import pytest

from sunrelay.integrations.trackers import mentioned, parse


@pytest.mark.parametrize(
    ("url", "label", "tracker"),
    [
        ("https://github.com/Sunrelay-Maps/tiles/issues/412", "sunrelay-maps/tiles#412", "github"),
        ("https://github.com/a/b/issues/9/?x=1#issuecomment-2", "a/b#9", "github"),
        ("https://gitlab.com/maps/engine/-/issues/7", "maps/engine#7", "gitlab"),
        ("https://gitlab.com/maps/engine/issues/7", "maps/engine#7", "gitlab"),
        ("https://git.corp.test/g/sub/proj/-/issues/31", "g/sub/proj#31", "gitlab"),
    ],
)
def test_issue_links_are_parsed(url, label, tracker):
    ref = parse(url)
    assert ref is not None and ref.label == label and ref.tracker == tracker


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://github.com/a/b/pull/3",
        "https://github.com/a/b",
        "https://app.slack.com/archives/C1/p1",
        "ftp://github.com/a/b/issues/1",
        "https://git.corp.test/g/proj/issues/31",  # not gitlab.com: only the "/-/" form counts
    ],
)
def test_other_links_are_plain(url):
    assert parse(url) is None


def test_a_release_names_its_issues_once():
    notes = (
        "Fixes #412 and #413; see https://github.com/a/b/issues/412.\n"
        "Also other/repo#5, and not an anchor: https://example.test/page#7"
    )
    refs = mentioned(notes, tracker="github", host="github.com", project="a/b")
    assert [r.label for r in refs] == ["a/b#412", "a/b#413", "other/repo#5"]
