"""Helpers for the sync and central tests and benches: kiosk stores, realistic backlogs, server processes.

Nothing here is a fixture; tests/test_sync_*.py and tests/test_central_*.py wrap them.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from kiosk import applications, outbox, site, survey, tickets
from kiosk.clock import SITE_TZ, FrozenClock
from kiosk.db import Store, open_store
from kiosk.models import OutboxMutation
from kiosk.site import this_device
from mpp import wire

ROOT = Path(__file__).resolve().parent.parent
TABANG, TENGGARONG, MUARA_MUNTAI = "64.02.12", "64.02.06", "64.02.01"

FIRST_NAMES = ["Ahmad", "Siti", "Budi", "Dewi", "Rahmat", "Nur", "Andi", "Sri", "Muhammad", "Fitri", "Agus",
               "Rina", "Hendra", "Yuli", "Joko", "Wahyu", "Dian", "Putri", "Rizky", "Ayu", "Syamsul", "Hasanah"]
LAST_NAMES = ["Saputra", "Rahmawati", "Hidayat", "Lestari", "Wijaya", "Kurniawan", "Pratama", "Sari",
              "Nugroho", "Hakim", "Aji", "Fauzi", "Mahmud", "Yusuf", "Ramadhan", "Aminah", ""]
COUNTERS = {1: ["KTP", "KK", "AKLAHIR"], 2: ["KTP", "KK", "AKMATI", "PINDAH", "KIA"], 3: ["PBG", "PASPOR", "SKCK",
            "TANAH", "IUMK"], 4: ["JKN", "PKB", "PBB"]}
# Relative demand of each service at a busy kecamatan office.
DEMAND = {"KTP": 30, "KK": 18, "AKLAHIR": 8, "AKMATI": 3, "PINDAH": 4, "KIA": 4, "PBG": 2, "PASPOR": 3,
          "SKCK": 8, "TANAH": 2, "IUMK": 3, "JKN": 7, "PKB": 6, "PBB": 2}
INTAKE = ["PBG", "PASPOR", "SKCK", "TANAH", "IUMK", "KK", "AKLAHIR"]


def new_store(path: Path, site_code: str, clock: FrozenClock, name: str = "pc-1") -> Store:
    """A migrated kiosk store for a site, with counters 1-4 set up."""
    store = open_store(path)
    with store.transaction() as s:
        site.init_site(s, site_code, name, clock.now())
        for number, services in COUNTERS.items():
            tickets.set_counter(s, number, services, now=clock.now())
    return store


def random_nik(rng: random.Random, site_code: str) -> str:
    digits = "".join(ch for ch in site_code if ch.isdigit())
    day = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
    return f"{digits}{day:02d}{rng.randint(1, 12):02d}{rng.randint(50, 99):02d}{rng.randint(1, 9999):04d}"


def random_person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}".strip()


def busy_days(store: Store, clock: FrozenClock, *, days: int = 7, tickets_per_day: int = 900,
              applications_per_day: int = 150, surveys_per_day: int = 200, seed: int = 7) -> int:
    """Simulate `days` busy office days through the domain functions; returns the outbox rows written.

    Tickets are issued through the day and called, served and finished on four counters (with some
    no-shows and transfers); applications are taken in (forward services go to MPP Induk) and local
    ones move on over the following days; citizens answer the SKM survey.
    """
    from kiosk.resources import desa_of

    rng = random.Random(seed)
    with store.read() as s:
        before = s.scalar(select(OutboxMutation.id).order_by(OutboxMutation.id.desc()).limit(1)) or 0
        device = this_device(s)
    desa = sorted(desa_of(device.site_code))
    services = list(DEMAND)
    weights = list(DEMAND.values())
    local_open: list[str] = []
    start = clock.at
    for day in range(days):
        clock.at = (start + timedelta(days=day)).replace(hour=7, minute=45, second=0)
        work_seconds = 7 * 3600
        step = work_seconds / tickets_per_day
        with store.transaction() as s:
            for n in range(tickets_per_day):
                clock.at = clock.at + timedelta(seconds=step * rng.uniform(0.5, 1.5))
                priority = "lansia" if rng.random() < 0.05 else None
                ticket = tickets.issue_ticket(s, rng.choices(services, weights)[0], now=clock.now(),
                                              priority=priority, actor="kiosk")
                if n < 3:
                    continue
                # Counters keep up: call, serve and finish one ticket per issued ticket.
                counter = rng.choice([c for c, svcs in COUNTERS.items() if ticket.service_code in svcs])
                actor = f"petugas{counter}"
                try:
                    called = tickets.call_next(s, counter, now=clock.now(), actor=actor)
                except Exception:
                    continue
                if rng.random() < 0.04:
                    tickets.no_show(s, called.id, counter, now=clock.now(), actor=actor)
                    continue
                tickets.start_service(s, called.id, counter, now=clock.now(), actor=actor)
                tickets.finish(s, called.id, counter, now=clock.now() + timedelta(seconds=rng.randint(60, 900)),
                               actor=actor)
            for _ in range(applications_per_day):
                clock.at = clock.at + timedelta(seconds=rng.randint(5, 60))
                code = rng.choice(INTAKE)
                phone = f"08{rng.choice(['12', '13', '21', '52', '77'])}{rng.randint(10_000_000, 99_999_999)}"
                app = applications.new_application(
                    s, service_code=code, nik=random_nik(rng, device.site_code), name=random_person(rng),
                    phone=phone if rng.random() < 0.8 else None, desa_code=rng.choice(desa),
                    address=f"RT {rng.randint(1, 30):02d}" if rng.random() < 0.6 else None,
                    operator=f"petugas{rng.randint(1, 4)}", now=clock.now())
                if app.status == "received":
                    local_open.append(app.registration_number)
            # Yesterday's local files are processed and handed over today.
            for regno in local_open[: applications_per_day // 2]:
                app = applications.find_application(s, regno)
                applications.set_status(s, app, "ready", actor="petugas1", now=clock.now())
                if rng.random() < 0.7:
                    applications.hand_over(s, app, actor="petugas1", now=clock.now())
            del local_open[: applications_per_day // 2]
            for _ in range(surveys_per_day):
                scores = [rng.choice((3, 3, 4, 4, 4, 2)) for _ in range(9)]
                survey.add_survey(s, service_code=rng.choice(services), scores=scores, now=clock.now())
            tickets.close_day(s, now=clock.now() + timedelta(hours=12), actor="system")
    with store.read() as s:
        after = s.scalar(select(OutboxMutation.id).order_by(OutboxMutation.id.desc()).limit(1)) or 0
    return after - before


def clone_backlog(store: Store, total: int, seed: int = 11) -> int:
    """Append about `total` outbox rows fast, cloning the shapes of the rows already there.

    The source rows come from the real domain functions (e.g. `busy_days` for one day); each copy
    gets fresh entity ids (consistently, so events still point at their ticket) and later times.
    Returns the number of rows appended.
    """
    with store.read() as s:
        source = [(r.name, json.loads(r.payload)) for r in s.scalars(select(OutboxMutation).order_by(OutboxMutation.id))]
        device = this_device(s)
        epoch = device.epoch
        last = s.scalar(select(OutboxMutation.seq).where(OutboxMutation.epoch == epoch)
                        .order_by(OutboxMutation.seq.desc()).limit(1)) or 0
    span = max(1, max((p.get("at") or p.get("t") or 0) for _, p in source) - min(
        (p.get("at") or p.get("t") or 2**40) for _, p in source)) + 3600
    rows, copy = [], 0
    created = datetime.now(SITE_TZ)
    rng = random.Random(seed)
    used_tags = {device.reg_tag}
    while len(rows) < total:
        copy += 1
        ids: dict[str, str] = {}
        # Each copy moves its registration numbers to its own (fake) device tag, never one used before.
        tag = device.reg_tag
        while tag in used_tags:
            tag = "".join(rng.choice(site.CROCKFORD) for _ in range(3))
        used_tags.add(tag)
        for name, payload in source:
            if len(rows) >= total:
                break
            p = dict(payload)
            for key in ("i", "f", "tk"):
                value = p.get(key)
                if isinstance(value, str) and len(value) == 36:
                    p[key] = ids.setdefault(value, str(uuid.uuid4()))
            for key in ("a", "t", "at"):
                if isinstance(p.get(key), int):
                    p[key] += span * copy
            if name == "application.received":
                # Registration numbers are unique: move the copy's to another (fake) device tag.
                regno = p["rn"]
                body = regno.replace("-", "")[:19]
                body = body[:12] + tag + body[15:]
                p["rn"] = applications.make_registration_number(device.site_code, datetime.strptime(
                    body[6:12], "%y%m%d").date(), tag, int(body[15:19]))
            last += 1
            rows.append({"epoch": epoch, "seq": last, "name": name,
                         "payload": json.dumps(p, separators=(",", ":"), ensure_ascii=False),
                         "schema_version": wire.MUTATION_SCHEMA_VERSION, "created_at": created})
    with store.transaction() as s:
        s.execute(insert(OutboxMutation), rows)
    return len(rows)


# --- processes and ports -----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_process_group(proc: subprocess.Popen | None) -> None:
    """SIGTERM a process started with its own session, SIGKILL after 10 s; nothing when it already ended."""
    if proc is None or proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def server_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["PYTHONUNBUFFERED"] = "1"
    env.update({k: str(v) for k, v in extra.items()})
    return env


def run_server_cli(db_url: str, *args: str, timeout: float = 60, env_extra: dict | None = None,
                   input: str | None = None):
    """Run `kiosk-server --db URL ARGS...` (with `input` on stdin) and return the CompletedProcess."""
    return subprocess.run([sys.executable, "-m", "central.cli", *args, "--db", db_url], capture_output=True,
                          text=True, env=server_env(**(env_extra or {})), timeout=timeout, cwd=ROOT,
                          input=input if input is not None else "")


class ServerProcess:
    """A real `kiosk-server run` on a free loopback port; `stop()` always kills it."""

    def __init__(self, db_url: str, port: int | None = None, workers: int = 1, log_path: Path | None = None,
                 env: dict | None = None, args: tuple[str, ...] = ()):
        self.db_url = db_url
        self.port = port or free_port()
        self.workers = workers
        self.log_path = log_path
        self.env = env or {}
        self.args = args
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> ServerProcess:
        import requests

        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "central.cli", "run", "--db", self.db_url, "--host", "127.0.0.1",
             "--port", str(self.port), "--workers", str(self.workers), *self.args],
            stdout=log, stderr=subprocess.STDOUT, env=server_env(**self.env), cwd=ROOT, start_new_session=True)
        deadline = _deadline(timeout)
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"kiosk-server exited with {self.proc.returncode}; see {self.log_path}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            if _expired(deadline):
                self.stop()
                raise RuntimeError(f"kiosk-server did not come up on {self.url}")
            _pause(0.05)

    def stop(self) -> None:
        stop_process_group(self.proc)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def _deadline(seconds: float) -> float:
    import time

    return time.monotonic() + seconds


def _expired(deadline: float) -> bool:
    import time

    return time.monotonic() > deadline


def _pause(seconds: float) -> None:
    # Polling a condition we cannot be told about (a process coming up), always under a deadline.
    import time

    time.sleep(seconds)


# --- databases ---------------------------------------------------------------------------------------

@contextlib.contextmanager
def scratch_pg_database(base_url: str, prefix: str = "kiosk_t"):
    """A fresh PostgreSQL database next to `base_url`'s, dropped afterwards; yields its URL."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    url = make_url(base_url)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def clock_at(day: str = "2026-11-30", hour: int = 8) -> FrozenClock:
    return FrozenClock(datetime.fromisoformat(day).replace(hour=hour, tzinfo=SITE_TZ))


# --- handles and fixtures --------------------------------------------------------------------------------

PG_URL = os.environ.get("KIOSK_TEST_PG_URL")
NO_RATE_LIMITS = {"KIOSK_SERVER_RATE_ENROLL": "off", "KIOSK_SERVER_RATE_STATUS": "off",
                  "KIOSK_SERVER_RATE_SIGNIN": "off"}


class Central:
    """A central database (and usually a server process on it) for a test module."""

    def __init__(self, db_url: str):
        from central.db import Database

        self.db_url = db_url
        self.db = Database(db_url)
        self.server: ServerProcess | None = None

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def port(self) -> int:
        return self.server.port

    def init(self) -> None:
        from central.backoffice import seed_catalog
        from central.db import migrate

        def seed(db):
            with db.write() as conn:
                seed_catalog(conn, datetime.now(SITE_TZ))

        migrate(self.db, then=seed)

    def code(self, site_code: str, expires: timedelta = timedelta(hours=1), now: datetime | None = None) -> str:
        from central.devices import create_enrollment_code

        with self.db.write() as conn:
            return create_enrollment_code(conn, site_code, expires, now or datetime.now(SITE_TZ))

    def cli(self, *args: str, **kw):
        return run_server_cli(self.db_url, *args, **kw)

    def scalar(self, sql: str, **params):
        from sqlalchemy import text

        with self.db.read() as conn:
            return conn.execute(text(sql), params).scalar()

    def rows(self, sql: str, **params) -> list:
        from sqlalchemy import text

        with self.db.read() as conn:
            return conn.execute(text(sql), params).all()

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()
        self.db.close()


class Kiosk:
    """One kiosk data dir, driven in-process (domain functions, SyncEngine) or through the CLI."""

    def __init__(self, data_dir: Path, site_code: str, clock: FrozenClock | None = None, name: str = "pc-1"):
        self.data_dir = data_dir
        self.site_code = site_code
        self.clock = clock or clock_at()
        self.store = new_store(data_dir / "kiosk.sqlite3", site_code, self.clock, name=name)
        self.server_url: str | None = None

    @property
    def device_id(self) -> str:
        with self.store.read() as s:
            return this_device(s).device_uuid

    def enroll(self, central: Central, server_url: str | None = None) -> dict:
        from kiosk.sync.engine import enroll

        self.server_url = server_url or central.url
        return enroll(self.store, self.server_url, central.code(self.site_code))

    def engine(self, server_url: str | None = None, **kw):
        from kiosk.clock import Clock
        from kiosk.sync.engine import SyncEngine

        return SyncEngine(self.store, self.data_dir, server_url=server_url or self.server_url, clock=Clock(), **kw)

    def sync(self, server_url: str | None = None, **kw):
        return self.engine(server_url, **kw).run()

    def sync_until_done(self, server_url: str | None = None, max_runs: int = 20, **kw) -> list:
        """Run sync until it succeeds with nothing pending (bounded); returns every run's result."""
        results = []
        for _ in range(max_runs):
            result = self.sync(server_url, **kw)
            results.append(result)
            if result.ok and result.pending == 0:
                return results
        raise AssertionError(f"sync did not converge in {max_runs} runs: {[r.error for r in results]}")

    def tickets(self, n: int, service: str = "KTP", lifecycle: bool = True) -> list[str]:
        """Issue n tickets (and call, serve and finish them): 4 mutations each with lifecycle."""
        ids = []
        with self.store.transaction() as s:
            for _ in range(n):
                self.clock.advance(seconds=30)
                t = tickets.issue_ticket(s, service, now=self.clock.now())
                ids.append(t.id)
                if lifecycle:
                    c = tickets.call_next(s, 1, now=self.clock.now(), actor="budi")
                    tickets.start_service(s, c.id, 1, now=self.clock.now(), actor="budi")
                    tickets.finish(s, c.id, 1, now=self.clock.now(), actor="budi")
        return ids

    def application(self, service: str = "SKCK", name: str = "Siti Aminah"):
        rng = random.Random(hash((self.site_code, name)) & 0xFFFF)
        with self.store.transaction() as s:
            self.clock.advance(seconds=60)
            app = applications.new_application(s, service_code=service, nik=random_nik(rng, self.site_code),
                                               name=name, operator="budi", now=self.clock.now())
            return app.id, app.registration_number

    def outbox(self) -> list[OutboxMutation]:
        with self.store.read() as s:
            return list(s.scalars(select(OutboxMutation).order_by(OutboxMutation.id)))

    def pending(self) -> int:
        with self.store.read() as s:
            return outbox.pending_count(s)

    def close(self) -> None:
        self.store.close()


def assert_exactly_once(central: Central, kiosk: Kiosk) -> None:
    """Central holds every outbox row of the kiosk once, and each effect once."""
    rows = kiosk.outbox()
    device = kiosk.device_id
    got = central.rows("SELECT epoch, seq, digest FROM mutations WHERE device_id = :d ORDER BY epoch, seq", d=device)
    assert [(r.epoch, r.seq) for r in got] == sorted((r.epoch, r.seq) for r in rows)
    want = {(r.epoch, r.seq): wire.mutation_digest(r.name, json.loads(r.payload)) for r in rows}
    assert {(r.epoch, r.seq): r.digest for r in got} == want
    events = sum(1 for r in rows if r.name == "ticket.event" and not r.rejected)
    issued = {json.loads(r.payload)["i"] for r in rows if r.name == "ticket.issued" and not r.rejected}
    assert central.scalar("SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
                          "WHERE t.device_id = :d AND e.from_status IS NOT NULL", d=device) == events
    assert central.scalar("SELECT count(*) FROM tickets WHERE device_id = :d", d=device) == len(issued)
    assert all(r.acked_at is not None for r in rows)


def _central_fixture(request, tmp_path_factory):
    import pytest

    if request.param == "pg" and not PG_URL:
        pytest.skip("PostgreSQL tests need KIOSK_TEST_PG_URL")
    tmp = tmp_path_factory.mktemp(f"central-{request.param}")
    with contextlib.ExitStack() as stack:
        url = f"sqlite:///{tmp / 'central.sqlite3'}" if request.param == "sqlite" else \
            stack.enter_context(scratch_pg_database(PG_URL))
        handle = Central(url)
        stack.callback(handle.close)
        handle.init()
        # Tests enroll and look up a lot from one address: the rate limits have their own test.
        handle.server = ServerProcess(url, log_path=tmp / "server.log", env=NO_RATE_LIMITS).start()
        yield handle


def central_fixture(scope: str = "module"):
    """Build a `central` fixture (sqlite always, pg when KIOSK_TEST_PG_URL is set) for a test module."""
    import pytest

    return pytest.fixture(scope=scope, params=["sqlite", "pg"])(_central_fixture)


def kiosk_factory_fixture():
    import pytest

    @pytest.fixture
    def make_kiosk(tmp_path):
        made: list[Kiosk] = []

        def make(site_code: str = TABANG, name: str = "pc-1", clock: FrozenClock | None = None) -> Kiosk:
            kiosk = Kiosk(tmp_path / f"kiosk-{len(made)}", site_code, clock, name)
            made.append(kiosk)
            return kiosk

        yield make
        for kiosk in made:
            kiosk.close()

    return make_kiosk
