"""Leased claims: one worker per row at a time, a dead worker's row taken over after its lease,
a stale worker's writes refused, retries spaced by a capped doubling back-off.

The rows are outbox rows without a ticket: the helper works on any model with `claimed_at`
and `claim_token`, and the outbox is the simplest one to make.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import FieldError
from django.db import OperationalError, connections
from django.db.models import F, Q

from sunrelay.lib import leases
from sunrelay.mail.models import Outbox, OutboxState

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)
DUE = Q(state=OutboxState.QUEUED)


def make_rows(count: int, **fields) -> list[Outbox]:
    start = Outbox.objects.count()
    return [
        Outbox.objects.create(
            from_address="support@sunrelay.test",
            to=["carla@acme.test"],
            subject=f"Row {start + n}",
            message_id=f"<row-{start + n}@sunrelay.test>",
            next_attempt_at=T0 + timedelta(seconds=n),
            created_at=T0,
            **fields,
        )
        for n in range(count)
    ]


def claim(now: datetime = T0, due: Q = DUE, **changes):
    return leases.claim_one(Outbox, due, ("next_attempt_at", "id"), now=now, lease=LEASE, **changes)


@pytest.mark.django_db
class TestClaiming:
    def test_it_claims_the_first_due_row_with_a_fresh_token(self):
        first, _second = make_rows(2)
        row, token = claim()
        assert row.pk == first.pk
        assert (row.claimed_at, row.claim_token) == (T0, token)
        assert len(token) == 32 and int(token, 16) >= 0

    def test_nothing_due_gives_none(self):
        make_rows(1, state=OutboxState.SENT)
        assert claim() is None

    def test_only_rows_matching_due_are_claimed(self):
        make_rows(1)
        assert claim(due=Q(state=OutboxState.QUEUED, next_attempt_at__lt=T0)) is None
        assert claim(due=Q(state=OutboxState.QUEUED, next_attempt_at__lte=T0)) is not None

    def test_changes_are_written_with_the_claim(self):
        make_rows(1)
        row, _token = claim(state=OutboxState.SENDING, attempts=F("attempts") + 1)
        assert (row.state, row.attempts) == (OutboxState.SENDING, 1)

    def test_two_claimers_never_hold_the_same_row(self):
        first, second = make_rows(2)
        mine, other = claim(), claim()
        assert {mine[0].pk, other[0].pk} == {first.pk, second.pk}
        assert mine[1] != other[1]
        assert claim() is None  # both held

    def test_a_claim_whose_row_cannot_be_read_is_undone(self):
        [row] = make_rows(1)
        # The read after the claim fails (here: a bad select_related; in life: a busy database).
        with pytest.raises(FieldError):
            claim(related=("no_such_field",), state=OutboxState.SENDING)
        row.refresh_from_db()
        assert (row.state, row.claimed_at, row.claim_token) == (OutboxState.QUEUED, None, "")
        assert claim() is not None  # free at once, not after a lease

    def test_a_claimer_that_loses_the_race_takes_the_next_candidate(self, monkeypatch):
        first, second = make_rows(2)
        rival = []
        real_token = leases.new_token

        def rival_claims_meanwhile() -> str:
            # Called after this claimer read its candidates and before it updates one.
            monkeypatch.setattr(leases, "new_token", real_token)
            rival.append(claim())
            return real_token()

        monkeypatch.setattr(leases, "new_token", rival_claims_meanwhile)
        mine = claim()
        assert rival[0][0].pk == first.pk
        assert mine[0].pk == second.pk

    def test_a_claimer_that_loses_the_only_row_gets_none(self, monkeypatch):
        make_rows(1)
        real_token = leases.new_token

        def rival_claims_meanwhile() -> str:
            monkeypatch.setattr(leases, "new_token", real_token)
            assert claim() is not None
            return real_token()

        monkeypatch.setattr(leases, "new_token", rival_claims_meanwhile)
        assert claim() is None


@pytest.mark.django_db
class TestExpiry:
    def test_a_claim_holds_for_exactly_its_lease(self):
        make_rows(1)
        claim(now=T0)
        assert claim(now=T0 + LEASE) is None

    def test_an_expired_claim_is_taken_over_with_a_new_token(self):
        make_rows(1)
        row, old = claim(now=T0)
        later = T0 + LEASE + timedelta(microseconds=1)
        again, new = claim(now=later)
        assert again.pk == row.pk and new != old
        assert again.claimed_at == later

    def test_the_lease_is_measured_from_the_claim_not_from_the_row(self):
        make_rows(1)
        claim(now=T0 + timedelta(hours=1))
        assert claim(now=T0 + timedelta(hours=1) + LEASE) is None

    def test_the_caller_s_lease_decides(self):
        make_rows(1)
        claim(now=T0)
        later = T0 + timedelta(seconds=30)
        assert claim(now=later) is None  # within the 60-second lease
        assert (
            leases.claim_one(Outbox, DUE, ("id",), now=later, lease=timedelta(seconds=29))
            is not None
        )

    def test_free_is_the_rule_for_held_rows(self):
        [row] = make_rows(1)
        held = Outbox.objects.filter(leases.free(T0, LEASE))
        assert held.filter(pk=row.pk).exists()  # never claimed
        Outbox.objects.filter(pk=row.pk).update(claimed_at=T0 - LEASE)
        assert not held.filter(pk=row.pk).exists()  # claimed exactly a lease ago
        Outbox.objects.filter(pk=row.pk).update(claimed_at=T0 - LEASE - timedelta(seconds=1))
        assert held.filter(pk=row.pk).exists()


@pytest.mark.django_db
class TestReleasing:
    def test_release_writes_the_outcome_and_frees_the_row(self):
        make_rows(1)
        row, token = claim(state=OutboxState.SENDING)
        rows = Outbox.objects.filter(pk=row.pk, state=OutboxState.SENDING)
        assert leases.release(rows, token, state=OutboxState.QUEUED) == 1
        row.refresh_from_db()
        assert (row.state, row.claimed_at, row.claim_token) == (OutboxState.QUEUED, None, "")
        assert claim(now=T0) is not None  # free again at once, no need to wait for the lease

    def test_a_worker_whose_claim_was_taken_over_writes_nothing(self):
        make_rows(1)
        row, stale = claim(now=T0)
        _again, current = claim(now=T0 + LEASE * 2)
        rows = Outbox.objects.filter(pk=row.pk)
        assert leases.release(rows, stale, state=OutboxState.SENT) == 0
        row.refresh_from_db()
        assert (row.state, row.claim_token) == (OutboxState.QUEUED, current)

    def test_an_expired_claim_nobody_took_is_still_its_worker_s(self):
        make_rows(1)
        row, token = claim(now=datetime.now(UTC) - timedelta(days=1))
        # Long past its lease, but no other worker came: the slow worker may still finish.
        assert leases.release(Outbox.objects.filter(pk=row.pk), token, state=OutboxState.SENT)

    def test_release_respects_the_rows_it_is_given(self):
        make_rows(1)
        row, token = claim()
        elsewhere = Outbox.objects.filter(pk=row.pk, state=OutboxState.FAILED)
        assert leases.release(elsewhere, token, state=OutboxState.SENT) == 0
        row.refresh_from_db()
        assert row.claim_token == token


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_claim_every_row_exactly_once():
    make_rows(20)
    taken: list[list[int]] = [[], []]
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def work(mine: list[int]) -> None:
        try:
            start.wait()
            while True:
                try:
                    claimed = claim()
                except OperationalError as exc:
                    # The in-memory SQLite test database locks whole tables and does not wait.
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.005)
                    continue
                if claimed is None:
                    break
                mine.append(claimed[0].pk)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(mine,)) for mine in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    everything = taken[0] + taken[1]
    assert sorted(everything) == sorted(Outbox.objects.values_list("pk", flat=True))
    assert len(set(everything)) == 20
    assert Outbox.objects.values("claim_token").distinct().count() == 20


class TestBackoff:
    FIRST, MOST = timedelta(seconds=30), timedelta(minutes=30)

    def test_it_doubles_from_the_first_wait(self):
        waits = [leases.backoff(n, self.FIRST, self.MOST) for n in range(1, 7)]
        assert waits == [timedelta(seconds=30 * 2**k) for k in range(6)]

    def test_it_never_exceeds_the_cap(self):
        assert leases.backoff(7, self.FIRST, self.MOST) == self.MOST  # 32 min, capped
        assert leases.backoff(8, self.FIRST, self.MOST) == self.MOST

    def test_a_cap_between_two_doublings_is_reached_exactly(self):
        assert leases.backoff(3, timedelta(minutes=1), timedelta(minutes=3)) == timedelta(minutes=3)

    def test_huge_attempt_counts_stay_at_the_cap(self):
        assert leases.backoff(10_000, self.FIRST, self.MOST) == self.MOST
        assert leases.backoff(10**9, timedelta(microseconds=1), timedelta(days=999_999)) == (
            timedelta(days=999_999)
        )

    @pytest.mark.parametrize("attempts", [0, -3])
    def test_attempts_below_one_count_as_the_first(self, attempts):
        assert leases.backoff(attempts, self.FIRST, self.MOST) == self.FIRST

    def test_a_cap_equal_to_the_first_wait_never_grows(self):
        assert leases.backoff(5, self.FIRST, self.FIRST) == self.FIRST

    @pytest.mark.parametrize(
        ("first", "most"),
        [
            (timedelta(0), timedelta(minutes=1)),
            (timedelta(seconds=-1), timedelta(minutes=1)),
            (timedelta(minutes=2), timedelta(minutes=1)),
        ],
    )
    def test_a_nonsense_range_is_refused(self, first, most):
        with pytest.raises(ValueError, match="0 < first <= most"):
            leases.backoff(1, first, most)


def test_tokens_are_fresh_and_fit_the_column():
    tokens = {leases.new_token() for _ in range(100)}
    assert len(tokens) == 100
    width = Outbox._meta.get_field("claim_token").max_length
    assert all(len(t) == width for t in tokens)
