"""The demo's product feedback: the labelled sample (demo/feedback_sample.py) as items from the
accounts' contacts over the last six weeks (offline maps and SSO growing this week), two of
every three linked to their theme by Marta and the rest left to the clustering's suggestions.
Written through feedback's services; created once (skipped when items exist)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.contrib.auth.models import User

from sunrelay.accounts.models import Contact
from sunrelay.demo.feedback_sample import THEMES, labelled
from sunrelay.desk.models import ProductArea
from sunrelay.feedback import services, suggestions
from sunrelay.feedback.models import FeedbackItem, Importance, Theme

LEAD = "marta"
GROWING = ("Offline maps on mobile", "Single sign-on with SAML")
IMPORTANCE = (Importance.IMPORTANT, Importance.NICE, Importance.CRITICAL)


def load_feedback(anchor, created: Counter) -> None:
    lead = User.objects.filter(username=LEAD).first()
    contacts = list(
        Contact.objects.filter(account__isnull=False).select_related("account").order_by("id")[:60]
    )
    if lead is None or not contacts or FeedbackItem.objects.exists():
        return
    themes = {}
    for name, (area, _) in THEMES.items():
        themes[name] = Theme.objects.filter(name=name).first() or services.create_theme(
            lead, name=name, product_area=ProductArea.objects.filter(slug=area).first()
        )
    seen: Counter[str] = Counter()
    for i, (quote, name) in enumerate(labelled()):
        nth = seen[name]
        seen[name] += 1
        # Growing themes get their later items this week; the rest spread over six weeks.
        days = 1 + nth % 6 if name in GROWING and nth >= 4 else 3 + (i * 5) % 40
        contact = contacts[(i * 7) % len(contacts)]
        services.capture(
            lead,
            quote=quote,
            contact=contact,
            importance=IMPORTANCE[i % len(IMPORTANCE)],
            theme=None if nth % 3 == 0 else themes[name],
            at=anchor - timedelta(days=days, hours=i % 9),
        )
        created["feedback items"] += 1
    suggestions.refresh(at=anchor)
