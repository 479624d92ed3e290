"""The store: pragmas, migrations from empty, refusing a newer database, backups."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from kiosk.db import backup_to, integrity_check, migrate, open_store, schema_status
from kiosk.errors import SchemaTooNew


def test_migrations_from_empty_reach_head_with_the_right_pragmas(tmp_path):
    store = open_store(tmp_path / "k.sqlite3")
    status = schema_status(store)
    assert status["current"] == status["heads"] and status["unknown"] == []
    with store.transaction() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        tables = set(s.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).scalars())
    assert {"tickets", "ticket_events", "applications", "outbox", "print_jobs", "audit_log"} <= tables
    assert migrate(store) is False  # already at head: nothing to do
    store.close()


def test_a_database_newer_than_the_code_is_refused_and_untouched(tmp_path):
    path = tmp_path / "k.sqlite3"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew, match="newer"):
        open_store(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.pre-migration-*"))


def test_write_transactions_take_the_lock_up_front(tmp_path):
    store = open_store(tmp_path / "k.sqlite3")
    other = sqlite3.connect(tmp_path / "k.sqlite3", timeout=0.05)
    with store.transaction() as s:
        s.execute(text("SELECT count(*) FROM tickets"))  # a read: the write lock is already held
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # free again after commit
    other.rollback()
    other.close()
    store.close()


def test_backup_is_a_consistent_standalone_copy(tmp_path, store, clock):
    from kiosk import tickets

    with store.transaction() as s:
        tickets.issue_ticket(s, "KTP", now=clock.now())
    out = tmp_path / "copy" / "b.sqlite3"
    backup_to(store, out)
    copy = open_store(out)
    assert integrity_check(copy) == "ok"
    with copy.read() as s:
        assert s.execute(text("SELECT count(*) FROM tickets")).scalar() == 1
    copy.close()
