"""One sync run: push the outbox, then pull central's changes. Plain Python (no Qt), safe to call from
any thread or process: one run at a time per data dir, whoever starts it (file lock `sync.lock`).

Push sends the outbox in seq order, one epoch at a time (the oldest pending row's epoch first), in
gzip batches bounded by count and bytes. Every answer is recorded locally in its own transaction,
so progress is never lost and never goes backwards; a batch that times out or is cut is retried
smaller. Rows written after the run started wait for the next run.
Pull applies each page and its cursor in one local transaction (upserts; see `apply_change`).
The outcome (last success/error, clock skew, failures, next run with full-jitter backoff) is kept
in the Meta table, so `kiosk sync status` and the GUI see the same facts.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk import outbox
from kiosk.clock import Clock
from kiosk.db import Store
from kiosk.models import Announcement, Meta, OutboxMutation
from kiosk.site import this_device
from kiosk.sync.client import Client, Fenced, Gap, Offline, SeqConflict, ServerError, SyncError, SyncTimeout
from mpp import wire

log = logging.getLogger("kiosk.sync")

LOCK_FILE = "sync.lock"
DEFAULT_INTERVAL = 60
BACKOFF_BASE = 2.0
BACKOFF_CAP = 15 * 60
SKEW_WARN_SECONDS = 300
BATCH_COUNT = 4000  # ~50 KB of gzip for a typical mix: ~1.6 s at 256 kbit/s
BATCH_MIN = 25
BATCH_RAW_BYTES = 1024 * 1024  # payload JSON before gzip
MAX_FAILED_ATTEMPTS = 4  # in a row within one run, before giving up until the next run
MAX_PULL_PAGES = 200

# Meta keys.
K_DEVICE, K_SECRET, K_SERVER = "sync.device_id", "sync.secret", "sync.server"
K_CURSOR, K_CATALOG = "sync.cursor", "sync.catalog_version"
K_LAST_SUCCESS, K_LAST_ERROR, K_LAST_RUN = "sync.last_success", "sync.last_error", "sync.last_run"
K_SKEW, K_FAILURES, K_NEXT_RUN = "sync.skew_seconds", "sync.failures", "sync.next_run"


class Busy(SyncError):
    code = "busy"


class NotEnrolled(SyncError):
    code = "not_enrolled"
    transient = False


@dataclass
class SyncResult:
    """What one run did; `as_dict()` is the JSON of `kiosk sync --json`."""

    pushed: int = 0
    rejected: int = 0
    pulled: int = 0
    pending: int = 0
    skew_seconds: float | None = None
    error: str | None = None
    error_code: str | None = None
    clock_warning: str | None = None
    next_run: datetime | None = None
    notes: list[str] = field(default_factory=list)
    dead_letters: list[dict] = field(default_factory=list)  # dead-lettered in this run: {seq, kind, reason}
    retry_after: float | None = None  # central asked to wait this long (overloaded)

    @property
    def ok(self) -> bool:
        """The run itself worked (the schedule carries on as usual); see `clean` for its outcome."""
        return self.error is None

    @property
    def clean(self) -> bool:
        """Worked, and central took every mutation it was sent: what `kiosk sync` exits 0 for."""
        return self.ok and not self.dead_letters

    def dead_letter_message(self) -> str | None:
        if not self.dead_letters:
            return None
        first = self.dead_letters[0]
        return (f"dead_letter: {len(self.dead_letters)} mutasi ditolak server pusat (lihat `kiosk sync dead-letters`);"
                f" seq {first['seq']} {first['kind']}: {first['reason']}")

    def as_dict(self) -> dict:
        return {"pushed": self.pushed, "rejected": self.rejected, "pulled": self.pulled, "pending": self.pending,
                "skew_seconds": self.skew_seconds, "error": self.error or self.dead_letter_message(),
                "dead_letters": self.dead_letters}


def backoff_delay(failures: int, rng: random.Random | None = None) -> float:
    """Full-jitter exponential backoff: uniform(0, min(cap, base * 2^failures)), at least a second."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** min(failures, 20))
    return max(1.0, (rng or random).uniform(0, ceiling))


# --- Meta helpers ------------------------------------------------------------------------------------------

def meta_get(session: Session, key: str) -> str | None:
    row = session.get(Meta, key)
    return row.value if row is not None else None


def meta_set(session: Session, key: str, value) -> None:
    if value is None:
        row = session.get(Meta, key)
        if row is not None:
            session.delete(row)
        return
    row = session.get(Meta, key) or Meta(key=key)
    row.value = str(value)
    session.add(row)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _sendable(stored_json: str) -> dict:
    """A row's payload as sent; one too big for any batch goes as a stub central dead-letters (reported back),
    so it can never block the rows behind it."""
    if len(stored_json) > wire.MAX_MUTATION_BYTES:
        return wire.oversized_stub(stored_json)
    return json.loads(stored_json)


# --- pulled changes ------------------------------------------------------------------------------------------

def apply_change(session: Session, kind: str, payload: dict, now: datetime) -> bool:
    """Apply one pulled change (idempotent upsert); returns False when it changed nothing or is unknown."""
    if kind == wire.KIND_APPLICATION:
        from kiosk.applications import apply_central_status

        change = wire.read_change(kind, payload)
        return apply_central_status(session, change["id"], change["status"], change["reason"],
                                    datetime.fromtimestamp(change["at"], UTC), now)
    if kind == wire.KIND_CATALOG:
        from kiosk import audit
        from kiosk.catalog import apply_catalog
        from kiosk.errors import InputError

        change = wire.read_change(kind, payload)
        version = int(change["version"])
        if version <= int(meta_get(session, K_CATALOG) or 0):
            return False
        try:
            with session.begin_nested():
                apply_catalog(session, change["document"])
        except InputError as exc:
            # A catalog this version cannot read must not block status changes behind it: keep the
            # current catalog, say so in the audit log, and move on.
            log.warning("catalog version %s refused: %s", version, exc)
            audit.record(session, "sync", "catalog.refused", now, "catalog", str(version), str(exc))
            return False
        meta_set(session, K_CATALOG, version)
        return True
    if kind == wire.KIND_ANNOUNCEMENT:
        change = wire.read_change(kind, payload)
        row = session.get(Announcement, change["id"]) or Announcement(id=change["id"])
        row.text = change["text"]
        row.active = bool(change["active"] if change["active"] is not None else True)
        row.starts_at = datetime.fromtimestamp(change["starts_at"], UTC) if change["starts_at"] else None
        row.ends_at = datetime.fromtimestamp(change["ends_at"], UTC) if change["ends_at"] else None
        session.add(row)
        return True
    if kind == wire.KIND_BOOKING:
        from kiosk.bookings import apply_pulled

        return apply_pulled(session, wire.read_change(kind, payload), now)
    log.info("ignoring pulled change of unknown kind %r", kind)
    return False


# --- the engine ------------------------------------------------------------------------------------------

@dataclass
class Credentials:
    device_id: str
    secret: str
    server: str
    site: str
    fence: int | None = None  # this PC's site-hub epoch, when it is the site's hub


class SyncEngine:
    """Sync of one data dir. Cheap to create; `run()` does one push-then-pull."""

    def __init__(self, store: Store, data_dir: Path, *, server_url: str | None = None, clock: Clock | None = None,
                 interval: int = DEFAULT_INTERVAL, client_factory: Callable[..., Client] | None = None,
                 batch_count: int = BATCH_COUNT, batch_raw_bytes: int = BATCH_RAW_BYTES,
                 read_timeout: float | None = None, rng: random.Random | None = None):
        self.store = store
        self.data_dir = Path(data_dir)
        self.server_url = server_url
        self.clock = clock or Clock()
        self.interval = interval
        self.client_factory = client_factory or Client
        self.batch_count = batch_count
        self.batch_raw_bytes = batch_raw_bytes
        self.read_timeout = read_timeout
        self.rng = rng or random.Random()

    @classmethod
    def for_app(cls, app, **kw) -> SyncEngine:
        """The engine of a kiosk.app.App (its settings: server.url, sync.interval)."""
        return cls(app.store, app.data_dir, server_url=app.settings.server_url or None, clock=app.clock,
                   interval=int(app.settings.get("sync.interval")), **kw)

    def lock(self):
        from filelock import FileLock

        return FileLock(str(self.data_dir / LOCK_FILE))

    # --- state -------------------------------------------------------------------------------------------

    def credentials(self) -> Credentials | None:
        with self.store.read() as s:
            device_id, secret = meta_get(s, K_DEVICE), meta_get(s, K_SECRET)
            server = self.server_url or meta_get(s, K_SERVER)
            if not (device_id and secret and server):
                return None
            from kiosk.hub import state

            fence = state.epoch(s) if state.role(s) == state.HUB else None
            return Credentials(device_id, secret, server, this_device(s).site_code, fence)

    def status(self) -> dict:
        """The JSON of `kiosk sync status` (and what the counter's status bar shows)."""
        with self.store.read() as s:
            skew = meta_get(s, K_SKEW)
            last_dead = outbox.dead_letters(s, limit=1)
            return {
                "enrolled": bool(meta_get(s, K_DEVICE) and meta_get(s, K_SECRET)),
                "last_success": meta_get(s, K_LAST_SUCCESS),
                "pending": outbox.pending_count(s),
                "last_error": meta_get(s, K_LAST_ERROR),
                "skew_seconds": float(skew) if skew is not None else None,
                "next_run": meta_get(s, K_NEXT_RUN),
                "dead_letters": outbox.dead_letter_count(s),
                "last_dead_letter": {k: last_dead[0][k] for k in ("seq", "kind", "reason")} if last_dead else None,
            }

    def next_run_at(self) -> datetime | None:
        with self.store.read() as s:
            value = meta_get(s, K_NEXT_RUN)
        return datetime.fromisoformat(value) if value else None

    # --- a run -------------------------------------------------------------------------------------------

    def run(self) -> SyncResult:
        """Push then pull, now. If another run holds the data dir's sync lock, returns at once (error busy)."""
        from filelock import Timeout

        lock = self.lock()
        try:
            lock.acquire(timeout=0)
        except Timeout:
            result = SyncResult(error=str(Busy("sinkronisasi lain sedang berjalan untuk data dir ini")),
                                error_code=Busy.code)
            with self.store.read() as s:
                result.pending = outbox.pending_count(s)
            return result
        try:
            return self._run_locked()
        finally:
            lock.release()

    def _run_locked(self) -> SyncResult:
        result = SyncResult()
        creds = self.credentials()
        client = None
        try:
            if creds is None:
                raise NotEnrolled("perangkat belum terdaftar: jalankan `kiosk enroll --server URL --code KODE`")
            client = self.client_factory(creds.server, device_id=creds.device_id, secret=creds.secret,
                                         clock=self.clock)
            with self.store.read() as s:
                until_id = s.scalar(select(func.max(OutboxMutation.id))) or 0
            self._push(client, creds, until_id, result)
            self._pull(client, result)
        except Fenced as exc:
            self._stand_down(exc)
            result.error, result.error_code = str(exc), exc.code
        except SyncError as exc:
            result.error, result.error_code = str(exc), exc.code
            result.retry_after = getattr(exc, "retry_after", None)
        finally:
            if client is not None:
                result.skew_seconds = client.last_skew
                client.close()
        self._record(result)
        return result

    def _stand_down(self, exc) -> None:
        """Central heard from a newer hub of this site: this PC stops being the hub (refuses writes)."""
        from kiosk.hub import state

        with self.store.transaction() as s:
            if state.role(s) == state.HUB:
                state.put(s, state.K_ROLE, state.STOOD_DOWN)
                log.warning("central reports a newer site hub (epoch %s): this PC stands down", exc.epoch)

    def _record(self, result: SyncResult) -> None:
        now = self.clock.now()
        with self.store.transaction() as s:
            meta_set(s, K_LAST_RUN, _iso(now))
            if result.skew_seconds is not None:
                meta_set(s, K_SKEW, result.skew_seconds)
            if result.ok:
                meta_set(s, K_LAST_SUCCESS, _iso(now))
                meta_set(s, K_LAST_ERROR, None)
                meta_set(s, K_FAILURES, 0)
                delay = float(self.interval)
            else:
                failures = int(meta_get(s, K_FAILURES) or 0) + 1
                meta_set(s, K_LAST_ERROR, result.error)
                meta_set(s, K_FAILURES, failures)
                delay = backoff_delay(failures, self.rng)
                if result.retry_after:
                    # Central is over capacity: never sooner than it asked, spread so devices do not return at once.
                    delay = max(delay, result.retry_after * self.rng.uniform(1.0, 1.5))
            result.next_run = now + timedelta(seconds=delay)
            meta_set(s, K_NEXT_RUN, _iso(result.next_run))
            result.pending = outbox.pending_count(s)
        skew = result.skew_seconds
        if skew is not None and abs(skew) > SKEW_WARN_SECONDS:
            result.clock_warning = (f"jam PC ini selisih {skew:+.0f} detik dari server pusat; perbaiki tanggal/jam "
                                    "Windows (sinkron tetap berjalan)")
            log.warning(result.clock_warning)

    # --- push --------------------------------------------------------------------------------------------

    def _batch_rows(self, until_id: int, limit: int, resend_from: dict[int, int]) -> list[OutboxMutation]:
        """The next consecutive rows to send: a resend after a 409 first, else the oldest pending epoch."""
        with self.store.read() as s:
            if resend_from:
                epoch, start = next(iter(resend_from.items()))
                query = select(OutboxMutation).where(OutboxMutation.epoch == epoch, OutboxMutation.seq >= start)
            else:
                epoch = s.scalar(select(OutboxMutation.epoch).where(
                    OutboxMutation.acked_at.is_(None), OutboxMutation.id <= until_id)
                    .order_by(OutboxMutation.id).limit(1))
                if epoch is None:
                    return []
                query = select(OutboxMutation).where(OutboxMutation.epoch == epoch, OutboxMutation.acked_at.is_(None))
            rows = list(s.scalars(query.where(OutboxMutation.id <= until_id).order_by(OutboxMutation.seq).limit(limit)))
        batch, size = [], 0
        for row in rows:
            if batch and (row.seq != batch[-1].seq + 1 or row.schema_version != batch[0].schema_version
                          or size + len(row.payload) > self.batch_raw_bytes):
                break
            batch.append(row)
            size += len(row.payload) + 8
        return batch

    def _push(self, client: Client, creds: Credentials, until_id: int, result: SyncResult) -> None:
        limit = self.batch_count
        failures = 0
        resend_from: dict[int, int] = {}
        for _ in range(100_000):  # bounded: every pass acks a batch or counts a failure
            rows = self._batch_rows(until_id, limit, resend_from)
            if not rows:
                if resend_from:
                    raise SyncError(f"central expects epoch {next(iter(resend_from))} seq "
                                    f"{next(iter(resend_from.values()))}, which this kiosk no longer has")
                return
            epoch, first = rows[0].epoch, rows[0].seq
            body = wire.encode_push(creds.device_id, creds.site, epoch, first, rows[0].schema_version,
                                    [(r.name, _sendable(r.payload)) for r in rows], fence=creds.fence)
            try:
                reply = client.push(body, timeout=self.read_timeout)
            except Gap as exc:
                if exc.expected < 1 or exc.expected >= first or failures >= MAX_FAILED_ATTEMPTS:
                    raise
                log.warning("central expects epoch %s seq %s, resending from there", epoch, exc.expected)
                resend_from = {epoch: exc.expected}
                failures += 1
                continue
            except SeqConflict as exc:
                # Central already holds this (epoch, seq) with other content: this database was
                # restored and reused an epoch. Those rows never reached central; give them a new one.
                if resend_from or exc.epoch != epoch or not exc.conflicts or failures >= MAX_FAILED_ATTEMPTS:
                    raise
                self._move_to_new_epoch(epoch, exc.conflicts, exc.max_epoch)
                failures += 1
                continue
            except (SyncTimeout, Offline):
                # The link dropped or stalled: try again at once with half the batch, a few times.
                failures += 1
                if failures >= MAX_FAILED_ATTEMPTS:
                    raise
                limit = max(BATCH_MIN, len(rows) // 2)
                continue
            failures = 0
            try:
                last, dead = int(reply.data["a"]), [(int(q), str(why)) for q, why in reply.data.get("r") or []]
            except (KeyError, TypeError, ValueError):
                raise ServerError(f"unexpected push answer: {str(reply.data)[:100]}") from None
            if not first <= last <= rows[-1].seq:  # never mark as delivered what was not in this batch
                raise ServerError(f"push answer acknowledges seq {last}, outside {first}..{rows[-1].seq}")
            acked, rejected = self._ack(epoch, first, last, dead)
            result.pushed += acked
            result.rejected += len(rejected)
            result.dead_letters += rejected
            if resend_from:
                nxt = last + 1
                resend_from = {} if self._caught_up(epoch, nxt) else {epoch: nxt}
            limit = min(self.batch_count, limit * 2)
        raise SyncError("push did not finish in a bounded number of batches")

    def _move_to_new_epoch(self, epoch: int, seqs: list[int], server_max_epoch: int) -> None:
        """Renumber the pending rows `seqs` of `epoch` into a fresh epoch (1, 2, ... in order).

        Only rows central refused move (it holds other content under their keys), so no key central
        has is ever reused. If `epoch` is the device's current one, the fresh epoch becomes current,
        so rows written later follow the moved ones.
        """
        with self.store.transaction() as s:
            device = this_device(s)
            local_max = s.scalar(select(func.max(OutboxMutation.epoch))) or 0
            fresh = max(server_max_epoch, local_max, device.epoch) + 1
            rows = list(s.scalars(select(OutboxMutation).where(
                OutboxMutation.epoch == epoch, OutboxMutation.seq.in_(seqs), OutboxMutation.acked_at.is_(None))
                .order_by(OutboxMutation.seq)))
            for number, row in enumerate(rows, start=1):
                row.epoch, row.seq = fresh, number
            if device.epoch == epoch:
                device.epoch = fresh
        log.warning("epoch %s seqs %s were already used on central for other content; %d pending rows "
                    "moved to epoch %s", epoch, seqs[:5], len(rows), fresh)

    def _caught_up(self, epoch: int, seq: int) -> bool:
        """True when every row of `epoch` from `seq` on is still pending (normal sending resumes)."""
        with self.store.read() as s:
            return not s.scalar(select(func.count()).select_from(OutboxMutation).where(
                OutboxMutation.epoch == epoch, OutboxMutation.seq >= seq, OutboxMutation.acked_at.is_not(None)))

    def _ack(self, epoch: int, first: int, last: int, rejected: list) -> tuple[int, list[dict]]:
        """Record central's answer: rows first..last are settled; some dead-lettered. Only moves forward.

        Returns how many rows were settled now, and those dead-lettered now ({seq, kind, reason})."""
        now = self.clock.now()
        newly: list[dict] = []
        with self.store.transaction() as s:
            for seq, reason in rejected:
                row = s.scalar(select(OutboxMutation).where(
                    OutboxMutation.epoch == epoch, OutboxMutation.seq == int(seq), OutboxMutation.acked_at.is_(None)))
                if row is None:
                    continue
                row.rejected, row.acked_at = str(reason)[:1000], now
                newly.append({"seq": row.seq, "kind": row.name, "reason": row.rejected})
            acked = s.execute(update(OutboxMutation).where(
                OutboxMutation.epoch == epoch, OutboxMutation.seq.between(first, last),
                OutboxMutation.acked_at.is_(None)).values(acked_at=now)).rowcount
        if newly:
            log.warning("%d mutation(s) dead-lettered by central: %s", len(newly), newly[:3])
        return acked + len(newly), newly

    # --- pull --------------------------------------------------------------------------------------------

    def _pull(self, client: Client, result: SyncResult) -> None:
        with self.store.read() as s:
            cursor = meta_get(s, K_CURSOR) or ""
        for _ in range(MAX_PULL_PAGES):
            reply = client.pull(cursor)
            changes = reply.data.get("ch") or []
            next_cursor = reply.data.get("c") or cursor
            if not isinstance(changes, list) or not isinstance(next_cursor, str):
                raise ServerError(f"unexpected pull answer: {str(reply.data)[:100]}")
            now = self.clock.now()
            with self.store.transaction() as s:
                for kind, payload in changes:
                    apply_change(s, kind, payload, now)
                meta_set(s, K_CURSOR, next_cursor)
            result.pulled += len(changes)
            cursor = next_cursor
            if not reply.data.get("more"):
                return


# --- enrollment ------------------------------------------------------------------------------------------

def enroll(store: Store, server_url: str, code: str, *, clock: Clock | None = None,
           client_factory: Callable[..., Client] | None = None) -> dict:
    """Spend an enrollment code: store the device's credentials in Meta. Raises EnrollRefused / SyncError."""
    server_url = server_url.rstrip("/")
    with store.read() as s:
        device = this_device(s)
        device_uuid, site, name = device.device_uuid, device.site_code, device.name
    with (client_factory or Client)(server_url, clock=clock) as client:
        data = client.enroll(code, device_uuid=device_uuid, site=site, name=name)
    with store.transaction() as s:
        if meta_get(s, K_SERVER) not in (None, server_url):
            meta_set(s, K_CURSOR, None)  # another central: its change log starts from the beginning
        meta_set(s, K_DEVICE, data["device_id"])
        meta_set(s, K_SECRET, data["secret"])
        meta_set(s, K_SERVER, server_url)
        for key in (K_FAILURES, K_NEXT_RUN, K_LAST_ERROR):
            meta_set(s, key, None)
    return {"enrolled": True, "device_id": data["device_id"], "site": data["site"], "server": server_url}
