"""The pull change log never skips a row, even when a lower id commits after a higher one (PostgreSQL).

On PostgreSQL an id is taken at insert time but only becomes visible at commit, so ids commit out of
order; central.changes pages by (txid, id) below the oldest running transaction. These tests force
the out-of-order commit and also hammer the log with concurrent writers while a reader pages.
"""

from __future__ import annotations

import random
import threading
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from central.changes import read_changes, record_change
from central.db import Database, migrate
from central.models import Change
from tests.synctools import PG_URL, TABANG, TENGGARONG, scratch_pg_database

NOW = datetime.now(UTC)


@pytest.fixture(scope="module", params=["sqlite", "pg"])
def db(request, tmp_path_factory):
    if request.param == "pg":
        if not PG_URL:
            pytest.skip("PostgreSQL tests need KIOSK_TEST_PG_URL")
        with scratch_pg_database(PG_URL) as url:
            database = Database(url)
            migrate(database)
            yield database
            database.close()
    else:
        database = Database(f"sqlite:///{tmp_path_factory.mktemp('changes') / 'c.sqlite3'}")
        migrate(database)
        yield database
        database.close()


def drain(db: Database, site: str, cursor: str, limit: int = 500) -> tuple[list[str], str]:
    """Read every page now available; returns (entities, cursor)."""
    seen = []
    for _ in range(10_000):
        with db.read() as conn:
            page, cursor, more = read_changes(conn, site, cursor, limit=limit)
        seen += [payload["e"] for _, payload in page]
        if not more:
            return seen, cursor
    raise AssertionError("drain did not finish")


def add(conn, entity: str, site: str | None = TABANG) -> None:
    record_change(conn, "ann", entity, {"e": entity}, site_code=site, now=NOW)


def test_a_lower_id_committing_late_is_not_skipped(db):
    if not db.is_postgres:
        pytest.skip("SQLite has one writer: ids always commit in order")
    _, cursor = drain(db, TABANG, "")
    slow = db.engine.connect()
    try:
        tx = slow.begin()
        add(slow, "slow")  # takes the lower id, commits last
        with db.write() as conn:
            add(conn, "fast")
        slow_id = slow.execute(text("SELECT id FROM changes WHERE entity = 'slow'")).scalar_one()
        with db.read() as conn:
            fast_id = conn.execute(text("SELECT id FROM changes WHERE entity = 'fast'")).scalar_one()
        assert slow_id < fast_id
        # A naive `id > cursor` reader would serve "fast" now and never see "slow".
        seen, cursor = drain(db, TABANG, cursor)
        assert seen == []  # "fast" waits behind the transaction still running
        tx.commit()
    finally:
        slow.close()
    seen, cursor = drain(db, TABANG, cursor)
    assert seen == ["slow", "fast"]
    assert drain(db, TABANG, cursor)[0] == []


def test_an_unrelated_long_transaction_delays_but_loses_nothing(db):
    if not db.is_postgres:
        pytest.skip("PostgreSQL horizon behaviour")
    _, cursor = drain(db, TABANG, "")
    holder = db.engine.connect()
    try:
        tx = holder.begin()
        holder.execute(text("SELECT pg_current_xact_id()"))  # holds an xid, like a long push
        with db.write() as conn:
            add(conn, "behind-a-long-one")
        assert drain(db, TABANG, cursor)[0] == []
        tx.rollback()
    finally:
        holder.close()
    assert drain(db, TABANG, cursor)[0] == ["behind-a-long-one"]


def test_concurrent_writers_and_a_paging_reader_see_every_row_once(db):
    _, start = drain(db, TENGGARONG, "")
    writers, per_writer = 6, 40
    done = threading.Event()
    errors: list[BaseException] = []
    seen: list[str] = []

    def writer(n: int) -> None:
        rng = random.Random(n)
        try:
            for i in range(per_writer):
                with db.write() as conn:
                    for j in range(rng.randint(1, 3)):
                        add(conn, f"w{n}-{i}-{j}", TENGGARONG)
                        # Load shaping, not synchronisation: keep some transactions open a moment
                        # longer, so commits interleave out of id order.
                        if rng.random() < 0.3:
                            time.sleep(rng.uniform(0, 0.004))
                    if rng.random() < 0.1:
                        add(conn, f"other-{n}-{i}", TABANG)  # another site's row: never served here
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    def reader() -> None:
        cursor = start
        try:
            while not done.is_set():
                got, cursor = drain(db, TENGGARONG, cursor, limit=7)
                seen.extend(got)
            got, cursor = drain(db, TENGGARONG, cursor, limit=7)
            seen.extend(got)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    read = threading.Thread(target=reader)
    read.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    done.set()
    read.join(120)
    assert not errors, errors
    with db.read() as conn:
        written = set(conn.scalars(select(Change.entity).where(Change.site_code == TENGGARONG,
                                                               Change.entity.like("w%"))))
    assert len(seen) == len(set(seen)), "a row was served twice"
    assert set(seen) == written, f"skipped: {sorted(written - set(seen))[:5]}"
    assert not any(e.startswith("other-") for e in seen)
