"""Who a single sign-on is (sso.people), from the claims alone: no provider needed."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from sunrelay.sso.people import SignInRefused, user_for
from tests.factories import make_staff
from tests.sso.provider.running import config

pytestmark = pytest.mark.django_db
ISSUER = "https://login.example.test/tenant/v2.0"


@pytest.fixture(autouse=True)
def sso(settings):
    settings.SSO = config(ISSUER)


def claims(**more) -> dict:
    return {"sub": "abc-123", "email": "eva@example.test", **more}


def test_without_email_verified_the_address_is_refused_by_default():
    with pytest.raises(SignInRefused, match="not verified"):
        user_for(claims(), ISSUER)


def test_trusted_emails_let_a_provider_without_the_claim_in(settings):
    settings.SSO = config(ISSUER, trust_emails=True)
    assert user_for(claims(), ISSUER).email == "eva@example.test"
    with pytest.raises(SignInRefused, match="not verified"):  # an explicit no stays a no
        user_for(claims(sub="other", email="x@example.test", email_verified=False), ISSUER)


def test_the_string_true_counts_as_verified():
    assert user_for(claims(email_verified="true"), ISSUER).username == "eva@example.test"


def test_the_subject_finds_the_user_after_the_address_changed():
    first = user_for(claims(email_verified=True), ISSUER)
    again = user_for(claims(email="eva.new@example.test", email_verified=True), ISSUER)
    assert again == first


def test_two_users_with_one_address_are_refused_in_words():
    for name in ("eva1", "eva2"):
        User.objects.filter(pk=make_staff(name, roles=[]).pk).update(email="EVA@example.test")
    with pytest.raises(SignInRefused, match="More than one Sunrelay user"):
        user_for(claims(email_verified=True), ISSUER)


def test_a_taken_user_name_gets_a_number():
    make_staff("Eva@example.test", roles=[])  # another person's user name, in another case
    user = user_for(claims(email_verified=True), ISSUER)
    assert user.username == "eva@example.test-2"
    assert User.objects.count() == 2


def test_no_subject_or_no_email_is_refused_in_words():
    with pytest.raises(SignInRefused, match="no subject"):
        user_for({"email": "a@example.test", "email_verified": True}, ISSUER)
    with pytest.raises(SignInRefused, match="no e-mail"):
        user_for({"sub": "q"}, ISSUER)
