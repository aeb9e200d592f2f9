"""The database settings, read from DATABASE_URL (docs/configuration.md).

SQLite (the default, a file under the data folder) or PostgreSQL; anything else is refused in
words and SQLite used meanwhile, so that `sunrelay check` can run and explain.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from sunrelay.lib.env import envstr
from sunrelay.lib.sqlite import options as sqlite_options

SUPPORTED_ENGINES = ("django.db.backends.sqlite3", "django.db.backends.postgresql")


def database(data_dir: Path, errors: list[str]) -> dict:
    """DATABASES['default'] from DATABASE_URL; problems are appended to `errors` in words."""
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
        config = dj_database_url.parse(default_url)  # lets `sunrelay check` run and explain
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        config = sqlite_options.configure(config)
    else:
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
    config.setdefault("TEST", {})
    return config
