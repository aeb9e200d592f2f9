"""The feedback loop through the API: suggestions listed, accepted and rejected; a theme
shipped; its notice read and sent by a lead, one e-mail per contact in the outbox."""

from __future__ import annotations

from sunrelay.feedback import services
from sunrelay.feedback.models import FeedbackItem, Suggestion, SuggestionState
from sunrelay.mail.models import Outbox, OutboxKind

OFFLINE = [
    "We need offline maps for the field crews without signal.",
    "Offline maps please, our field crews have no signal.",
    "Download offline maps for crews in the field with no signal.",
]


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_suggestions_are_listed_accepted_and_rejected(client, people, contacts, theme):
    alba = people["alba"]
    for quote in OFFLINE[:2]:
        services.capture(alba, quote=quote, contact=contacts["olaf"], theme=theme)
    loose = services.capture(alba, quote=OFFLINE[2], contact=contacts["ana"])
    for quote in ("Invoices show the wrong VAT.", "The VAT on our invoices is wrong twice."):
        services.capture(alba, quote=quote, contact=contacts["sue"])
    client.force_login(alba)
    assert post(client, "/api/v1/themes/suggestions/refresh").json()["suggestions"] >= 3
    listed = client.get("/api/v1/themes/suggestions").json()
    ours = next(s for s in listed["items"] if s["item"]["id"] == loose.pk)
    assert ours["theme"] == {"id": theme.pk, "name": "Offline maps"}
    assert ours["item"]["account"]["name"] == "Ownco Maps" and ours["state"] == "pending"
    accepted = post(client, f"/api/v1/themes/suggestions/{ours['id']}/accept")
    assert accepted.status_code == 200 and accepted.json()["state"] == "accepted"
    assert FeedbackItem.objects.get(pk=loose.pk).theme_id == theme.pk
    again = post(client, f"/api/v1/themes/suggestions/{ours['id']}/reject")
    assert again.status_code == 422 and "already decided" in again.content.decode()

    new = next(s for s in client.get("/api/v1/themes/suggestions").json()["items"])
    assert new["theme"] is None and new["proposed_name"]
    rejected = post(client, f"/api/v1/themes/suggestions/{new['id']}/reject")
    assert rejected.json()["state"] == "rejected"
    assert Suggestion.objects.get(pk=new["id"]).state == SuggestionState.REJECTED


def test_sales_and_people_without_a_role_get_no_suggestions(client, people, contacts):
    client.force_login(people["sam"])
    answer = client.get("/api/v1/themes/suggestions")
    assert answer.status_code == 403 and "Only people who work tickets" in answer.json()["detail"]


def test_a_theme_ships_and_the_lead_sends_its_notice(client, people, contacts, theme):
    for contact in contacts.values():
        services.capture(people["alba"], quote=f"Offline, says {contact.name}", contact=contact,
                         theme=theme)  # fmt: skip
    client.force_login(people["alba"])
    assert client.get(f"/api/v1/themes/{theme.pk}/notice").status_code == 403
    shipped = post(client, f"/api/v1/themes/{theme.pk}/status", {"status": "shipped"})
    assert shipped.json()["status"] == "shipped" and shipped.json()["shipped_at"]

    client.force_login(people["lucia"])
    draft = client.get(f"/api/v1/themes/{theme.pk}/notice").json()
    assert draft["state"] == "draft" and draft["subject"] == "Shipped: $theme"
    assert sorted(r["email"] for r in draft["recipients"]) == [
        "ana@ownco.test", "olaf@otherco.test", "sue@smallco.test",
    ]  # fmt: skip
    empty = post(client, f"/api/v1/themes/{theme.pk}/notice/send", {"subject": "", "body": "x"})
    assert empty.status_code == 422 and not Outbox.objects.exists()
    sent = post(
        client,
        f"/api/v1/themes/{theme.pk}/notice/send",
        {"subject": "Shipped: $theme", "body": "Hello $name, you said: $quote"},
    )
    assert sent.json() == {"queued": 3}
    ana = Outbox.objects.get(kind=OutboxKind.NOTICE, to=["ana@ownco.test"])
    assert ana.subject == "Shipped: Offline maps" and "Offline, says Ana" in ana.body_text
    after = client.get(f"/api/v1/themes/{theme.pk}/notice").json()
    assert after["state"] == "sent" and after["recipients"] == [] and len(after["sent_to"]) == 3
    twice = post(client, f"/api/v1/themes/{theme.pk}/notice/send", {"subject": "s", "body": "b"})
    assert twice.status_code == 422 and "already sent" in twice.content.decode()
    assert Outbox.objects.filter(kind=OutboxKind.NOTICE).count() == 3


def test_a_theme_not_shipped_has_no_notice(client, people, theme):
    client.force_login(people["lucia"])
    assert client.get(f"/api/v1/themes/{theme.pk}/notice").status_code == 404
    bad = post(client, f"/api/v1/themes/{theme.pk}/status", {"status": "gone"})
    assert bad.status_code == 422
