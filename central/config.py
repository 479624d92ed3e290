"""Where the central database is: --db, else KIOSK_SERVER_DB, else a SQLite file in the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "mini-mpp-central"
ENV_DB = "KIOSK_SERVER_DB"
ENV_DOCS = "KIOSK_SERVER_DOCS"  # 1: serve the interactive API docs at /docs and /redoc


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_url() -> str:
    return f"sqlite:///{(default_data_dir() / 'central.sqlite3').as_posix()}"


def normalise_db_url(url: str) -> str:
    """Accept `postgresql://...` (psycopg 3 is our driver) and plain file paths for SQLite."""
    url = url.strip()
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve().as_posix()}"
    return url


def resolve_db_url(cli_value: str | None = None) -> str:
    return normalise_db_url(cli_value or os.environ.get(ENV_DB) or default_db_url())
