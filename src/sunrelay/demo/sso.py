"""The demo's single sign-on: the support engineers of New York came in through SCIM
provisioning from the company's identity provider (their group, support-engineers, as a
provider pushes it), and one of them has signed in with OpenID Connect since. The demo
configures no provider: the leads' page shows how the door would look (docs/sso.md).
Created once (skipped when an identity exists)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from sunrelay.sso.models import GroupMember, Identity, Source
from sunrelay.team.models import Role

GROUP = "support-engineers"  # the docs' example mapping: support-engineers=support
DEMO_ISSUER = "https://id.example.com/realms/sunrelay"


def load_sso(created: Counter) -> None:
    if Identity.objects.exists():
        return
    people = list(
        User.objects.filter(
            is_superuser=False,
            staff_roles__role=Role.SUPPORT,
            staff_profile__time_zone="America/New_York",
        )
        .distinct()
        .order_by("id")
    )
    now = timezone.now()
    for n, user in enumerate(people):
        signed_in = n == 0
        Identity.objects.create(
            user=user,
            source=Source.SCIM,
            external_id=f"00u{user.pk:08d}demo",
            issuer=DEMO_ISSUER if signed_in else "",
            subject=f"demo-subject-{user.pk}" if signed_in else "",
            last_sign_in=now - timedelta(hours=3) if signed_in else None,
        )
        GroupMember.objects.create(user=user, group=GROUP)
    created["provisioned people"] += len(people)
