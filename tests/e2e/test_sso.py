"""Single sign-on in a real browser against a real OpenID provider (django-oauth-toolkit on a
loopback port, tests/sso/provider): a lead signs in for the first time and arrives with the
roles of their group, finds themselves on the single sign-on page, logs out and is logged out
at the provider too; an unverified address is refused in words; with passwords off, only the
break-glass user's password opens the door."""

from __future__ import annotations

import re

import pytest
import requests
from django.contrib.auth.models import User

from sunrelay.team.models import StaffRole
from tests.e2e.conftest import SCREENSHOTS, SERVING
from tests.e2e.test_workspace import expect, log_out, ready
from tests.factories import make_staff
from tests.sso.provider.running import PASSWORD, config, provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def issuer(live_server):
    with provider([f"{live_server.url}/sso/callback/"], [f"{live_server.url}/login/"]) as url:
        # The live server's first answer loads every app's URLs and templates: on a busy
        # machine that alone can outlast the browser's timeout.
        requests.get(f"{live_server.url}/login/", timeout=120)
        yield url


@pytest.fixture(autouse=True)
def sso(settings, issuer):
    settings.SSO = config(issuer)


def at_provider(page, username: str) -> None:
    expect(page.get_by_role("heading", name="Test identity provider")).to_be_visible()
    page.get_by_label("Provider user name").fill(username)
    page.get_by_label("Provider password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in at the provider").click()


def sign_in(page, username: str) -> None:
    page.goto("/login/")
    page.get_by_role("link", name="Sign in with Test IdP").click()
    at_provider(page, username)


def test_a_lead_signs_in_at_the_provider_and_logs_out_of_both(page, live_server):
    sign_in(page, "ada")
    expect(page).to_have_url(f"{live_server.url}/desk/")
    ready(page)
    expect(page.locator("#account-nav")).to_contain_text("Ada")
    with SERVING.exclusive():
        ada = User.objects.get(email="ada@example.test")
        assert set(StaffRole.objects.filter(user=ada).values_list("role", flat=True)) == {
            "lead",
            "support",
        }
    page.locator("summary", has_text="More").click()
    page.get_by_role("link", name="Single sign-on").click()
    expect(page.get_by_role("heading", name="Single sign-on")).to_be_visible()
    row = page.get_by_role("row", name="ada@example.test")
    expect(row).to_contain_text("OpenID Connect log-in")
    expect(row).to_contain_text("Support lead")
    page.screenshot(path=str(SCREENSHOTS / "sso-status.png"), full_page=True)

    page.get_by_role("button", name="Log out").click()
    # Through the provider's end-session endpoint and back (with the logout's state).
    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server.url)}/login/"))
    # Logged out at the provider too: signing in again asks for the password there.
    page.get_by_role("link", name="Sign in with Test IdP").click()
    at_provider(page, "ada")
    expect(page).to_have_url(f"{live_server.url}/desk/")
    log_out(page)


def test_first_sign_in_without_a_mapped_group_has_no_role_yet(page):
    sign_in(page, "ben")
    expect(page.get_by_text("Your log-in has no role in Sunrelay yet")).to_be_visible()
    log_out(page)


def test_an_unverified_address_is_refused_in_words(page):
    sign_in(page, "una")
    expect(page.get_by_role("alert")).to_contain_text("not verified at the identity provider")
    with SERVING.exclusive():
        assert not User.objects.filter(email="una@example.test").exists()


def test_with_passwords_off_only_the_break_glass_user_logs_in_with_one(page, settings, issuer):
    settings.SSO = config(issuer, password_login=False, break_glass=("root",))
    with SERVING.exclusive():
        for name in ("root", "alba"):
            user = make_staff(name, roles=["support"], first_name=name.capitalize())
            user.set_password("pw-e2e-1234")
            user.save()
    for name, refused in (("alba", True), ("root", False)):
        page.goto("/login/")
        page.get_by_text("Break-glass log-in with a password").click()
        page.get_by_label("User name").fill(name)
        page.get_by_label("Password").fill("pw-e2e-1234")
        page.get_by_role("button", name="Log in").click()
        if refused:
            expect(page.get_by_role("alert")).to_contain_text(
                "Passwords are turned off here: sign in with Test IdP"
            )
        else:
            ready(page)
            expect(page.locator("#account-nav")).to_contain_text("Root")
    log_out(page)
