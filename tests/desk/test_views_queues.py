"""Queue pages: which tickets, in which order, filtered and paged, in a fixed number of queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from sunrelay.desk import services
from tests.factories import make_account, make_contact, make_staff, make_ticket

pytestmark = pytest.mark.django_db


def ticket_ids(response) -> list[int]:
    return [
        int(n) for n in re.findall(r'data-href="/desk/tickets/(\d+)/"', response.content.decode())
    ]


@pytest.fixture
def desk(agent, lead, account, contact):
    """A few tickets across accounts, tiers, priorities and assignees."""
    now = timezone.now()
    small = make_account("Tiny Tiles", tier="free", mrr=0, domains=["tiny.test"])
    bea = make_contact("Bea Beginner", "bea@tiny.test", account=small, skill="advanced")
    t = {
        "urgent": make_ticket(
            contact, "Map down in production", priority="urgent", at=now - timedelta(hours=3)
        ),
        "mine": make_ticket(
            contact, "Geocoder returns 500", assignee=agent, at=now - timedelta(days=2)
        ),
        "lead": make_ticket(
            bea, "Billing question", assignee=lead, priority="low", tags=["billing"]
        ),
        "l2": make_ticket(bea, "Slow tiles in Safari", level="l2", tags=["tiles", "safari"]),
    }
    t["solved"] = make_ticket(contact, "Old solved problem")
    services.update_ticket(t["solved"], agent, status="solved", cause="question")
    return t


def test_the_overview_counts_unsolved_tickets_per_queue(client, agent, desk):
    client.force_login(agent)
    html = client.get("/desk/").content.decode()
    assert re.search(r'<span class="n">4</span><span>All open</span>', html)
    assert re.search(r'<span class="n">1</span><span>Mine</span>', html)
    assert re.search(r'<span class="n">2</span><span>Unassigned</span>', html)
    assert re.search(r'<span class="n">3</span><span>Enterprise</span>', html) is None  # 2 + solved
    assert re.search(r'<span class="n">2</span><span>Enterprise</span>', html)


def test_a_queue_shows_the_columns_of_the_issue(client, agent, desk):
    client.force_login(agent)
    response = client.get("/desk/queues/open/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Map down in production",
        "Carla Customer",
        'title="Skill: Beginner"',
        "Acme Maps",
        "Enterprise",
        "$16k",
        "Urgent",
        "L1 support",
        "Alba",
        "3 h",
        "2 d",
    ):
        assert text in html, text
    assert "Old solved problem" not in html


@pytest.mark.parametrize(
    ("queue", "expected"),
    [
        ("mine", ["mine"]),
        ("unassigned", ["urgent", "l2"]),
        ("tier-free", ["lead", "l2"]),
        ("level-l2", ["l2"]),
        ("strategic", []),
    ],
)
def test_each_queue_holds_its_tickets(client, agent, desk, queue, expected):
    client.force_login(agent)
    assert set(ticket_ids(client.get(f"/desk/queues/{queue}/"))) == {desk[k].pk for k in expected}


def test_an_unknown_queue_is_a_404(client, agent):
    client.force_login(agent)
    assert client.get("/desk/queues/nope/").status_code == 404


def test_it_sorts_most_urgent_first_by_default_and_by_any_listed_column(client, agent, desk):
    client.force_login(agent)
    # No SLA policy here: each ticket is placed by age, moved earlier for priority, tier and
    # MRR. Two days of age beat the urgent ticket's credits (8 h + 2 h + 1 h 6 min).
    expected = [desk[k].pk for k in ("mine", "urgent", "l2", "lead")]
    assert ticket_ids(client.get("/desk/queues/open/")) == expected
    assert ticket_ids(client.get("/desk/queues/open/?sort=-urgency")) == expected[::-1]
    by_priority = ticket_ids(client.get("/desk/queues/open/?sort=-priority"))
    assert by_priority[0] == desk["urgent"].pk and by_priority[-1] == desk["lead"].pk
    by_subject = ticket_ids(client.get("/desk/queues/open/?sort=subject"))
    assert by_subject == [desk[k].pk for k in ("lead", "mine", "urgent", "l2")]
    assert ticket_ids(client.get("/desk/queues/open/?sort=-subject")) == by_subject[::-1]
    newest_first = ticket_ids(client.get("/desk/queues/open/?sort=age"))
    assert newest_first[-1] == desk["mine"].pk  # two days old
    assert ticket_ids(client.get("/desk/queues/open/?sort=-mrr"))[:2] != []


def test_solved_tickets_are_listed_by_last_change_not_urgency(client, agent, desk):
    client.force_login(agent)
    response = client.get("/desk/queues/open/?status=any")
    assert ticket_ids(response)[0] == desk["solved"].pk  # changed last
    assert 'name="sort"' not in response.content.decode()  # the default is not pinned


def test_it_refuses_an_unknown_sort_in_words_and_keeps_the_default(client, agent, desk):
    client.force_login(agent)
    response = client.get("/desk/queues/open/?sort=requester__password")
    assert response.status_code == 200
    assert "This filter is ignored" in response.content.decode()
    assert ticket_ids(response)[0] == desk["mine"].pk


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("priority=urgent", ["urgent"]),
        ("level=l2", ["l2"]),
        ("tier=enterprise", ["urgent", "mine"]),
        ("assignee=me", ["mine"]),
        ("assignee=none", ["urgent", "l2"]),
        ("tag=billing", ["lead"]),
        ("q=tiles", ["l2"]),
        ("q=GEOCODER", ["mine"]),
        ("status=solved", ["solved"]),
        ("status=any&q=problem", ["solved"]),
        ("status=new&tier=free", ["l2"]),
    ],
)
def test_it_filters(client, agent, desk, query, expected):
    client.force_login(agent)
    assert set(ticket_ids(client.get(f"/desk/queues/open/?{query}"))) == {
        desk[k].pk for k in expected
    }


def test_it_finds_a_ticket_by_its_number(client, agent, desk):
    client.force_login(agent)
    assert ticket_ids(client.get(f"/desk/queues/open/?q=%23{desk['l2'].pk}")) == [desk["l2"].pk]


def test_it_filters_by_assignee_id(client, agent, lead, desk):
    client.force_login(agent)
    assert ticket_ids(client.get(f"/desk/queues/open/?assignee={lead.pk}")) == [desk["lead"].pk]


@pytest.mark.parametrize(
    "query",
    [
        "status=bogus",
        "priority=%00",
        "assignee=999999",
        "assignee=abc",
        "tier=gold&level=l9",
        "page=abc",
        "page=-3",
        "page=99999",
        "q=" + "x" * 500,
        "tag=" + "t" * 100,
        "sort=",
    ],
)
def test_bad_filter_values_never_break_the_page(client, agent, desk, query):
    client.force_login(agent)
    response = client.get(f"/desk/queues/open/?{query}")
    assert response.status_code == 200


def test_a_bad_filter_is_shown_and_ignored_while_the_good_ones_apply(client, agent, desk):
    client.force_login(agent)
    response = client.get("/desk/queues/open/?status=bogus&priority=urgent")
    assert "Select a valid choice" in response.content.decode()
    assert ticket_ids(response) == [desk["urgent"].pk]


def test_it_pages_by_fifty(client, agent, contact):
    for i in range(53):
        make_ticket(contact, f"Ticket {i:02}")
    client.force_login(agent)
    first = client.get("/desk/queues/open/?sort=subject")
    assert len(ticket_ids(first)) == 50
    assert "Page 1 of 2" in first.content.decode()
    second = client.get("/desk/queues/open/?sort=subject&page=2")
    assert len(ticket_ids(second)) == 3
    assert "tickets 51–53" in second.content.decode()


def test_htmx_gets_only_the_results_and_caches_know_the_difference(client, agent, desk):
    client.force_login(agent)
    response = client.get(
        "/desk/queues/open/?priority=urgent",
        headers={"HX-Request": "true", "HX-Target": "queue-results"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="queue-results"')
    assert 'class="topbar"' not in html
    assert "HX-Request" in response["Vary"]
    assert ticket_ids(response) == [desk["urgent"].pk]


def _fill(contact, agent, n):
    account_b = make_account(f"Account {n}", tier="pro", mrr=500)
    other = make_contact(f"Other {n}", f"other{n}@example.test", account=account_b)
    for i in range(n):
        make_ticket(
            contact if i % 2 else other,
            f"T{i}",
            assignee=agent if i % 3 else None,
            tags=["x"] if i % 4 == 0 else (),
        )


def _count_queries(client, django_assert_max_num_queries, url, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/desk/queues/open/",
        "/desk/queues/mine/?sort=-account",
        "/desk/queues/open/?sort=assignee&tier=pro",
    ],
)
def test_a_page_of_fifty_costs_the_same_queries_as_a_page_of_five(
    client, agent, contact, django_assert_max_num_queries, url
):
    client.force_login(agent)
    _fill(contact, agent, 5)
    # 13: one more than before saved views joined the navigation (the people of the filters
    # and the bulk bar are read in one query).
    few = _count_queries(client, django_assert_max_num_queries, url, 13)
    _fill(contact, agent, 60)
    many = _count_queries(client, django_assert_max_num_queries, url, 13)
    assert many == few


def test_sales_see_the_queues_of_their_own_accounts_only(client, sales, desk):
    client.force_login(sales)
    ids = set(ticket_ids(client.get("/desk/queues/open/")))
    assert ids == {desk["urgent"].pk, desk["mine"].pk}


def test_a_second_sales_person_sees_nothing_of_the_first_ones_accounts(client, desk):
    other = make_staff("otto", roles=["sales"])
    client.force_login(other)
    assert ticket_ids(client.get("/desk/queues/open/")) == []
    assert client.get("/desk/queues/open/").status_code == 200


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (-5, "now"),
        (59, "now"),
        (60, "1 min"),
        (3599, "59 min"),
        (3600, "1 h"),
        (47 * 3600, "47 h"),
        (48 * 3600, "2 d"),
        (364 * 86400, "364 d"),
        (800 * 86400, "2 y"),
    ],
)
def test_durations_are_short_and_calm(seconds, text):
    from sunrelay.lib.formatting import humanize_duration

    assert humanize_duration(seconds) == text


def test_money_is_shown_whole_and_compact():
    from sunrelay.lib.formatting import money, short_money, thousands

    assert money(16000) == "$16,000"
    assert [short_money(v) for v in (0, 950, 1000, 1250, 16000, 1_500_000)] == [
        "$0",
        "$950",
        "$1k",
        "$1.2k",
        "$16k",
        "$1.5M",
    ]
    assert thousands(20000) == "20,000"


def test_the_header_says_what_the_order_is(client, agent, desk):
    client.force_login(agent)

    def urgency_header(url: str) -> str:
        html = client.get(url).content.decode()
        header = re.search(r'<th scope="col" class="col-urgency".*?</th>', html, re.S).group(0)
        link = re.search(r"<a [^>]*>(.*?)</a>", header, re.S).group(1)
        return re.sub(r"<[^>]+>", " ", link)  # the words shown, not the title

    shown = urgency_header("/desk/queues/open/")
    assert "most urgent first" in shown and "▲" not in shown
    shown = urgency_header("/desk/queues/open/?sort=-urgency")
    assert "least urgent first" in shown and "▼" not in shown
    assert "urgent" not in urgency_header("/desk/queues/open/?sort=subject")
