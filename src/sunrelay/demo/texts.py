"""Subjects and message bodies for the demo tickets, written for the reader's skill level."""

from __future__ import annotations

import random

from sunrelay.accounts.models import SkillLevel
from sunrelay.demo.topics import Topic
from sunrelay.desk.models import Channel, Priority

DOCS_URL = "https://docs.example.test"
TRACKER_URL = "https://github.com/sunrelay-demo/maps"

_PLACES = (
    ("Hamburg", "Germany"),
    ("São Paulo", "Brazil"),
    ("Osaka", "Japan"),
    ("Sevilla", "Spain"),
    ("Guadalajara", "Mexico"),
    ("Pune", "India"),
    ("Calgary", "Canada"),
    ("Nairobi", "Kenya"),
    ("Lyon", "France"),
    ("Rotterdam", "the Netherlands"),
    ("Melbourne", "Australia"),
)
_LAYERS = (
    "parcels",
    "delivery_zones",
    "store_locations",
    "sensor_readings",
    "census_tracts",
    "pipelines",
    "bike_lanes",
    "flood_zones",
    "cell_towers",
    "service_areas",
)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_VERSIONS = ("3.1", "3.2", "3.2.1", "3.3", "4.0")


def fill_values(rng: random.Random, topic: Topic) -> dict[str, str]:
    version = rng.choice(_VERSIONS)
    city, country = rng.choice(_PLACES)
    return {
        "version": version,
        "version_next": f"{version.split('.')[0]}.{int(version.split('.')[1]) + 1}.{rng.randint(0, 3)}",
        "zoom": str(rng.randint(11, 18)),
        "row": f"{rng.randint(2, 48000):,}",
        "n": rng.choice(("12,000", "48,500", "85,000", "250,000", "1.2 million", "3 million")),
        "layer": rng.choice(_LAYERS),
        "browser": rng.choice(("Chrome 131", "Firefox 133", "Safari 18", "Edge 131")),
        "seconds": str(rng.randint(8, 45)),
        "fmt": rng.choice(("GeoPackage", "Shapefile", "CSV", "GeoJSON", "KML", "FlatGeobuf")),
        "city": city,
        "country": country,
        "request_id": f"req_{rng.getrandbits(48):012x}",
        "weekday": rng.choice(_WEEKDAYS),
        "month": rng.choice(_MONTHS),
        "bug": "",
        "docs": f"{DOCS_URL}/{topic.key}",
    }


def subject(rng: random.Random, topic: Topic, values: dict[str, str], channel: str) -> str:
    text = rng.choice(topic.subjects).format(**values)
    if channel == Channel.MAILING_LIST:
        return f"[users] {text}"
    return text


_GREETINGS = ("Hi,", "Hello,", "Hi there,", "Hello support team,", "Good morning,", "Hi team,")
_BEGINNER = (
    "I'm not a developer, so apologies if this is something obvious on my side. I followed the getting-started guide step by step.",
    "I don't know SQL or JavaScript, I mostly use the dashboard. Could you tell me exactly where to click?",
    "The person who set this up for us has left the company, so I'm a bit lost.",
)
_URGENCY = {
    Priority.URGENT: "This is blocking our production service for all our users right now. Please treat it as urgent.",
    Priority.HIGH: "We have a customer demo on {weekday}, so a quick answer would help a lot.",
}
_CHANNEL_PREFIX = {
    Channel.QA_SITE: "(Posted on the public Q&A site under the product tag.)\n\n",
    Channel.API: "(Sent through the support API from our internal tooling.)\n\n",
    Channel.MAILING_LIST: "(From the users mailing list.)\n\n",
}


def first_message(rng, topic, values, *, skill, priority, channel, name, company) -> str:
    parts = [rng.choice(_GREETINGS), topic.symptom.format(**values)]
    if skill == SkillLevel.BEGINNER:
        parts.append(rng.choice(_BEGINNER))
    elif skill == SkillLevel.INTERMEDIATE:
        parts.append("Steps to reproduce:\n" + topic.steps.format(**values))
    else:
        parts.append(topic.detail.format(**values))
        parts.append(f"Request id: {values['request_id']}. Happy to share more logs.")
    if priority in _URGENCY:
        parts.append(_URGENCY[priority].format(**values))
    parts.append(f"Thanks,\n{name}\n{company}")
    return _CHANNEL_PREFIX.get(channel, "") + "\n\n".join(parts)


_ASK_STYLE = {
    SkillLevel.BEGINNER: "If that's hard to find, a screenshot of the page is enough and I'll take it from there.",
    SkillLevel.INTERMEDIATE: "A screenshot of the browser's network tab would also help.",
    SkillLevel.ADVANCED: "If you can, include the request id and the full response body (a HAR file is ideal).",
}
_THANKS = {
    SkillLevel.BEGINNER: "Thanks for getting in touch, happy to help with this.",
    SkillLevel.INTERMEDIATE: "Thanks for the steps, that helps.",
    SkillLevel.ADVANCED: "Thanks for the detailed report and the logs.",
}


def _reply(first_name: str, body: str, agent: str) -> str:
    return f"Hi {first_name},\n\n{body}\n\nBest,\n{agent}"


def ask_for_details(topic, values, *, skill, first_name, agent) -> str:
    body = f"{_THANKS[skill]}\n\n{topic.ask.format(**values)} {_ASK_STYLE[skill]}"
    return _reply(first_name, body, agent)


def provide_details(rng, topic, values, *, name) -> str:
    opener = rng.choice(("Sure.", "Thanks for the quick answer.", "Of course.", "Hi again,"))
    return f"{opener} {topic.provide.format(**values)}\n\n{name}"


def acknowledge(rng, *, first_name, agent) -> str:
    body = rng.choice(
        (
            "Thanks, I have everything I need. I'm reproducing it now and will get back to you.",
            "Got it, thank you. I'm looking into this now.",
            "Thanks! I'm checking this with our logs and will come back to you shortly.",
        )
    )
    return _reply(first_name, body, agent)


_HOW_TO = {
    SkillLevel.BEGINNER: "If you'd like, we can do it together on a short call; just reply with a time that suits you.",
    SkillLevel.INTERMEDIATE: "Let me know if anything in there is unclear.",
    SkillLevel.ADVANCED: "Happy to look at the result if you send me the new request id.",
}


def solution(topic, values, *, cause, skill, first_name, agent, again=False) -> str:
    """The answer that solves the ticket; `again` after the customer said it still fails."""
    if cause == "question":
        body = f"{topic.answer.format(**values)}\n\nMore in the guide: {values['docs']}"
    elif cause == "feature_request":
        body = (
            f"That isn't possible today: {topic.feature} is not supported yet. I've logged it "
            "with the product team as a feature request, with your use case and account "
            "attached, so it counts when they plan the next quarter."
        )
    elif cause == "product_bug":
        body = (
            f"The fix for {values['bug']} reached your region a few hours after my last "
            "message. It is live everywhere now and the same steps work on our side."
        )
    else:
        body = topic.fix.format(**values)
    if again:
        body = f"Sorry that didn't do it. I looked again with your latest details:\n\n{body}"
    return _reply(first_name, f"{body}\n\n{_HOW_TO[skill]}", agent)


def bug_acknowledged(topic, values, *, first_name, agent) -> str:
    body = (
        f"I could reproduce it, and it is a bug on our side. I've reported it to engineering "
        f"as {values['bug']} and linked it to this ticket; I'll write again as soon as the fix "
        f"is deployed.\n\nIn the meantime: {topic.workaround.format(**values)}"
    )
    return _reply(first_name, body, agent)


def bug_fixed(values, *, first_name, agent) -> str:
    body = (
        f"Good news: the fix for {values['bug']} was deployed today in v{values['version_next']}. "
        "Could you try again and let me know if everything works on your side?"
    )
    return _reply(first_name, body, agent)


def check_in(rng, *, first_name, agent) -> str:
    body = rng.choice(
        (
            "Just checking in: were you able to try the suggestion above?",
            "Following up on this one. Is it still happening for you?",
        )
    )
    return _reply(first_name, body, agent)


def closing_for_now(*, first_name, agent) -> str:
    body = (
        "As I haven't heard back, I'm marking this ticket solved for now. Just reply to this "
        "e-mail and it opens again with the whole history."
    )
    return _reply(first_name, body, agent)


def customer_thanks(rng, *, name) -> str:
    text = rng.choice(
        (
            "That fixed it, thank you!",
            "Works now. Thanks a lot for the quick help.",
            "Perfect, that was it. Thanks!",
            "Confirmed, all good on our side now. Thanks for the clear explanation.",
        )
    )
    return f"{text}\n\n{name}"


def customer_still_failing(rng, values, *, name) -> str:
    text = rng.choice(
        (
            "I tried that but it's still failing with the same error.",
            f"Still not working, unfortunately. New request id {values['request_id']}.",
        )
    )
    return f"{text}\n\n{name}"


def note_repro(topic, values) -> str:
    return topic.repro.format(**values)


def note_bug_filed(topic, values, subject_line: str) -> str:
    return f"Filed {values['bug']}: {subject_line}. {topic.repro.format(**values)} Steps are in the bug."


def note_bug_fixed(values) -> str:
    return (
        f"{values['bug']} is fixed and merged; it goes out with v{values['version_next']} "
        f"on {values['weekday']}."
    )


_LEVEL_UP_REASONS = (
    "needs a closer look at their setup than L1 can give.",
    "involves their own integration code; needs someone who can read it.",
    "needs the query plan from the database side.",
    "might be a regression; needs a deeper look before we answer.",
)


def note_level_up(rng, *, to: str | None) -> str:
    """`to` is the new owner (the SE on this week's L2 rotation), None when support keeps it."""
    reason = rng.choice(_LEVEL_UP_REASONS)
    if to is None:
        return f"Moving to L2, keeping it myself: {reason}"
    return f"Moving to L2, over to {to} (on the L2 rotation this week): {reason}"


def note_handoff(*, to: str, done: str, next_step: str) -> str:
    return f"Handoff to {to} at the end of my shift. Done: {done} Next: {next_step}"


def note_pickup(*, previous: str) -> str:
    return f"Picking this up from {previous} (follow-the-sun): the customer wrote back after {previous}'s shift ended."


def note_account_context(*, account: str, ref: str, tier: str, mrr: str) -> str:
    return (
        "Support ticket context\n"
        f"Customer name: {account}\n"
        f"Link to issue: {ref}\n"
        f"Background information: {tier} account, MRR {mrr}. They rely on this for a "
        "customer-facing product; their team lead is in copy on most threads. Please keep "
        "me posted before answering anything that touches the roadmap."
    )


def note_priority(raised: bool) -> str:
    if raised:
        return "Raising priority: this blocks their production service."
    return "Lowering priority: there is a workaround and they confirmed it is fine for now."


def bug_url(number: int) -> str:
    # GitHub issues, so the integrations app links them (docs/integrations.md).
    return f"{TRACKER_URL}/issues/{number}"
