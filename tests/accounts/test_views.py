"""Account and contact pages of the workspace."""

from __future__ import annotations

import pytest

from sunrelay.desk import services
from tests.factories import make_account, make_contact, make_staff, make_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def ce(db):
    return make_staff("ines", roles=["customer_engineer"], first_name="Inés")


def test_the_account_page_shows_team_contacts_and_tickets(
    client, agent, account, contact, ticket, ce
):
    account.ce = ce
    account.strategic = True
    account.save()
    solved = make_ticket(contact, "Solved earlier")
    services.update_ticket(solved, agent, status="solved", cause="question")
    make_contact("Quiet Person", "quiet@acme.test", account=account)
    client.force_login(agent)
    response = client.get(f"/desk/accounts/{account.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Acme Maps",
        "★ Strategic",
        "Enterprise",
        "$16,000",
        "$192,000 a year",
        "acme.test",
        "Sam",
        "Inés",
        "Carla Customer",
        "Quiet Person",
        "Tiles render blank at zoom 14",
        "Solved earlier",
    ):
        assert text in html, text


def test_the_contact_page_shows_skill_account_and_tickets(client, agent, contact, ticket):
    client.force_login(agent)
    html = client.get(f"/desk/contacts/{contact.pk}/").content.decode()
    for text in (
        "Carla Customer",
        "carla@acme.test",
        "Beginner",
        "explain step by step",
        "Acme Maps",
        "Tiles render blank at zoom 14",
    ):
        assert text in html, text


def test_the_account_list_puts_the_largest_revenue_first(client, agent, account):
    make_account("Small Shop", tier="basic", mrr=50)
    make_account("Big Bank", tier="partner", mrr=90000, strategic=True)
    client.force_login(agent)
    html = client.get("/desk/accounts/").content.decode()
    assert html.index("Big Bank") < html.index("Acme Maps") < html.index("Small Shop")
    filtered = client.get("/desk/accounts/?strategic=1&q=bank").content.decode()
    assert "Big Bank" in filtered and "Acme Maps" not in filtered
    assert client.get("/desk/accounts/?page=zz&q=" + "x" * 400).status_code == 200


def test_sales_see_their_own_accounts_only(client, sales, account, contact):
    otto = make_staff("otto", roles=["sales"])
    other = make_account("Other Co", ae=otto)
    bo = make_contact("Bo", "bo@other.test", account=other)
    client.force_login(sales)
    assert client.get(f"/desk/accounts/{account.pk}/").status_code == 200
    assert client.get(f"/desk/contacts/{contact.pk}/").status_code == 200
    assert client.get(f"/desk/accounts/{other.pk}/").status_code == 404
    assert client.get(f"/desk/contacts/{bo.pk}/").status_code == 404
    listing = client.get("/desk/accounts/").content.decode()
    assert "Acme Maps" in listing and "Other Co" not in listing


def test_no_role_no_accounts(client, outsider, account):
    client.force_login(outsider)
    assert client.get(f"/desk/accounts/{account.pk}/").status_code == 403


def test_the_account_pages_cost_a_fixed_number_of_queries(
    client, agent, account, contact, django_assert_max_num_queries
):
    for i in range(20):
        c = make_contact(f"C{i}", f"c{i}@acme.test", account=account)
        make_ticket(c, f"T{i}", assignee=agent)
    client.force_login(agent)
    with django_assert_max_num_queries(12):
        assert client.get(f"/desk/accounts/{account.pk}/").status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get("/desk/accounts/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(f"/desk/contacts/{contact.pk}/").status_code == 200
