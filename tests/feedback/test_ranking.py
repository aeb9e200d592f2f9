from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from sunrelay.feedback import exports, ranking, services


def test_a_theme_counts_accounts_contacts_money_and_weeks(
    people, contacts, theme, django_assert_num_queries
):
    now = timezone.now()
    add = services.capture
    add(people["alba"], quote="a", contact=contacts["ana"], theme=theme, importance="critical")
    add(people["alba"], quote="b", contact=contacts["ana"], theme=theme, at=now - timedelta(days=8))
    add(people["alba"], quote="c", contact=contacts["olaf"], theme=theme, importance="nice")
    add(people["alba"], quote="d", contact=contacts["sue"])  # no theme
    with django_assert_num_queries(2):  # the themes, their items (the roles are cached)
        (row,) = ranking.rank(people["alba"], timezone.now())
    assert (row.items, row.accounts, row.contacts, row.demand) == (3, 2, 2, 3 + 2 + 1)
    assert (row.mrr, row.median_mrr) == (Decimal(32000), Decimal(16000))
    assert row.tiers == {"Enterprise": 1, "Pro": 1}
    assert (row.this_week, row.week_before, row.grew) == (2, 1, True)
    assert row.population == "2 accounts, $32,000 MRR, 1 of them Enterprise"
    assert row.rice is None


def test_sales_count_only_their_accounts(people, contacts, theme):
    for contact in contacts.values():
        services.capture(people["alba"], quote="x", contact=contact, theme=theme)
    (row,) = ranking.rank(people["sam"], timezone.now())
    assert (row.items, row.accounts, row.mrr) == (1, 1, Decimal(30000))


def test_rice_and_the_exports(people, contacts, theme):
    services.update_theme(people["alba"], theme, reach=400, impact=2, confidence=50, effort=4)
    services.capture(people["alba"], quote="x", contact=contacts["ana"], theme=theme)
    rows = ranking.rank(people["alba"], timezone.now())
    assert rows[0].rice == 100.0
    assert exports.as_dicts(rows)[0]["accounts"] == 1
    text = exports.as_csv(rows)
    assert text.splitlines()[0].startswith("theme,status,product_area,items")
    assert "Offline maps,open,,1,1,1,30000.00" in text


def test_growing_leaves_out_themes_that_did_not_grow(people, contacts, theme):
    other = services.create_theme(people["alba"], name="Dark basemap")
    now = timezone.now()
    services.capture(people["alba"], quote="x", theme=theme, at=now - timedelta(days=1))
    services.capture(people["alba"], quote="y", theme=other, at=now - timedelta(days=9))
    assert [r.theme for r in ranking.growing(people["alba"], now)] == [theme]
