"""The life of one demo ticket, from the customer's first message to closing.

Staff act only inside their own working hours (demo/timing.py), follow-the-sun picks
whoever is on shift next, and the story stops at the anchor time, leaving recent tickets
new, open, pending or on hold. Times are POSIX seconds until they reach the TicketLog.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sunrelay.accounts.models import Tier
from sunrelay.demo import texts
from sunrelay.demo.timing import (
    CLOSE_AFTER,
    DAY,
    ENGINEERS,
    HOUR,
    LEADS,
    SOLUTIONS,
    SUPPORT,
    WAITS_DAYS_CHANCE,
    StopStory,
    StoryClock,
)
from sunrelay.desk.models import Cause, Channel, Level, Priority, Status


class Story(StoryClock):
    """One ticket's history, written into its TicketLog by calling run()."""

    def run(self) -> None:
        try:
            self._open()
            self._first_response()
        except StopStory:
            pass

    def _open(self) -> None:
        brief, account = self.brief, self.account
        assignee = None
        urgent_big = brief.priority == Priority.URGENT and account.tier in (
            Tier.ENTERPRISE,
            Tier.PARTNER,
        )
        if urgent_big or self.rng.random() < 0.06:
            assignee = self._on_shift(self.now)  # routed (or paged) straight to the shift
        others = [
            c.email
            for c in self.world.contacts_by_account[account.name]
            if c.email != self.contact.email
        ]
        ccs: list[str] = []
        if others and self.rng.random() < 0.12:  # a colleague or their manager in copy
            ccs = self.rng.sample(others, min(len(others), self.rng.choice((1, 1, 2))))
        self.log.create(
            self._at(self.now),
            requester=self.contact.email,
            subject=texts.subject(self.rng, brief.topic, self.values, brief.channel),
            body=texts.first_message(
                self.rng,
                brief.topic,
                self.values,
                skill=self.contact.skill,
                priority=brief.priority,
                channel=brief.channel,
                name=self.contact.name,
                company=account.name,
            ),
            channel=brief.channel,
            priority=brief.priority,
            level=Level.L1,
            assignee=assignee,
            tags=brief.topic.tags if brief.channel == Channel.WEB else (),
            ccs=ccs,
        )

    def _first_response(self) -> None:
        log, brief = self.log, self.brief
        start = self.now
        if self.rng.random() < WAITS_DAYS_CHANCE.get(self.account.tier, 0.015):
            start += self.rng.uniform(1, 3) * DAY  # fell through the cracks
        responder = log.assignee or self._on_shift(start)
        first_at = self._working(responder, start, self._mean_response())
        self._account_context(before=first_at)
        at = self._at(first_at)
        reply_first = log.assignee is None and self.rng.random() < 0.12
        changes: dict = {"tags": sorted(set(log.tags) | set(brief.topic.tags))}
        if not reply_first:
            changes["assignee"] = responder
        if self.rng.random() < 0.05:
            if log.priority == Priority.NORMAL and self.account.tier != Tier.FREE:
                changes["priority"] = Priority.HIGH
                log.note(at, responder, texts.note_priority(raised=True))
            elif log.priority == Priority.HIGH:
                changes["priority"] = Priority.NORMAL
                log.note(at, responder, texts.note_priority(raised=False))
        log.update(at, responder, **changes)
        quick = brief.cause in (Cause.QUESTION, Cause.FEATURE_REQUEST) and self.rng.random() < 0.55
        if quick:
            self._solve(responder, mean_minutes=0)
        else:
            # Asking for details sets the ticket pending; replying before assigning
            # (and forgetting the status) only opens it.
            log.reply(
                at,
                responder,
                texts.ask_for_details(
                    brief.topic,
                    self.values,
                    skill=self.contact.skill,
                    **self._reply_kwargs(responder),
                ),
                status=None if reply_first else Status.PENDING,
            )
        if reply_first:
            log.update(at, responder, assignee=responder)
        if not quick:
            self._investigate()
        self._after_solved()

    def _account_context(self, before: float) -> None:
        """The CE sends support what they know about the account (structured context)."""
        ce = self.account.ce
        chance = 0.3 if self.account.strategic else 0.05
        if not ce or self.rng.random() >= chance:
            return
        t = self._working(ce, self.now, 60)
        if t >= before:
            return
        self.log.note(
            self._at(t),
            ce,
            texts.note_account_context(
                account=self.account.name,
                ref=self.log.ref,
                tier=Tier(self.account.tier).label,
                mrr=f"${self.account.mrr:,.0f}",
            ),
        )

    def _customer_answers(self) -> bool:
        """The customer sends what we asked for, or goes quiet and we close it for now."""
        log = self.log
        if self.rng.random() < 0.1:
            agent = log.assignee
            log.reply(
                self._at(self._working(agent, self.now + 3 * DAY, 30)),
                agent,
                texts.check_in(self.rng, **self._reply_kwargs(agent)),
            )
            at = self._at(self._working(agent, self.now + 4 * DAY, 30))
            cause = (
                Cause.USER_DATA_OR_CODE
                if self.brief.cause == Cause.PRODUCT_BUG
                else self.brief.cause
            )
            log.update(at, agent, cause=cause)
            log.reply(
                at, agent, texts.closing_for_now(**self._reply_kwargs(agent)), status=Status.SOLVED
            )
            return False
        at = self._at(self._customer_time(self.now))
        log.receive(
            at,
            self.contact.email,
            texts.provide_details(self.rng, self.brief.topic, self.values, name=self.contact.name),
        )
        return True

    def _take_over_if_away(self) -> str:
        """A customer wrote while the assignee is off shift: the next zone picks it up."""
        log, current = self.log, self.log.assignee
        if current not in SUPPORT:
            return current
        waiting = self.world.calendars[current].next_working(self.now) - self.now
        keen = self.account.tier in (Tier.ENTERPRISE, Tier.PARTNER) or self.brief.priority in (
            Priority.URGENT,
            Priority.HIGH,
        )
        if waiting < 6 * HOUR or not (keen or self.rng.random() < 0.3):
            return current
        other = self._on_shift(self.now, exclude=current)
        other_at = self.world.calendars[other].next_working(self.now)
        if other_at > self.now + waiting - 3 * HOUR:
            return current
        at = self._at(self._working(other, other_at, 20))
        log.update(at, other, assignee=other)
        log.note(at, other, texts.note_pickup(previous=self._agent_name(current)))
        return other

    def _investigate(self) -> None:
        log, brief = self.log, self.brief
        if not self._customer_answers():
            return
        agent = self._take_over_if_away()
        at = self._at(self._working(agent, self.now, self._mean_response() * 0.6))
        if (
            brief.cause == Cause.PRODUCT_BUG or brief.level != Level.L1
        ) and self.rng.random() < 0.5:
            # Longer investigations: tell the customer we are on it.
            log.reply(at, agent, texts.acknowledge(self.rng, **self._reply_kwargs(agent)))
        if brief.level != Level.L1:
            agent = self._raise_level(agent)
        if brief.cause == Cause.PRODUCT_BUG:
            self._product_bug(agent)
            return
        if self.rng.random() < 0.5:
            log.note(self._at(self.now), agent, texts.note_repro(brief.topic, self.values))
        self._solve(agent)

    def _raise_level(self, agent: str) -> str:
        """L2: support keeps most, the SE on this week's rotation takes some."""
        log = self.log
        at = self._at(self.now)
        changes: dict = {"level": Level.L2}
        to = agent
        if self.rng.random() < 0.4:
            week = datetime.fromtimestamp(self.now, UTC).isocalendar().week
            to = SOLUTIONS[week % len(SOLUTIONS)]
            changes["assignee"] = to
        log.update(at, agent, **changes)
        log.note(
            at,
            agent,
            texts.note_level_up(self.rng, to=None if to == agent else self._agent_name(to)),
        )
        if to != agent:
            self._at(self._working(to, self.now, 90))
        return to

    def _product_bug(self, agent: str) -> None:
        log, brief = self.log, self.brief
        number, fixed_at = self.bugs.report(brief.topic.key, self.now)
        self.values["bug"] = f"ENG-{number}"
        at = self._at(self._working(agent, self.now, 45))
        if brief.priority in (Priority.URGENT, Priority.HIGH) and agent in SUPPORT:
            agent, at = self._hand_off_if_shift_ends(agent, at)
        changes: dict = {
            "cause": Cause.PRODUCT_BUG,
            "bug_url": texts.bug_url(number),
            "tags": sorted(set(log.tags) | {"regression"}) if self.rng.random() < 0.3 else log.tags,
        }
        if brief.level == Level.ENGINEERING:
            changes["level"] = Level.ENGINEERING
        log.note(at, agent, texts.note_bug_filed(brief.topic, self.values, log.subject))
        log.update(at, agent, **changes)
        log.reply(
            at,
            agent,
            texts.bug_acknowledged(brief.topic, self.values, **self._reply_kwargs(agent)),
            status=Status.ON_HOLD,
        )
        if brief.level == Level.ENGINEERING:
            engineer = ENGINEERS[number % len(ENGINEERS)]
            t = self._working(engineer, max(self.now, fixed_at - DAY), 60)
            log.note(self._at(t), engineer, texts.note_bug_fixed(self.values))
        at = self._at(self._working(agent, max(self.now, fixed_at), 60))
        log.reply(
            at,
            agent,
            texts.bug_fixed(self.values, **self._reply_kwargs(agent)),
            status=Status.SOLVED,
        )

    def _hand_off_if_shift_ends(self, agent: str, at: datetime) -> tuple[str, datetime]:
        """Urgent work does not wait for the same person to wake up."""
        calendar = self.world.calendars[agent]
        end = calendar.shift_end(self.now)
        if self.now + 2 * HOUR < end:
            return agent, at
        other = self._on_shift(end, exclude=agent)
        handoff_at = self._at(max(self.now, end - 600))
        self.log.note(
            handoff_at,
            agent,
            texts.note_handoff(
                to=self._agent_name(other),
                done=texts.note_repro(self.brief.topic, self.values),
                next_step="file the bug, link it here and tell the customer.",
            ),
        )
        self.log.update(handoff_at, agent, assignee=other)
        return other, self._at(self._working(other, end, 30))

    def _solve(self, agent: str, mean_minutes: float = 40, again: bool = False) -> None:
        """Answer and solve; a second answer after "still failing" keeps the first cause."""
        log, brief = self.log, self.brief
        at = self._at(self._working(agent, self.now, mean_minutes) if mean_minutes else self.now)
        cause = log.cause or brief.cause
        log.update(at, agent, cause=cause)
        log.reply(
            at,
            agent,
            texts.solution(
                brief.topic,
                self.values,
                cause=cause,
                skill=self.contact.skill,
                again=again,
                **self._reply_kwargs(agent),
            ),
            status=Status.SOLVED,
        )

    def _after_solved(self) -> None:
        log = self.log
        if log.status != Status.SOLVED:
            return
        roll = self.rng.random()
        if roll < 0.18:
            # "Thanks, that worked": the reply opens the ticket again; solve it once more.
            log.receive(
                self._at(self._customer_time(self.now, 2)),
                self.contact.email,
                texts.customer_thanks(self.rng, name=self.contact.name),
            )
            agent = log.assignee
            log.update(self._at(self._working(agent, self.now, 60)), agent, status=Status.SOLVED)
        elif roll < 0.23:
            log.receive(
                self._at(self._customer_time(self.now, 4)),
                self.contact.email,
                texts.customer_still_failing(self.rng, self.values, name=self.contact.name),
            )
            self._solve(log.assignee, again=True)
        if log.status == Status.SOLVED and self.rng.random() < (
            0.08 if log.cause == Cause.PRODUCT_BUG else 0.025
        ):
            # The lead reads the week's solved tickets and picks some for the lightning talks.
            lead = LEADS[0]
            log.update(self._at(self._working(lead, self.now, 600)), lead, interesting=True)
        closer = log.assignee
        solved = log.solved_at.timestamp()
        at = self.world.calendars[closer].next_working(max(self.now, solved + CLOSE_AFTER))
        log.update(self._at(at), closer, status=Status.CLOSED)
