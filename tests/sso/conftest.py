import pytest

from tests.sso.provider.running import provider

# The Django test client's host: Sunrelay's callback as the provider must know it.
CALLBACK = "http://testserver/sso/callback/"
AFTER_LOGOUT = "http://testserver/login/"


@pytest.fixture(scope="session")
def issuer():
    with provider([CALLBACK], [AFTER_LOGOUT]) as url:
        yield url
