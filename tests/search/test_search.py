"""Full-text search over tickets, messages, files, contacts and accounts, per role."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunrelay.desk import services
from sunrelay.mail.attachments import add_attachment
from sunrelay.search import documents
from sunrelay.search.models import TicketDocument
from sunrelay.search.service import search
from tests.factories import make_account, make_contact, make_ticket


def ids(results):
    return [found.item.pk for found in results.tickets]


def test_it_finds_words_in_messages_not_only_subjects(agent, ticket, contact):
    services.receive_customer_message(ticket, contact, "Our request id is REQ-4471, thanks")
    results = search(agent, "req-4471")
    assert ids(results) == [ticket.pk]
    assert "<mark>" in results.tickets[0].snippet


def test_phrases_prefixes_and_exclusions(agent, contact):
    blank = make_ticket(contact, subject="Tiles render blank", body="zoom fourteen")
    other = make_ticket(contact, subject="Blank invoice", body="tiles render fine")
    assert ids(search(agent, '"render blank"')) == [blank.pk]
    assert set(ids(search(agent, "invo*"))) == {other.pk}
    assert ids(search(agent, "blank -invoice")) == [blank.pk]


def test_internal_notes_count_for_staff_and_never_for_a_customer_search(agent, ticket):
    services.note(ticket, agent, "Customer is on the legacy cluster kappa-7")
    assert ids(search(agent, "kappa")) == [ticket.pk]
    customer_view = search(agent, "kappa", internal=False)
    assert customer_view.tickets == []
    # The public snippet never shows the note
    services.reply(ticket, agent, "We are looking into kappa", public=True)
    found = search(agent, "legacy", internal=False)
    assert found.tickets == []


def test_sales_find_only_their_accounts(sales, agent, ticket, contact):
    stranger = make_account("Zeta Corp", tier="pro", mrr=100, domains=["zeta.test"])
    zed = make_contact("Zed Zeta", "zed@zeta.test", account=stranger)
    theirs = make_ticket(zed, subject="Export of shapefiles fails")
    ours = make_ticket(contact, subject="Export of shapefiles fails")
    assert set(ids(search(agent, "shapefiles"))) == {theirs.pk, ours.pk}
    assert ids(search(sales, "shapefiles")) == [ours.pk]
    assert [f.item.pk for f in search(sales, "zeta").contacts] == []
    assert [f.item.pk for f in search(sales, "zeta").accounts] == []
    assert [f.item.pk for f in search(agent, "zeta").accounts] == [stranger.pk]
    assert [f.item.pk for f in search(agent, "zed").contacts] == [zed.pk]


def test_filters_narrow_the_tickets(agent, lead, contact):
    mine = make_ticket(contact, subject="Geocoder slow", assignee=agent)
    make_ticket(contact, subject="Geocoder slow too")
    assert ids(search(agent, "geocoder assignee:me")) == [mine.pk]
    assert ids(search(agent, "assignee:me")) == [mine.pk]
    assert len(search(agent, "geocoder tier:enterprise").tickets) == 2
    assert search(agent, "geocoder tier:free").tickets == []
    assert search(agent, "tier:gold").error.startswith("tier:gold is not known")
    assert search(agent, "geocoder tier:none").tickets == []
    loner = make_ticket(make_contact("Lone", "lone@nowhere.test"), subject="Geocoder alone")
    assert ids(search(agent, "geocoder tier:none")) == [loner.pk]  # tickets without an account


def test_file_names_and_has_attachment(agent, ticket):
    message = services.reply(ticket, agent, "See the log", public=True)
    add_attachment(message, "render-trace-0099.log", "text/plain", b"...")
    assert ids(search(agent, "render-trace-0099.log")) == [ticket.pk]
    assert ids(search(agent, "has:attachment")) == [ticket.pk]


def test_the_number_comes_first(agent, ticket, contact):
    make_ticket(contact, subject=f"About ticket {ticket.pk}")
    assert ids(search(agent, f"#{ticket.pk}"))[0] == ticket.pk


def test_snippets_are_escaped(agent, contact):
    make_ticket(contact, subject="XSS", body='<script>alert("zork")</script> zork')
    snippet = search(agent, "zork").tickets[0].snippet
    # Escaped (SQLite) or dropped as markup by ts_headline (PostgreSQL): never a tag.
    assert "<script" not in snippet and "<mark>zork</mark>" in snippet


def test_bad_queries_give_an_error_not_an_exception(agent):
    assert "quote" in search(agent, '"oops').error
    assert "not only what to leave out" in search(agent, "-alone").error
    assert search(agent, "x" * 100_000).error


def test_renaming_the_requester_reaches_the_index_through_the_worker(agent, ticket, contact):
    contact.name = "Wilhelmina Quarterly"
    contact.save()
    assert TicketDocument.objects.get(ticket=ticket).stale
    while documents.refresh_some():
        pass
    assert ids(search(agent, "wilhelmina")) == [ticket.pk]


def test_a_search_costs_the_same_queries_whatever_the_results(agent, contact):
    for i in range(3):
        make_ticket(contact, subject=f"Alpha query cost {i}")

    def cost(text):
        with CaptureQueriesContext(connection) as queries:
            search(agent, text)
        return len(queries)

    for i in range(12):
        make_ticket(contact, subject=f"Beta query cost {i}")
    search(agent, "warm")  # the person's roles are read once, then kept on the user
    assert cost("alpha") == cost("beta") <= 5


def test_reindex_rebuilds_everything(agent, ticket):
    TicketDocument.objects.all().delete()
    assert search(agent, "tiles").tickets == []
    assert documents.rebuild_all() >= 1
    assert ids(search(agent, "tiles")) == [ticket.pk]


def test_from_finds_the_tickets_a_customer_wrote_on(agent, ticket, contact, account):
    other = make_contact("Otto Other", "otto@acme.test", account=account)
    theirs = make_ticket(other, subject="Export stalls")
    services.receive_customer_message(theirs, contact, "Same here, also stalled")
    make_ticket(other, subject="Another question")
    assert set(ids(search(agent, "from:CARLA@acme.test"))) == {ticket.pk, theirs.pk}
    assert ids(search(agent, "stalls from:carla@acme.test")) == [theirs.pk]
    assert search(agent, "from:nobody@acme.test").tickets == []


def test_any_word_ranks_the_closest_first(agent, contact):
    from sunrelay.search.backends import backend
    from sunrelay.search.query import any_of

    close = make_ticket(contact, subject="Tiles blank at zoom 14 in Chrome")
    far = make_ticket(contact, subject="Invoice address wrong, zoom call?")
    make_ticket(contact, subject="Password reset mail")
    hits = backend().tickets(
        any_of(["tiles", "blank", "zoom", "chrome"]), None, internal=True, limit=5
    )
    ranked = [h.id for h in hits]
    assert ranked.index(close.pk) < ranked.index(far.pk)
