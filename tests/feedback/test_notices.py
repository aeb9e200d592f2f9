from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunrelay.feedback import imports, notices, services
from sunrelay.feedback.models import FeedbackItem, NoticeState, ShippedNotice
from sunrelay.mail.models import Outbox, OutboxKind


def _items(people, contacts, theme):
    for name in ("ana", "ana", "olaf"):
        services.capture(
            people["alba"], quote=f"{name} wants offline", contact=contacts[name], theme=theme
        )


def test_shipping_drafts_and_sending_queues_one_mail_per_contact(people, contacts, theme):
    _items(people, contacts, theme)
    services.set_status(people["alba"], theme, "shipped")
    notice = ShippedNotice.objects.get(theme=theme)
    assert notice.state == NoticeState.DRAFT and not Outbox.objects.exists()
    count = notices.send(
        people["lucia"], notice, subject="Shipped: $theme", body="Hello $name: $quote"
    )
    assert count == 2
    mails = {tuple(m.to): m for m in Outbox.objects.filter(kind=OutboxKind.NOTICE)}
    assert mails[("ana@ownco.test",)].subject == "Shipped: Offline maps"
    assert mails[("ana@ownco.test",)].body_text.startswith("Hello Ana: ana wants offline")
    notice.refresh_from_db()
    assert notice.state == NoticeState.SENT and notice.reviewed_by == people["lucia"]
    with pytest.raises(ValidationError, match="already sent"):
        notices.send(people["lucia"], notice, subject="x", body="y")


def test_only_leads_send_and_only_shipped_themes(people, contacts, theme):
    _items(people, contacts, theme)
    notice = notices.draft(theme)
    with pytest.raises(PermissionDenied):
        notices.send(people["alba"], notice, subject="s", body="b")
    with pytest.raises(ValidationError, match="shipped"):
        notices.send(people["lucia"], notice, subject="s", body="b")
    assert not Outbox.objects.exists()


CSV = """quote,account,contact,importance,theme
Offline tiles please,Ownco Maps,ana@ownco.test,critical,Offline maps
Dark basemap,,,Nice to have,
"""


def test_csv_import_takes_all_rows_or_none(people, contacts, theme):
    assert imports.import_csv(people["alba"], CSV) == 2
    first = FeedbackItem.objects.get(quote="Offline tiles please")
    assert (first.contact, first.theme, first.importance) == (contacts["ana"], theme, "critical")
    bad = CSV + "More,Nowhere Inc,,urgent,\n"
    with pytest.raises(ValidationError) as refused:
        imports.import_csv(people["alba"], bad)
    assert "line 4: no account 'Nowhere Inc'; importance 'urgent'" in str(refused.value)
    assert FeedbackItem.objects.count() == 2


def test_csv_import_needs_a_quote_column(people):
    with pytest.raises(ValidationError, match="quote"):
        imports.import_csv(people["alba"], "text\nhello\n")
