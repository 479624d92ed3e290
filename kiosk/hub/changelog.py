"""The hub's change log, as a joined PC pulls it into its replica (the same cursor idea as central's pull).

On the hub, triggers append (table, primary key) to `site_changes` for every insert or update of a
replicated table (`kiosk.models.REPLICATED`); SQLite has one writer at a time, so ids commit in order
and a reader never skips a late one. A page of changes carries the *current* rows of the keys changed,
so applying a page is an idempotent upsert and a row changed twice travels once.

A new replica (cursor "") or one whose cursor the hub has pruned starts with a snapshot: every row of
every replicated table, page by page, from a change id read in the same snapshot; the changes after it
follow. Cursors: "" (from nothing), "snap.<change id>.<table index>.<last key>" (in a snapshot), "<id>".
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import Date, DateTime, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.errors import InputError
from kiosk.models import REPLICATED, Base, SiteChange, TypeDecorator

TABLES = list(REPLICATED)  # in an order that satisfies foreign keys (services before tickets, ...)
PAGE_ROWS = 2000
KEEP_CHANGES = 200_000  # what the hub keeps of its change log for replicas that were away
K_PRUNED = "hub.changelog_pruned"


def _table(name: str):
    return Base.metadata.tables[name]


def _is_time(column) -> bool:
    kind = column.type
    return isinstance(kind, TypeDecorator) or isinstance(kind, DateTime | Date)


def _out(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def row_out(table, row) -> dict:
    """A row as JSON-able values (times as ISO text)."""
    return {column.name: _out(row[column.name]) for column in table.columns}


def row_in(table, data: dict) -> dict:
    """JSON values back into column values."""
    values = {}
    for column in table.columns:
        value = data.get(column.name)
        if value is not None and _is_time(column) and isinstance(value, str):
            value = date.fromisoformat(value) if isinstance(column.type, Date) else datetime.fromisoformat(value)
        values[column.name] = value
    return values


def parse_cursor(text: str | None) -> tuple:
    """("changes", id) or ("snapshot", at_change, table_index, after_key) for a cursor string."""
    text = (text or "").strip()
    try:
        if not text:
            return ("snapshot", None, 0, None)
        if text.startswith("snap."):
            _, at, index, after = text.split(".", 3)
            return ("snapshot", int(at), int(index), json.loads(after) if after else None)
        return ("changes", int(text))
    except ValueError:
        raise InputError(f"kursor replika tidak sah: {text!r}") from None


def _snapshot_cursor(at: int, index: int, after) -> str:
    return f"snap.{at}.{index}.{json.dumps(after) if after is not None else ''}"


def last_change_id(session: Session) -> int:
    """The newest change id (or, when pruning emptied the log, the last one pruned)."""
    return max(session.scalar(select(func.max(SiteChange.id))) or 0, pruned_through(session))


def pruned_through(session: Session) -> int:
    """Changes up to this id are gone from the log: a replica behind it starts from a snapshot."""
    from kiosk.hub import state

    return int(state.get(session, K_PRUNED) or 0)


def read_page(session: Session, cursor: str | None, limit: int = PAGE_ROWS) -> dict:
    """One page for a replica: {"rows": {table: [row, ...]}, "cursor": next, "more": bool, "head": id}.

    The caller reads in one read transaction, so a page is a consistent picture of the store."""
    mode = parse_cursor(cursor)
    head = last_change_id(session)
    if mode[0] == "changes" and mode[1] < pruned_through(session):
        mode = ("snapshot", None, 0, None)  # pruned past this replica: start again from a snapshot
    if mode[0] == "snapshot":
        return _snapshot_page(session, mode[1] if mode[1] is not None else head, mode[2], mode[3], limit, head)
    after = mode[1]
    changes = list(session.execute(select(SiteChange.id, SiteChange.tbl, SiteChange.pk)
                                   .where(SiteChange.id > after).order_by(SiteChange.id).limit(limit)))
    keys: dict[str, list] = {}
    for _id, tbl, pk in changes:
        if tbl in REPLICATED and pk not in keys.setdefault(tbl, []):
            keys[tbl].append(pk)
    rows: dict[str, list] = {}
    for tbl in TABLES:
        if keys.get(tbl):
            table = _table(tbl)
            pk_col = table.c[REPLICATED[tbl]]
            wanted = [_typed_key(pk_col, k) for k in keys[tbl]]
            rows[tbl] = []
            for start in range(0, len(wanted), 500):
                rows[tbl] += [row_out(table, r._mapping) for r in
                              session.execute(select(table).where(pk_col.in_(wanted[start:start + 500])))]
    next_cursor = changes[-1][0] if changes else after
    return {"rows": rows, "cursor": str(next_cursor), "more": bool(changes) and next_cursor < head, "head": head}


def _typed_key(column, text: str):
    return int(text) if column.type.python_type is int else text


def _snapshot_page(session, at: int, index: int, after, limit: int, head: int) -> dict:
    rows: dict[str, list] = {}
    budget = limit
    while index < len(TABLES) and budget > 0:
        name = TABLES[index]
        table = _table(name)
        pk_col = table.c[REPLICATED[name]]
        query = select(table).order_by(pk_col).limit(budget)
        if after is not None:
            query = query.where(pk_col > after)
        page = [row_out(table, r._mapping) for r in session.execute(query)]
        asked, budget = budget, budget - len(page)
        if page:
            rows.setdefault(name, []).extend(page)
            after = page[-1][REPLICATED[name]]
        if len(page) < asked:
            index, after = index + 1, None  # this table is done
    if index >= len(TABLES):
        return {"rows": rows, "cursor": str(at), "more": at < head, "head": head}
    return {"rows": rows, "cursor": _snapshot_cursor(at, index, after), "more": True, "head": head}


def _batches(session: Session, page: dict):
    """(table, primary key name, rows) of a page, in foreign-key order."""
    from sqlalchemy import text

    # Rows of one page may reference each other in any order (a transfer points at an earlier ticket).
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    for name in TABLES:
        batch = (page.get("rows") or {}).get(name)
        if batch:
            yield name, _table(name), REPLICATED[name], batch


def apply_page(session: Session, page: dict) -> int:
    """Upsert a page's rows into this replica (in the caller's transaction); returns how many rows."""
    count = 0
    for _name, table, pk, batch in _batches(session, page):
        values = [row_in(table, row) for row in batch]
        statement = sqlite_insert(table)
        statement = statement.on_conflict_do_update(
            index_elements=[pk], set_={c.name: statement.excluded[c.name] for c in table.columns if c.name != pk})
        session.execute(statement, values)
        count += len(values)
    return count


def prune(session: Session, slowest_cursor: int | None) -> int:
    """Drop the change rows every replica has applied (`slowest_cursor`: the lowest cursor of the joined
    PCs, None when there are none). A replica further behind than KEEP_CHANGES starts again from a snapshot."""
    from sqlalchemy import delete

    head = last_change_id(session)
    limit = head if slowest_cursor is None else max(slowest_cursor, head - KEEP_CHANGES)
    if limit <= pruned_through(session):
        return 0
    from kiosk.hub import state

    state.put(session, K_PRUNED, str(limit))
    return session.execute(delete(SiteChange).where(SiteChange.id <= limit)).rowcount


def id_floors(session: Session) -> dict[str, int]:
    """The highest integer key of each replicated table with one (taken at a promotion: rows of the old hub
    above these were never seen here)."""
    floors = {}
    for name, pk in REPLICATED.items():
        column = _table(name).c[pk]
        if column.type.python_type is int:
            floors[name] = session.scalar(select(func.max(column))) or 0
    return floors


def merge_remainder(session: Session, page: dict, floors: dict[str, int]) -> int:
    """Merge what a stood-down hub wrote after this (promoted) PC's replica last saw it.

    This PC is the hub now and its own rows win: a row already here is kept as it is. Rows keyed by a
    UUID or code are added when missing; rows numbered by the old hub above `floors` are added with new
    numbers here (the numbers are this store's now); outbox rows keep their (epoch, seq), the key central
    knows them by, and are added when missing. Returns how many rows were added."""
    added = 0
    for name, table, pk, batch in _batches(session, page):
        int_key = table.c[pk].type.python_type is int
        for row in batch:
            values = row_in(table, row)
            if int_key:
                if name != "outbox" and values[pk] <= floors.get(name, 0):
                    continue
                values.pop(pk)
            statement = sqlite_insert(table).values(**values).on_conflict_do_nothing()
            added += session.execute(statement).rowcount or 0
    return added
