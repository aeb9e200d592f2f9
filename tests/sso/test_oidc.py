"""OpenID Connect log-in against a real provider (django-oauth-toolkit on a loopback port):
discovery, the code flow with PKCE, the ID token's checks, who is let in and with which
roles, and logout at the provider."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User

from sunrelay.sso.models import Identity, Source
from sunrelay.team.models import StaffRole
from tests.factories import make_staff
from tests.sso.provider.running import config
from tests.sso.signing_in import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sso(settings, issuer):
    settings.SSO = config(issuer)
    return settings.SSO


def roles(user) -> set[str]:
    return set(StaffRole.objects.filter(user=user).values_list("role", flat=True))


def test_it_sends_the_browser_to_the_providers_authorize_endpoint_with_pkce(client, issuer):
    answer = client.get("/sso/login/")
    url = urlsplit(answer["Location"])
    query = parse_qs(url.query)
    assert answer["Location"].startswith(f"{issuer}/authorize/")
    assert query["client_id"] == ["sunrelay-desk"]
    assert query["scope"] == ["openid email profile"]
    assert query["code_challenge_method"] == ["S256"]
    assert query["redirect_uri"] == ["http://testserver/sso/callback/"]
    assert query["state"] and query["nonce"]


def test_it_creates_a_user_at_first_sign_in_with_the_roles_of_their_groups(client):
    answer = sign_in(client, "ada", next_url="/desk/reports/")
    assert answer.status_code == 302
    assert answer["Location"] == "/desk/reports/"
    ada = User.objects.get(email="ada@example.test")
    assert ada.username == "ada"
    assert ada.first_name == "Ada"
    assert not ada.has_usable_password()
    assert roles(ada) == {"lead", "support"}
    identity = Identity.objects.get(user=ada)
    assert identity.source == Source.OIDC and identity.subject
    assert client.get("/desk/settings/sso/").status_code == 200  # a lead's page


def test_it_never_sends_anyone_elsewhere_after_signing_in(client):
    answer = sign_in(client, "ben", next_url="https://evil.example/desk/")
    assert answer["Location"] == "/desk/"


def test_it_creates_a_user_with_no_role_when_no_group_maps(client):
    sign_in(client, "ben")
    ben = User.objects.get(email="ben@example.test")
    assert roles(ben) == set()
    assert client.get("/desk/").status_code == 403  # in, but a lead must grant a role


def test_it_matches_an_existing_user_by_verified_email_in_any_case(client):
    sam = make_staff("samuel", roles=["sales"])
    sam.email = "sam@example.test"
    sam.save()
    sign_in(client, "sam")
    assert User.objects.filter(email__iexact="sam@example.test").count() == 1
    # The group grants support; sales is outside the mapping and stays the lead's business.
    assert roles(sam) == {"sales", "support"}
    assert Identity.objects.get(user=sam).subject


def test_the_mapped_roles_follow_the_groups_at_every_sign_in(client, settings, sso, issuer):
    sign_in(client, "ada")
    ada = User.objects.get(username="ada")
    StaffRole.objects.create(user=ada, role="sales")  # granted by a lead: outside the mapping
    # Leads no longer lead: only the admins' group does, and Ada is not in it.
    settings.SSO = config(issuer, group_roles={"leads": ("support",), "admins": ("lead",)})
    client.logout()
    sign_in(client, "ada")
    assert roles(ada) == {"support", "sales"}


def test_it_refuses_an_unverified_email_in_words(client):
    answer = sign_in(client, "una")
    assert answer.status_code == 403
    assert "not verified at the identity provider" in answer.content.decode()
    assert not User.objects.filter(email="una@example.test").exists()
    assert "_auth_user_id" not in client.session


def test_it_refuses_a_switched_off_user(client):
    sign_in(client, "ben")
    User.objects.filter(username="ben").update(is_active=False)
    client.logout()
    answer = sign_in(client, "ben")
    assert answer.status_code == 403
    assert "switched off" in answer.content.decode()


def test_it_refuses_a_callback_with_a_forged_state(client):
    client.get("/sso/login/")
    answer = client.get("/sso/callback/", {"code": "stolen", "state": "forged"})
    assert answer.status_code == 400
    assert "did not complete" in answer.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_shows_the_providers_refusal_in_words(client):
    client.get("/sso/login/")
    answer = client.get("/sso/callback/", {"error": "access_denied", "state": "x"})
    assert answer.status_code == 400
    assert "did not complete" in answer.content.decode()
    assert "Sign in with Test IdP" in answer.content.decode()  # to start again


def test_logout_ends_the_session_at_the_provider_too(client, issuer):
    sign_in(client, "ben")
    id_token = client.session["sso_id_token"]
    answer = client.post("/logout/")
    # A page that moves on (a refresh), not a redirect: the form's CSP allows only 'self'.
    assert answer.status_code == 200
    moving_on = re.search(r'content="0;url=([^"]+)"', answer.content.decode())
    location = html.unescape(moving_on.group(1))
    url = urlsplit(location)
    assert location.startswith(f"{issuer}/logout/")
    query = parse_qs(url.query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://testserver/login/"]
    assert "_auth_user_id" not in client.session


def test_logout_after_a_password_log_in_stays_here(client, agent):
    client.force_login(agent)
    answer = client.post("/logout/")
    assert answer["Location"] == "/login/"


def test_the_log_in_page_offers_the_provider(client):
    page = client.get("/login/").content.decode()
    assert "Sign in with Test IdP" in page
    assert 'href="/sso/login/"' in page


def test_without_a_provider_there_is_no_button_and_no_trip(client, settings):
    settings.SSO = config("", client_id="")
    assert "Sign in with" not in client.get("/login/").content.decode()
    assert client.get("/sso/login/").status_code == 404
    assert client.get("/sso/callback/").status_code == 404


@pytest.mark.parametrize("break_glass", [True, False])
def test_password_login_off_lets_only_break_glass_users_in(client, settings, issuer, break_glass):
    settings.SSO = config(issuer, password_login=False, break_glass=("root",))
    name = "root" if break_glass else "alba"
    user = make_staff(name, roles=["support"])
    user.set_password("pw-right-1234")
    user.save()
    answer = client.post("/login/", {"username": name, "password": "pw-right-1234"})
    if break_glass:
        assert answer.status_code == 302
    else:
        assert answer.status_code == 200
        assert "Passwords are turned off here: sign in with Test IdP" in answer.content.decode()
        assert "_auth_user_id" not in client.session
        # django-axes counted it like any refused password.
        assert AccessAttempt.objects.filter(username=name).exists()
