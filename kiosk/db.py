"""The local SQLite store: engine, pragmas, unit of work and migrations.

`with store.transaction() as s:` is the only way to write; it takes SQLite's write lock up front
(BEGIN IMMEDIATE), so two processes never interleave a read-then-write (ticket numbers stay gap-free).
"""

from __future__ import annotations

import ast
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.errors import KioskError, SchemaTooNew

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 15_000


def sqlite_pragmas(dbapi_conn: sqlite3.Connection, *, busy_timeout_ms: int, foreign_keys: bool) -> None:
    """Settings for a new SQLite connection; central's SQLite database uses them too."""
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's implicit BEGIN is deferred).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
    cur.execute("PRAGMA journal_mode=WAL")
    # FULL: a commit is on disk before we tell anyone a ticket exists (power cuts are common).
    cur.execute("PRAGMA synchronous=FULL")
    if foreign_keys:
        cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _on_connect(dbapi_conn: sqlite3.Connection, _record) -> None:
    sqlite_pragmas(dbapi_conn, busy_timeout_ms=BUSY_TIMEOUT_MS, foreign_keys=True)


def _on_begin(conn) -> None:
    mode = "DEFERRED" if conn.get_execution_options().get("kiosk_read_only") else "IMMEDIATE"
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Store:
    """One data dir's database. Cheap to create; `open_store` also migrates."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.engine = make_engine(self.path)
        self._writer = sessionmaker(self.engine, expire_on_commit=False)
        self._reader = sessionmaker(self.engine.execution_options(kiosk_read_only=True), expire_on_commit=False)
        # Writers of this process queue here, in order, instead of in SQLite's busy handler, which
        # sleeps in growing steps: on the hub, six PCs' requests in threads made a 0.5 s tail of those.
        # Other processes still meet at BEGIN IMMEDIATE. Re-entrant: a nested write fails as before.
        self._write_turn = threading.RLock()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write unit of work: commit on success, roll back on any exception."""
        with self._write_turn, self._writer() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot that does not block writers."""
        with self._reader() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


# --- migrations ----------------------------------------------------------------------------------

def _alembic_config(store: Store):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = store.engine
    return cfg


def _script():
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS_DIR))


def current_revisions(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        has_table = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).first()
        if not has_table:
            return set()
        return {row[0] for row in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}


def schema_status(store: Store) -> dict:
    script = _script()
    heads = set(script.get_heads())
    current = current_revisions(store)
    known = {rev.revision for rev in script.walk_revisions()}
    return {"current": sorted(current), "heads": sorted(heads), "unknown": sorted(current - known)}


_REV_RE = re.compile(r"^(revision|down_revision)\s*=\s*(.+)$", re.M)


def _quick_heads() -> set[str]:
    """Heads read straight from the version files: lets an up-to-date start skip importing Alembic."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        fields = dict(_REV_RE.findall(path.read_text(encoding="utf-8")))
        if "revision" not in fields:
            continue
        revisions.add(ast.literal_eval(fields["revision"]))
        down = ast.literal_eval(fields.get("down_revision", "None"))
        parents.update([down] if isinstance(down, str) else (down or ()))
    return revisions - parents


def migrate(store: Store, backup: bool = True) -> bool:
    """Bring the schema to head. Refuses a database newer than this code; returns True if it changed.

    Before changing an existing database a copy is taken beside it, so a failed migration leaves the
    old data intact and the user is told where it is.
    """
    current = current_revisions(store)
    if current and current == _quick_heads():
        return False
    status = schema_status(store)
    if status["unknown"]:
        raise SchemaTooNew(
            f"database {store.path} was written by a newer Mini MPP Kiosk "
            f"(schema {', '.join(status['unknown'])}); install that version or newer — the database was not touched"
        )
    if set(status["current"]) == set(status["heads"]):
        return False
    saved = None
    if backup and status["current"]:
        saved = store.path.with_name(f"{store.path.stem}.pre-migration-{'-'.join(status['current'])}.sqlite3")
        backup_to(store, saved, keep_secrets=True)
    from alembic import command

    try:
        command.upgrade(_alembic_config(store), "heads")
    except Exception as exc:
        where = f"; the data before the upgrade is kept in {saved}" if saved else ""
        raise KioskError(f"database upgrade failed ({exc}){where}") from exc
    return True


def open_store(path: Path, *, migrate_schema: bool = True) -> Store:
    path.parent.mkdir(parents=True, exist_ok=True)
    store = Store(path)
    if migrate_schema:
        migrate(store)
        ensure_change_triggers(store)
    return store


def ensure_change_triggers(store: Store) -> None:
    """The triggers that record changes of the site's shared tables in `site_changes` (the hub's change
    log). They only write while `meta['hub.changelog'] = 'on'` (a hub). Made again at every start, since a
    batch migration that copies a table drops its triggers."""
    from kiosk.models import REPLICATED

    with store.engine.execution_options(kiosk_read_only=True).connect() as conn:
        present = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")}
    missing = [(table, pk, event) for table, pk in REPLICATED.items() for event in ("INSERT", "UPDATE")
               if f"trg_{table}_{event.lower()}_log" not in present]
    if not missing:
        return
    with store.engine.begin() as conn:
        for table, pk, event in missing:
            name = f"trg_{table}_{event.lower()}_log"
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")  # another process may have made it meanwhile
            conn.exec_driver_sql(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                f"WHEN (SELECT value FROM meta WHERE key = 'hub.changelog') = 'on' "
                f"BEGIN INSERT INTO site_changes (tbl, pk) VALUES ('{table}', NEW.{pk}); END")


# --- backup ----------------------------------------------------------------------------------------

# What a backup never carries: this PC's secret at central, its token at the hub, and the site's central
# identity a joined PC keeps for a promotion (`hub.site_meta`'s "sync"). A restored PC re-enrolls or re-joins,
# so a backup copied to another PC can never act as this one.
SECRET_META_KEYS = ("sync.secret", "hub.token")
SECRETS_REMOVED_KEY = "backup.secrets_removed"


def strip_secrets(conn: sqlite3.Connection) -> None:
    """Clear the secrets in a copy of the store (an open sqlite3 connection to the copy)."""
    import json

    has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
    if not has_meta:
        return
    conn.execute(f"DELETE FROM meta WHERE key IN ({', '.join('?' for _ in SECRET_META_KEYS)})", SECRET_META_KEYS)
    row = conn.execute("SELECT value FROM meta WHERE key = 'hub.site_meta'").fetchone()
    if row and row[0]:
        try:
            facts = json.loads(row[0])
        except ValueError:
            facts = None
        if isinstance(facts, dict) and "sync" in facts:
            facts.pop("sync")
            conn.execute("UPDATE meta SET value = ? WHERE key = 'hub.site_meta'", (json.dumps(facts),))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')", (SECRETS_REMOVED_KEY,))
    conn.commit()
    conn.execute("VACUUM")  # the cleared values leave no trace in free pages


def backup_to(store: Store, target: Path, *, keep_secrets: bool = False) -> None:
    """A consistent copy while others write (SQLite online backup API), fsynced, then renamed in place.

    The copy is private (0600) and, unless `keep_secrets` (the copy kept beside the store before a
    migration), carries no secret (`strip_secrets`)."""
    import os

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    src = sqlite3.connect(store.path, timeout=BUSY_TIMEOUT_MS / 1000)
    dst = sqlite3.connect(tmp)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
        if not keep_secrets:
            strip_secrets(dst)
    finally:
        dst.close()
        src.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)


def integrity_check(store: Store) -> str:
    with store.engine.connect() as conn:
        return conn.execute(text("PRAGMA integrity_check")).scalar_one()


# --- schema checks (restore) -----------------------------------------------------------------------------

def schema_of(conn: sqlite3.Connection) -> dict:
    """What a database is made of: {tables: {name: [columns]}, triggers: {name: sql}, views: {name: sql}}."""
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master "
                        "WHERE type IN ('table', 'trigger', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").fetchall()
    shape: dict = {"tables": {}, "triggers": {}, "views": {}}
    for kind, name, sql in rows:
        if kind == "table":
            quoted = name.replace('"', '""')
            shape["tables"][name] = sorted(row[1] for row in conn.execute(f'PRAGMA table_info("{quoted}")'))
        else:
            shape[f"{kind}s"][name] = " ".join((sql or "").split())
    return shape


def reference_schema(revision: str, work_dir: Path) -> dict:
    """The schema our migrations make at `revision` (with the hub's change triggers made at start), built
    in a scratch database under `work_dir`."""
    import tempfile

    from alembic import command

    with tempfile.TemporaryDirectory(dir=work_dir, prefix=".schema-") as tmp:
        store = Store(Path(tmp) / "reference.sqlite3")
        try:
            command.upgrade(_alembic_config(store), revision)
            try:
                ensure_change_triggers(store)
            except Exception:  # an old revision without the hub's tables: there are no change triggers then
                pass
            conn = sqlite3.connect(store.path)
            try:
                return schema_of(conn)
            finally:
                conn.close()
        finally:
            store.close()


def schema_differences(found: dict, expected: dict) -> list[str]:
    """Why `found` is not what our migrations make (empty when it is), most telling first."""
    problems = []
    for table in sorted(set(expected["tables"]) - set(found["tables"])):
        problems.append(f"tabel {table} tidak ada")
    for table in sorted(set(found["tables"]) - set(expected["tables"])):
        problems.append(f"tabel asing {table}")
    for table in sorted(set(found["tables"]) & set(expected["tables"])):
        missing = set(expected["tables"][table]) - set(found["tables"][table])
        extra = set(found["tables"][table]) - set(expected["tables"][table])
        if missing:
            problems.append(f"kolom {table}.{', '.join(sorted(missing))} tidak ada")
        if extra:
            problems.append(f"kolom asing {table}.{', '.join(sorted(extra))}")
    for kind, label in (("triggers", "trigger"), ("views", "view")):
        for name, sql in sorted(found[kind].items()):
            if expected[kind].get(name) != sql:
                problems.append(f"{label} asing {name}")
    return problems
