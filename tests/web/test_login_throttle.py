"""Guessing passwords or tokens is slowed down: per user name and per address (fault 6).

The counts live in the database, so every web process and worker shares them.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone

from sunrelay.api.tokens import create_token
from tests.api.conftest import BASE

# The default (SUNRELAY_LOGIN_FAILURE_LIMIT); 15 minutes is SUNRELAY_LOGIN_COOL_OFF_MINUTES.
LIMIT = getattr(settings, "AXES_FAILURE_LIMIT", 10)


def log_in(username: str, password: str, address: str = "198.51.100.7"):
    return Client().post(
        "/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_it_locks_a_user_name_after_too_many_wrong_passwords(agent):
    for n in range(LIMIT - 1):
        # Each from its own address: the user name alone is what is counted here.
        assert log_in("alba", "wrong", f"198.51.100.{n + 1}").status_code == 200
    assert log_in("alba", "wrong", "198.51.100.99").status_code == 429
    response = log_in("alba", "pw-alba-1234", "203.0.113.50")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Too many attempts" in text
    assert "try again in 15 minutes" in text
    assert "_auth_user_id" not in response.client.session


def test_it_locks_an_address_trying_many_user_names(agent):
    for n in range(LIMIT):
        log_in(f"nobody{n}", "wrong", "198.51.100.9")
    assert log_in("alba", "pw-alba-1234", "198.51.100.9").status_code == 429
    # Another address is not held back by it.
    response = log_in("alba", "pw-alba-1234", "198.51.100.10")
    assert response.status_code == 302


def test_the_lock_lifts_after_the_cool_off(agent):
    for _ in range(LIMIT):
        log_in("alba", "wrong")
    assert log_in("alba", "pw-alba-1234").status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=16), tick=False):
        assert log_in("alba", "pw-alba-1234").status_code == 302


def test_it_says_the_minutes_left(agent):
    for _ in range(LIMIT):
        log_in("alba", "wrong")
    with time_machine.travel(timezone.now() + timedelta(minutes=10), tick=False):
        response = log_in("alba", "pw-alba-1234")
    assert "try again in 5 minutes" in response.content.decode()


def test_a_few_wrong_passwords_do_not_lock(agent):
    for _ in range(LIMIT - 1):
        log_in("alba", "wrong")
    assert log_in("alba", "pw-alba-1234").status_code == 302


@pytest.mark.parametrize("bad", ["sr_guess", "not-even-a-token"])
def test_the_api_answers_429_to_a_burst_of_bad_tokens(lead, bad):
    guesser = Client(headers={"Authorization": f"Bearer {bad}"}, REMOTE_ADDR="198.51.100.20")
    for _ in range(LIMIT - 1):
        assert guesser.get(f"{BASE}/tickets").status_code == 401
    assert guesser.get(f"{BASE}/tickets").status_code == 429
    response = guesser.get(f"{BASE}/tickets")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Too many attempts" in response.json()["detail"]
    assert response["Retry-After"] == "900"
    # Even a good token from that address waits; the same token elsewhere works.
    _token, raw = create_token(lead, "tests")
    good = {"Authorization": f"Bearer {raw}"}
    assert (
        Client(headers=good, REMOTE_ADDR="198.51.100.20").get(f"{BASE}/tickets").status_code == 429
    )
    assert (
        Client(headers=good, REMOTE_ADDR="198.51.100.21").get(f"{BASE}/tickets").status_code == 200
    )


def test_good_tokens_are_never_counted(lead):
    _token, raw = create_token(lead, "tests")
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    for _ in range(LIMIT + 5):
        assert client.get(f"{BASE}/tickets").status_code == 200
