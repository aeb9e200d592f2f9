"""Questions to a user group in the team channel: recorded once, answered in thread, counted."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from sunrelay.desk.models import Ticket
from sunrelay.slack import team_questions
from sunrelay.slack.client import installation
from sunrelay.slack.models import RawEvent, RawState, TeamQuestion
from tests.slack.conftest import run_worker, send_event
from tests.slack.fake_slack import user

TEAM = "C0TEAM001"


def _msg(text, ts, user_id, **more):
    return {"type": "message", "channel": TEAM, "user": user_id, "text": text, "ts": ts,
            "event_ts": ts, **more}  # fmt: skip


def test_a_group_question_is_recorded_answered_and_counted(client, installed, fake, lead):
    installation().__class__.objects.filter(pk=1).update(team_channel=TEAM)
    fake.users["USDR"] = user("USDR", "Sid Sales", "sid@sunrelay.test")
    now = timezone.now().timestamp()
    asked, answered = f"{now - 3600:.6f}", f"{now - 1800:.6f}"
    text = "<!subteam^S0CESDR|@ce-sdr> does Acme's plan include vector tiles?"
    send_event(client, _msg(text, asked, "USDR"), "Ev1")
    send_event(client, _msg("Yes, since March.", answered, "UALBA", thread_ts=asked), "Ev2")
    send_event(client, _msg("Thanks!", f"{now - 60:.6f}", "USDR", thread_ts=asked), "Ev3")
    send_event(client, _msg("Lunch anyone?", f"{now - 30:.6f}", "USDR"), "Ev4")
    run_worker()
    question = TeamQuestion.objects.get()
    assert (question.group_id, question.group_name) == ("S0CESDR", "ce-sdr")
    assert question.answers == 1 and question.first_answer_by.user_id == "UALBA"
    assert not Ticket.objects.exists()
    assert RawEvent.objects.filter(state=RawState.PROCESSED).count() == 2  # question, answer
    this, before = team_questions.by_period(timezone.now())
    assert (this.asked, this.answered, before.asked) == (1, 1, 0)
    assert abs(this.median_first_answer - timedelta(minutes=30)) < timedelta(seconds=2)
    assert this.sentence() == "1 asked, 1 answered (100 %), first answer after 0 h 30 min (median)"
    client.force_login(lead)
    page = client.get("/desk/settings/slack/").content.decode()
    assert "1 asked, 1 answered (100 %)" in page and "@ce-sdr" in page
