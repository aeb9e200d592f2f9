"""The queue's "more filters" (channel, contact skill, account AE and CE, bug link), on the
queue page and in the API's ticket list: the same conditions (desk.queue_filters)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from sunrelay.api.tokens import create_token
from sunrelay.desk import services
from sunrelay.desk.queue_filters import filter_keys
from sunrelay.desk.views.forms import QueueFilterForm
from sunrelay.team.roles import desk_people
from tests.factories import make_account, make_contact, make_staff, make_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(agent, sales, account, contact):
    """`account` (Acme: AE sam) has a CE; Globex has another AE and no CE."""
    ce = make_staff("priya", roles=["customer_engineer"], first_name="Priya")
    account.ce = ce
    account.save()
    other_ae = make_staff("otto", roles=["sales"], first_name="Otto")
    globex = make_account("Globex", tier="pro", ae=other_ae, domains=["globex.test"])
    gus = make_contact("Gus", "gus@globex.test", account=globex, skill="advanced")
    t = {
        "email": make_ticket(contact, "Tiles blank", channel="email"),
        "web": make_ticket(gus, "Form ticket", channel="web"),
        "phone": make_ticket(gus, "Called in", channel="phone"),
    }
    services.update_ticket(t["web"], agent, bug_url="https://tracker.example/BUG-1")
    return {"tickets": t, "ce": ce, "other_ae": other_ae}


def shown(client, query: str, desk) -> set[str]:
    html = client.get(f"/desk/queues/open/?{query}").content.decode()
    found = {int(n) for n in re.findall(r'data-href="/desk/tickets/(\d+)/"', html)}
    return {name for name, t in desk["tickets"].items() if t.pk in found}


def api_ids(user, params: dict, desk) -> set[str]:
    _token, raw = create_token(user, "tests")
    response = Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/tickets", params)
    assert response.status_code == 200, response.content
    found = {item["id"] for item in response.json()["items"]}
    return {name for name, t in desk["tickets"].items() if t.pk in found}


@pytest.mark.parametrize(
    ("query", "params", "expected"),
    [
        ("channel=web", {"channel": "web"}, {"web"}),
        ("skill=advanced", {"skill": "advanced"}, {"web", "phone"}),
        ("skill=beginner", {"skill": "beginner"}, {"email"}),
        ("bug=yes", {"has_bug_link": True}, {"web"}),
        ("bug=no", {"has_bug_link": False}, {"email", "phone"}),
        ("ce=none", {"ce": "none"}, {"web", "phone"}),
        ("channel=phone&skill=advanced", {"channel": "phone", "skill": "advanced"}, {"phone"}),
    ],
)
def test_the_queue_and_the_api_filter_alike(client, agent, desk, query, params, expected):
    client.force_login(agent)
    assert shown(client, query, desk) == expected
    assert api_ids(agent, params, desk) == expected


def test_it_filters_by_the_accounts_ae_and_ce_by_id_or_me(client, agent, sales, desk):
    client.force_login(agent)
    assert shown(client, f"ae={desk['other_ae'].pk}", desk) == {"web", "phone"}
    assert shown(client, f"ce={desk['ce'].pk}", desk) == {"email"}
    assert api_ids(agent, {"ae": str(desk["other_ae"].pk)}, desk) == {"web", "phone"}
    client.force_login(desk["ce"])
    assert shown(client, "ce=me", desk) == {"email"}
    assert api_ids(desk["ce"], {"ce": "me"}, desk) == {"email"}
    client.force_login(sales)  # sales see their own accounts only, whatever the filter
    assert shown(client, f"ae={desk['other_ae'].pk}", desk) == set()
    assert shown(client, "ae=me", desk) == {"email"}


def test_the_person_filters_offer_sales_and_customer_engineers(client, agent, desk):
    client.force_login(agent)
    html = client.get("/desk/queues/open/").content.decode()
    ae = re.search(r'<select name="ae".*?</select>', html, re.S).group(0)
    ce = re.search(r'<select name="ce".*?</select>', html, re.S).group(0)
    assert "Otto" in ae and "Sam" in ae and "Priya" not in ae
    assert "Priya" in ce and "Otto" not in ce
    assert '<details class="more-filters">' in html  # folded while none is used


def test_a_bad_value_of_a_new_filter_is_shown_and_ignored(client, agent, desk):
    client.force_login(agent)
    response = client.get("/desk/queues/open/?channel=fax&skill=advanced")
    assert response.status_code == 200
    assert "This filter is ignored" in response.content.decode()
    assert shown(client, "channel=fax&skill=advanced", desk) == {"web", "phone"}


def test_the_form_takes_exactly_the_filter_keys_views_save(agent):
    form = QueueFilterForm({}, people=desk_people())
    assert set(form.fields) == set(filter_keys())
