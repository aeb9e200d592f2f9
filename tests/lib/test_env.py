"""The typed environment readers behind settings.py: unset or blank means the default, a
value they cannot read is a ConfigError naming the variable and the value."""

from __future__ import annotations

import pytest

from sunrelay.lib.env import ConfigError, envbool, envint, envlist, envstr

NAME = "SUNRELAY_TEST_VARIABLE"


@pytest.fixture
def env(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)

    def set_to(value: str) -> None:
        monkeypatch.setenv(NAME, value)

    return set_to


def test_a_config_error_is_a_value_error():
    assert issubclass(ConfigError, ValueError)


class TestEnvstr:
    def test_unset_gives_the_default(self, env):
        assert envstr(NAME) == ""
        assert envstr(NAME, "fallback") == "fallback"

    def test_a_value_is_taken_as_it_is(self, env):
        env("  Support Team ")
        assert envstr(NAME, "fallback") == "  Support Team "

    def test_an_empty_value_is_a_value(self, env):
        env("")
        assert envstr(NAME, "fallback") == ""


class TestEnvbool:
    @pytest.mark.parametrize("raw", ["1", "true", "TRUE", "yes", "Yes", "on", " on "])
    def test_true_words(self, env, raw):
        env(raw)
        assert envbool(NAME, False) is True

    @pytest.mark.parametrize("raw", ["0", "false", "False", "no", "NO", "off", "\toff\n"])
    def test_false_words(self, env, raw):
        env(raw)
        assert envbool(NAME, True) is False

    @pytest.mark.parametrize("default", [True, False])
    def test_unset_or_empty_gives_the_default(self, env, default):
        assert envbool(NAME, default) is default
        env("")
        assert envbool(NAME, default) is default

    @pytest.mark.parametrize("raw", ["maybe", "2", "y", "   ", "truee"])
    def test_anything_else_is_refused_by_name(self, env, raw):
        env(raw)
        with pytest.raises(ConfigError) as caught:
            envbool(NAME, False)
        assert str(caught.value) == f"{NAME} must be true or false, not {raw!r}"


class TestEnvint:
    @pytest.mark.parametrize(("raw", "value"), [("42", 42), (" 7 ", 7), ("-3", -3), ("0", 0)])
    def test_whole_numbers(self, env, raw, value):
        env(raw)
        assert envint(NAME, 5) == value

    def test_unset_or_empty_gives_the_default(self, env):
        assert envint(NAME, 5) == 5
        env("")
        assert envint(NAME, 5) == 5

    @pytest.mark.parametrize("raw", ["4.5", "ten", "0x10", "1e3", "   ", "12 seconds"])
    def test_anything_else_is_refused_by_name(self, env, raw):
        env(raw)
        with pytest.raises(ConfigError) as caught:
            envint(NAME, 5)
        assert str(caught.value) == f"{NAME} must be a whole number, not {raw!r}"
        assert caught.value.__suppress_context__  # the message says it all; no int() trace


class TestEnvlist:
    def test_comma_separated_values_are_trimmed(self, env):
        env(" enterprise, partner ,smb")
        assert envlist(NAME, []) == ["enterprise", "partner", "smb"]

    def test_empty_items_are_dropped(self, env):
        env("a,,b, ,")
        assert envlist(NAME, []) == ["a", "b"]

    @pytest.mark.parametrize("raw", ["", "   "])
    def test_unset_or_blank_gives_the_default(self, env, raw):
        assert envlist(NAME, ["x"]) == ["x"]
        env(raw)
        assert envlist(NAME, ["x"]) == ["x"]

    def test_one_value_is_a_list_of_one(self, env):
        env("support@example.test")
        assert envlist(NAME, []) == ["support@example.test"]
