"""Central's database: engine, unit of work and migrations (PostgreSQL or SQLite).

`with db.write() as conn:` is one transaction that commits on success; on SQLite it takes the write
lock up front (BEGIN IMMEDIATE) so concurrent requests queue instead of failing mid-transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

from sqlalchemy import Connection, create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
PIPELINE_KEY = "central_pipeline"
SQLITE_BUSY_MS = 30_000
# Serialises `alembic upgrade` between app processes starting together on one PostgreSQL database.
MIGRATION_LOCK_KEY = 0x4B494F534B  # "KIOSK"


def _sqlite_connect(dbapi_conn, _record) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's implicit BEGIN is deferred).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")  # a push is acknowledged only once it is on disk
    cur.close()


def _sqlite_begin(conn) -> None:
    mode = "DEFERRED" if conn.get_execution_options().get("central_read_only") else "IMMEDIATE"
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000, "check_same_thread": False},
                               pool_size=8, max_overflow=8)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # No pre-ping: it costs a round trip on every checkout, i.e. on every request. A connection that died
    # (database restarted) fails its statement instead: that request is answered 503 (retry), and the
    # pool throws the connection away.
    return create_engine(url, pool_size=10, max_overflow=20, pool_recycle=1800)


class Database:
    """One central database; cheap to share between threads."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.dialect = self.engine.dialect.name  # "postgresql" | "sqlite"
        self._reader = self.engine.execution_options(central_read_only=True)
        self._autocommit = self.engine.execution_options(isolation_level="AUTOCOMMIT") if self.is_postgres \
            else None

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._reader.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def lookup(self) -> Iterator[Connection]:
        """For one read statement: no transaction around it on PostgreSQL (a single round trip)."""
        if self._autocommit is None:
            with self.read() as conn:
                yield conn
            return
        with self._autocommit.connect() as conn:
            yield conn

    @contextmanager
    def write_pipelined(self) -> Iterator[Connection]:
        """A write transaction whose last statements and its COMMIT may share one round trip.

        On PostgreSQL, code inside calls `pipeline(conn)` before statements whose results it does not read
        (inserts, updates): psycopg then sends them without waiting, and the COMMIT at the end syncs them
        all; an error in any of them surfaces at the commit and nothing is kept. Elsewhere: `write()`.
        """
        with self.engine.connect() as conn:
            trans = conn.begin()
            stack = ExitStack()
            conn.info[PIPELINE_KEY] = stack
            try:
                yield conn
                trans.commit()  # inside the pipeline, if one was entered: the one sync
            except BaseException:
                with suppress(Exception):
                    stack.close()  # leave pipeline mode; its pending error is the one being raised
                trans.rollback()
                raise
            finally:
                conn.info.pop(PIPELINE_KEY, None)
                stack.close()

    def close(self) -> None:
        self.engine.dispose()


def _alembic_config(conn: Connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = conn
    return cfg


def migrate(db: Database, then=None) -> None:
    """Bring the schema to head, then run `then(db)` (e.g. seeding), both under one lock: idempotent, and
    safe when several app processes start at once on one PostgreSQL database."""
    from alembic import command

    with db.engine.connect() as conn:
        if db.is_postgres:
            conn.exec_driver_sql(f"SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})")
            conn.commit()
        try:
            command.upgrade(_alembic_config(conn), "head")
            conn.commit()
            if then is not None:
                then(db)
        finally:
            if db.is_postgres:
                conn.exec_driver_sql(f"SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})")
                conn.commit()


def pipeline(conn: Connection) -> None:
    """From here to the commit of `Database.write_pipelined`, send statements without waiting (PostgreSQL)."""
    stack = conn.info.get(PIPELINE_KEY)
    if stack is not None and conn.dialect.name == "postgresql" and not conn.info.get(PIPELINE_KEY + ".on"):
        stack.enter_context(conn.connection.driver_connection.pipeline())
        conn.info[PIPELINE_KEY + ".on"] = True
        stack.callback(conn.info.pop, PIPELINE_KEY + ".on", None)


_compiled: dict[tuple, object] = {}


def execute(conn: Connection, stmt, rows: list[dict]) -> None:
    """Run `stmt` for each of `rows` (their results unread). Inside a pipeline it goes to psycopg directly,
    compiled once: SQLAlchemy would read results back one statement at a time."""
    if not rows:
        return
    if not conn.info.get(PIPELINE_KEY + ".on"):
        conn.execute(stmt, rows if len(rows) > 1 else rows[0])
        return
    key = (id(stmt), tuple(rows[0]))
    compiled = _compiled.get(key)
    if compiled is None:
        compiled = _compiled[key] = (stmt, stmt.compile(dialect=conn.dialect, column_keys=list(rows[0])))
    compiled = compiled[1]
    processors = compiled._bind_processors
    params = []
    for row in rows:
        values = compiled.construct_params(row)
        params.append({k: processors[k](v) if k in processors and v is not None else v for k, v in values.items()})
    driver = conn.connection.driver_connection
    try:
        with driver.cursor() as cursor:
            cursor.executemany(compiled.string, params)
    except driver.Error as exc:  # the same exception classes SQLAlchemy would have raised
        raise DBAPIError.instance(compiled.string, params[:1], exc, type(driver).Error) from exc


def schema_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


# --- statements every writer shares ----------------------------------------------------------------------

def dialect_insert(conn: Connection, table):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


_upserts: dict[tuple, object] = {}


def upsert(conn: Connection, table, rows: list[dict], keys: list[str], update_cols: list[str] | None = None) -> None:
    """INSERT ... ON CONFLICT (keys) DO UPDATE (or DO NOTHING when update_cols is empty), executemany."""
    if not rows:
        return
    cols = tuple(sorted(c for c in (update_cols if update_cols is not None else rows[0].keys()) if c not in keys))
    cache_key = (conn.dialect.name, table.name, tuple(keys), cols)
    stmt = _upserts.get(cache_key)
    if stmt is None:  # building the statement costs more than running it for a small batch
        stmt = dialect_insert(conn, table)
        if cols:
            stmt = stmt.on_conflict_do_update(index_elements=keys, set_={c: stmt.excluded[c] for c in cols})
        else:
            stmt = stmt.on_conflict_do_nothing(index_elements=keys)
        _upserts[cache_key] = stmt
    execute(conn, stmt, rows)
