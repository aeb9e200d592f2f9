"""Time off and coverage plans through team.services and desk.left_behind: who may plan
whose, and the rules."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.desk import left_behind
from sunrelay.desk import services as desk
from sunrelay.team import services
from sunrelay.team.models import Coverage, TimeOff
from tests.factories import make_staff, make_ticket

pytestmark = pytest.mark.django_db

# Wednesday 25 November 2026, 23:30 UTC: already Thursday in Madrid, still Wednesday in
# New York.
LATE_WEDNESDAY = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(LATE_WEDNESDAY, tick=False):
        yield


@pytest.fixture
def javier(db):
    return make_staff("javier", roles=["support"], time_zone="Europe/Madrid")


@pytest.fixture
def keisha(db):
    return make_staff("keisha", roles=["support"], time_zone="America/New_York")


def errors(exc: ValidationError) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_an_agent_logs_their_own_time_off_with_a_cover(agent, javier):
    time_off = services.log_time_off(
        agent, agent, date(2026, 12, 3), date(2026, 12, 4), "Family", cover=javier
    )
    assert (time_off.user, time_off.reason) == (agent, "Family")
    assert [(c.cover, c.account, c.ticket) for c in time_off.coverage.all()] == [
        (javier, None, None)
    ]


def test_today_is_the_persons_own_local_today(agent, keisha):
    # Thursday in Madrid: Wednesday is already past for Alba, not yet for Keisha.
    with pytest.raises(ValidationError) as exc:
        services.log_time_off(agent, agent, date(2026, 11, 25), date(2026, 11, 25))
    assert "in the past" in errors(exc)["first_day"][0]
    assert services.log_time_off(keisha, keisha, date(2026, 11, 25), date(2026, 11, 25))


def test_the_last_day_cannot_come_before_the_first(agent):
    with pytest.raises(ValidationError) as exc:
        services.log_time_off(agent, agent, date(2026, 12, 4), date(2026, 12, 3))
    assert errors(exc) == {"last_day": ["The last day cannot be before the first day."]}


def test_overlapping_time_off_is_refused(agent):
    services.log_time_off(agent, agent, date(2026, 12, 1), date(2026, 12, 5))
    with pytest.raises(ValidationError) as exc:
        services.log_time_off(agent, agent, date(2026, 12, 5), date(2026, 12, 8))
    assert errors(exc)["first_day"] == ["Alba is already away (1 Dec–5 Dec)."]


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("self", "Someone else has to cover: the person away cannot."),
        ("sales", "Sam does not work tickets."),
        ("away", "Javier is away too (on 4 Dec)."),
    ],
)
def test_a_cover_must_work_tickets_and_be_there(agent, javier, sales, who, message):
    services.log_time_off(javier, javier, date(2026, 12, 4), date(2026, 12, 4))
    cover = {"self": agent, "sales": sales, "away": javier}[who]
    with pytest.raises(ValidationError) as exc:
        services.log_time_off(agent, agent, date(2026, 12, 3), date(2026, 12, 4), cover=cover)
    assert errors(exc) == {"cover": [message]}
    assert not TimeOff.objects.filter(user=agent).exists()


def test_only_a_lead_plans_someone_elses_time_off(agent, lead, javier):
    with pytest.raises(PermissionDenied):
        services.log_time_off(agent, javier, date(2026, 12, 3), date(2026, 12, 3))
    time_off = services.log_time_off(lead, javier, date(2026, 12, 3), date(2026, 12, 3))
    with pytest.raises(PermissionDenied):
        services.cancel_time_off(agent, time_off)
    with pytest.raises(PermissionDenied):
        left_behind.set_coverage(agent, time_off, rest=lead)


def test_sales_and_people_without_a_role_plan_nothing(sales, outsider):
    for user in (sales, outsider):
        with pytest.raises(PermissionDenied):
            services.log_time_off(user, user, date(2026, 12, 3), date(2026, 12, 3))


def test_a_plan_names_covers_per_account_per_ticket_and_for_the_rest(
    agent, javier, keisha, lead, account, contact
):
    mine = make_ticket(contact, "Mine", assignee=agent)
    other = make_ticket(contact, "Someone else's", assignee=javier)
    time_off = services.log_time_off(agent, agent, date(2026, 12, 3), date(2026, 12, 4))
    rows = left_behind.set_coverage(
        agent, time_off, rest=javier, accounts={account: keisha}, tickets={mine: lead}
    )
    assert {(c.cover, c.account, c.ticket) for c in rows} == {
        (javier, None, None),
        (keisha, account, None),
        (lead, None, mine),
    }
    # Setting it again replaces the plan.
    left_behind.set_coverage(agent, time_off, rest=keisha)
    assert list(Coverage.objects.filter(time_off=time_off).values_list("cover", flat=True)) == [
        keisha.pk
    ]
    with pytest.raises(ValidationError) as exc:
        left_behind.set_coverage(agent, time_off, tickets={other: javier})
    assert errors(exc) == {"tickets": [f"#{other.pk} is not an open ticket of Alba."]}
    desk.update_ticket(mine, agent, status="solved", cause="question")
    with pytest.raises(ValidationError):
        left_behind.set_coverage(agent, time_off, tickets={mine: javier})


def test_cancel_removes_time_off_that_has_not_ended(agent, javier):
    time_off = services.log_time_off(
        agent, agent, date(2026, 12, 3), date(2026, 12, 4), cover=javier
    )
    services.cancel_time_off(agent, time_off)
    assert not TimeOff.objects.exists() and not Coverage.objects.exists()


def test_past_time_off_stays_on_record(agent):
    past = TimeOff.objects.create(
        user=agent, first_day=date(2026, 11, 2), last_day=date(2026, 11, 3)
    )
    with pytest.raises(ValidationError):
        services.cancel_time_off(agent, past)
    with pytest.raises(ValidationError):
        left_behind.set_coverage(agent, past)
    assert TimeOff.objects.filter(pk=past.pk).exists()


def test_telling_customers_mails_each_contact_once_naming_the_cover(db):
    from sunrelay.mail.absence_notice import tell_customers
    from sunrelay.mail.models import Outbox, OutboxKind
    from tests.factories import make_account, make_contact, make_staff, make_ticket

    ce = make_staff("ines", roles=["customer_engineer", "support"], time_zone="Europe/Madrid")
    cover = make_staff("keisha", roles=["support"], time_zone="America/New_York")
    account = make_account("Acme", ce=ce)
    make_contact("Ana", "ana@acme.test", account=account)
    other = make_contact("Bo", "bo@else.test")
    ticket = make_ticket(other)
    from sunrelay.desk import services as desk

    desk.update_ticket(ticket, ce, assignee=ce)
    leave = TimeOff.objects.create(user=ce, first_day=date(2030, 1, 7), last_day=date(2030, 1, 9))
    Coverage.objects.create(time_off=leave, cover=cover)
    assert tell_customers(ce, leave) == 2
    rows = Outbox.objects.filter(kind=OutboxKind.NOTICE).order_by("to")
    assert [r.to for r in rows] == [["ana@acme.test"], ["bo@else.test"]]
    assert "Keisha" in rows[0].body_text and "Monday 7 January" in rows[0].body_text
    with pytest.raises(ValidationError):
        tell_customers(ce, leave)  # once
    assert Outbox.objects.filter(kind=OutboxKind.NOTICE).count() == 2


def test_the_covers_offered_are_never_the_person_away_nor_anyone_away_then(
    agent, javier, sales, lead
):
    services.log_time_off(javier, javier, date(2026, 12, 4), date(2026, 12, 4))
    offered = services.cover_candidates(agent, date(2026, 12, 3), date(2026, 12, 4))
    assert agent not in offered  # never their own cover
    assert javier not in offered and sales not in offered  # away then; does not work tickets
    assert lead in offered
    # Javier is back on the 5th: a week away from then may name him.
    later = services.cover_candidates(agent, date(2026, 12, 5), date(2026, 12, 9))
    assert javier in later and agent not in later
    # Every candidate passes the rules a chosen cover is checked against.
    for cover in offered:
        assert services.cover_problem(cover, agent, date(2026, 12, 3), date(2026, 12, 4)) is None
