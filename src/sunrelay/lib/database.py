"""The database connection settings, read from DATABASE_URL (docs/configuration.md)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from sunrelay.lib.env import envstr

SUPPORTED_ENGINES = ("django.db.backends.sqlite3", "django.db.backends.postgresql")


def database_config(data_dir: Path, errors: list[str]) -> dict:
    """Django's DATABASES["default"]: DATABASE_URL's, or SQLite under `data_dir` by default.

    A URL that cannot be used appends its reason to `errors` and falls back to the default,
    so `sunrelay check` can run and explain it."""
    default_url = f"sqlite:///{data_dir / 'sunrelay.sqlite3'}"
    url = envstr("DATABASE_URL") or default_url
    try:
        config = dj_database_url.parse(url)
    except (ValueError, dj_database_url.UnknownSchemeError):
        errors.append(
            f"DATABASE_URL {url.split('@')[-1]!r} is not a database URL; use "
            "sqlite:///PATH or postgres://USER:PASSWORD@HOST:PORT/NAME."
        )
        config = dj_database_url.parse(default_url)
    if config["ENGINE"] not in SUPPORTED_ENGINES:
        errors.append(
            f"DATABASE_URL points at {config['ENGINE'].rsplit('.', 1)[-1]}; "
            "Sunrelay supports sqlite:///PATH and postgres://USER:PASSWORD@HOST:PORT/NAME."
        )
        config = dj_database_url.parse(default_url)
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # WAL lets the web server read while the worker writes; IMMEDIATE takes
            # the write lock at BEGIN so concurrent writers wait instead of failing.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        if config["NAME"] and config["NAME"] != ":memory:":
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    else:
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
    config.setdefault("TEST", {})
    return config
