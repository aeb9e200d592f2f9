"""The demo's provisioned people: New York's support engineers, once, in their group."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sunrelay.sso.models import GroupMember, Identity, Source
from tests.demo.conftest import SMALL_ARGS

pytestmark = pytest.mark.django_db


def test_the_demo_provisions_new_yorks_support_engineers_once():
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    identities = Identity.objects.all()
    assert identities.exists()
    assert {i.source for i in identities} == {Source.SCIM}
    assert identities.exclude(last_sign_in=None).count() == 1
    assert GroupMember.objects.count() == identities.count()
    count = identities.count()
    call_command("demo", *SMALL_ARGS, "--quiet", stdout=StringIO())
    assert Identity.objects.count() == count
