"""A person's trip through the test provider, with the Django test client on Sunrelay's side
and a requests session as their browser at the provider."""

from __future__ import annotations

from urllib.parse import urlsplit

import requests

from tests.sso.provider.running import PASSWORD


def at_provider(authorize_url: str, username: str, password: str = PASSWORD) -> str:
    """Signs in at the provider; returns the URL it sends the browser back to."""
    browser = requests.Session()
    page = browser.get(authorize_url, timeout=10)  # → the provider's log-in form
    assert "Test identity provider" in page.text
    answer = browser.post(
        page.url,
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": browser.cookies["provider_csrf"],
        },
        allow_redirects=False,
        timeout=10,
    )
    # The log-in form → the authorize endpoint → (no consent: skip_authorization) → back.
    while answer.status_code == 302 and answer.headers["Location"].startswith("/"):
        answer = browser.get(
            page.url.split("/accounts")[0] + answer.headers["Location"],
            allow_redirects=False,
            timeout=10,
        )
    assert answer.status_code == 302, answer.text[:500]
    return answer.headers["Location"]


def sign_in(client, username: str, next_url: str = ""):
    """The whole trip; returns Sunrelay's answer to the callback."""
    start = client.get("/sso/login/", {"next": next_url} if next_url else {})
    assert start.status_code == 302, start.content[:300]
    back = urlsplit(at_provider(start["Location"], username))
    assert back.netloc == "testserver", back
    return client.get(f"{back.path}?{back.query}")
