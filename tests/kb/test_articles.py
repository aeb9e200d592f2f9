"""Articles: versions kept, diffs, skill-level variants, feedback once per reader, visibility."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.kb import articles
from sunrelay.kb.markdown import render
from sunrelay.kb.models import Visibility
from sunrelay.search.backends import backend
from sunrelay.search.query import parse


@pytest.fixture
def article(agent):
    return articles.create_article(
        agent,
        title="Styling labels with SQL",
        body="Use the `label` column.",
        beginner="Click *Style*, then *Labels*.",
        advanced="```sql\nSELECT name AS label FROM places;\n```",
        visibility=Visibility.PUBLIC,
    )


def test_every_edit_is_a_version_and_the_diff_shows_it(article, agent):
    version = articles.edit_article(
        article, agent, body="Use the `label` column.\nOr a CASE expression.", note="CASE"
    )
    assert version.number == 2 and article.versions.count() == 2
    article.refresh_from_db()
    assert article.version == 2
    changes = articles.diff(article.versions.get(number=1), version)
    assert [c.field for c in changes] == ["body"]
    assert ("+", "Or a CASE expression.") in changes[0].lines
    # No text change, no new version
    assert articles.edit_article(article, agent, visibility=Visibility.INTERNAL) is None
    article.refresh_from_db()
    assert article.version == 2 and article.visibility == Visibility.INTERNAL


def test_the_requesters_level_comes_first_else_the_body(article):
    version = articles.current_version(article)
    assert articles.variants(version, "beginner")[0].text.startswith("Click")
    assert articles.variants(version, "intermediate")[0].level == ""
    assert articles.text_for(version, "advanced").startswith("```sql")
    assert [v.level for v in articles.variants(version, "advanced")] == ["advanced", "", "beginner"]


def test_markdown_is_rendered_and_sanitised():
    html = render(
        "# Hi\n\n<script>alert(1)</script>\n\n```sql\nSELECT 1;\n```\n\n[x](javascript:alert(1))"
    )
    assert "<h1>Hi</h1>" in html and "<pre><code>SELECT 1;" in html
    assert "<script" not in html and "&lt;script&gt;" in html  # shown as text, never run
    assert 'href="javascript' not in html


def test_feedback_counts_once_per_reader(article):
    reader = articles.reader_key("session-1")
    assert articles.record_feedback(article, helpful=True, reader=reader)
    assert not articles.record_feedback(article, helpful=False, reader=reader)
    articles.record_feedback(article, helpful=False, reader=articles.reader_key("session-2"))
    assert articles.feedback_counts([article])[article.pk] == (1, 1)


def test_sales_read_but_do_not_write_and_strangers_see_public_only(article, agent, sales, outsider):
    internal = articles.create_article(agent, title="On-call runbook", body="Page Kwame.")
    with pytest.raises(PermissionDenied):
        articles.create_article(sales, title="X", body="Y")
    assert set(articles.visible_articles(sales)) == {article, internal}
    assert list(articles.visible_articles(outsider)) == [article]


def test_bad_input_is_refused_field_by_field(agent):
    with pytest.raises(ValidationError) as exc:
        articles.create_article(agent, title="", body="", visibility="secret")
    assert {"title", "body"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError):
        articles.create_article(agent, title="T", body="B", visibility="secret")


def test_articles_are_searchable_and_follow_their_edits(article, agent):
    def found(text):
        return [
            h.id
            for h in backend().documents(
                parse(text), articles.ARTICLE, articles.visible_articles(agent), limit=5
            )
        ]

    assert found("label column") == [article.pk]
    articles.edit_article(article, agent, body="Use the name field.")
    assert found("column") == []
    assert found("name field") == [article.pk]
    slugs = {articles.create_article(agent, title="Same", body="b").slug for _ in range(2)}
    assert slugs == {"same", "same-2"}
