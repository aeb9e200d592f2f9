from __future__ import annotations

from django.urls import reverse

from sunrelay.feedback import services, shares, suggestions
from sunrelay.feedback.models import FeedbackItem, ShippedNotice, Suggestion
from sunrelay.mail.models import Outbox


def test_the_pages_show_themes_items_and_suggestions(client, people, contacts, theme):
    services.capture(
        people["alba"], quote="Offline maps, please", contact=contacts["ana"], theme=theme
    )
    services.capture(people["alba"], quote="Offline maps on mobile", contact=contacts["olaf"])
    suggestions.refresh()
    client.force_login(people["alba"])
    page = client.get(reverse("feedback:themes")).content.decode()
    assert "1 account, $30,000 MRR, 1 of them Enterprise" in page
    assert "Offline maps, please" in client.get(reverse("feedback:items")).content.decode()
    assert "Offline maps on mobile" in client.get(reverse("feedback:suggestions")).content.decode()
    suggestion = Suggestion.objects.get()
    client.post(reverse("feedback:decide", args=[suggestion.pk]), {"decision": "accept"})
    assert theme.items.count() == 2


def test_capture_refused_keeps_the_words(client, people):
    client.force_login(people["alba"])
    answer = client.post(reverse("feedback:capture"), {"quote": " ", "importance": "urgent"})
    assert answer.status_code == 422
    assert not FeedbackItem.objects.exists()


def test_shipping_and_reviewing_the_notice_from_the_page(client, people, contacts, theme):
    services.capture(people["alba"], quote="Offline", contact=contacts["ana"], theme=theme)
    client.force_login(people["alba"])
    client.post(reverse("feedback:status", args=[theme.pk]), {"status": "shipped"})
    assert ShippedNotice.objects.filter(theme=theme).exists()
    assert (
        "Send the notice"
        not in client.get(reverse("feedback:theme", args=[theme.pk])).content.decode()
    )
    client.force_login(people["lucia"])
    page = client.get(reverse("feedback:theme", args=[theme.pk])).content.decode()
    assert "ana@ownco.test" in page and "Send the notice" in page
    answer = client.post(
        reverse("feedback:notice", args=[theme.pk]),
        {"subject": "Shipped: $theme", "body": "Hi $name"},
    )
    assert answer.status_code == 302
    assert Outbox.objects.get().subject == "Shipped: Offline maps"


def test_the_share_page_needs_no_log_in_and_names_nobody(client, people, contacts, theme):
    services.capture(people["alba"], quote="Secret words", contact=contacts["ana"], theme=theme)
    link = shares.make(people["lucia"])
    page = client.get(reverse("feedback_shared:themes", args=[link.token])).content.decode()
    assert "Offline maps" in page and "Secret words" not in page and "Ownco" not in page
    shares.revoke(people["lucia"], link)
    assert client.get(reverse("feedback_shared:themes", args=[link.token])).status_code == 404


def test_exports(client, people, theme):
    client.force_login(people["sam"])
    assert client.get(reverse("feedback:export", args=["csv"])).content.startswith(b"theme,")
    assert (
        client.get(reverse("feedback:export", args=["json"])).json()["themes"][0]["theme"]
        == "Offline maps"
    )
    assert client.get(reverse("feedback:export", args=["xml"])).status_code == 404
