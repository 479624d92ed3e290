"""What every `kiosk-server` command shares: the database of --db, and parsing of sites and dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

from mpp.errors import InputError
from mpp.errors import RuleError as KioskError


def _now() -> datetime:
    return datetime.now(UTC)


def _site(text: str) -> str:
    from mpp.sites import normalise_site_code

    return normalise_site_code(text)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"tanggal harus YYYY-MM-DD, bukan {text!r}") from None


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _seed(db) -> None:
    from central.backoffice import seed_catalog

    with db.write() as conn:
        seed_catalog(conn, _now())


def open_db(args, *, create: bool = False):
    """The database of --db; `create` (init, run) migrates it, other commands need it initialised."""
    from sqlalchemy.exc import OperationalError

    from central.config import resolve_db_url
    from central.db import Database, migrate, schema_revision

    url = resolve_db_url(args.db)
    db = Database(url)
    try:
        if create:
            migrate(db, then=_seed)
        elif schema_revision(db) is None:
            db.close()
            raise KioskError(f"basis data pusat belum disiapkan: jalankan `kiosk-server init --db {_safe_url(url)}`")
        else:
            migrate(db)
    except OperationalError as exc:
        db.close()
        raise KioskError(f"basis data {_safe_url(url)} tidak bisa dibuka: {exc.orig}") from None
    return db


# --- commands ------------------------------------------------------------------------------------------
