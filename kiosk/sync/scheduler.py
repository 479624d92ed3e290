"""Runs sync in the background (APScheduler BackgroundScheduler): every `interval` seconds, soon after a
local change (`nudge()`), and with full-jitter backoff after a failure — for ever, even when nothing
new is written. No Qt here: the GUI's bridge subscribes with `add_listener` and turns the plain
callbacks into signals (they are called on the scheduler's worker thread).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.sync.engine import BACKOFF_CAP, SyncEngine, SyncResult

log = logging.getLogger("kiosk.sync")

JOB_ID = "kiosk-sync"
NUDGE_DELAY = 2.0  # seconds: a burst of local changes goes in one run
BUSY_RETRY = 5.0  # another process is syncing this data dir: look again shortly

IDLE, RUNNING, OK, ERROR = "idle", "running", "ok", "error"


@dataclass(frozen=True)
class SyncState:
    """What a listener is told: the state, the last run's result (if any) and when the next run is."""

    state: str
    result: SyncResult | None
    next_run: datetime | None


Listener = Callable[[SyncState], None]


class SyncScheduler:
    """Owns the sync thread of one data dir. `start()`, `nudge()`, `run_now()`, `shutdown()`."""

    def __init__(self, engine: SyncEngine, *, interval: float | None = None, nudge_delay: float = NUDGE_DELAY,
                 scheduler=None):
        from apscheduler.schedulers.background import BackgroundScheduler

        self.engine = engine
        self.interval = float(interval if interval is not None else engine.interval)
        self.nudge_delay = nudge_delay
        self.scheduler = scheduler or BackgroundScheduler(timezone=UTC, job_defaults={
            "coalesce": True, "max_instances": 1, "misfire_grace_time": None})
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self._running = False
        self._nudged_while_running = False
        self._backing_off_until: datetime | None = None
        self.last_result: SyncResult | None = None

    # --- listeners ---------------------------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, state: str, next_run: datetime | None = None) -> None:
        snapshot = SyncState(state, self.last_result, next_run)
        for listener in list(self._listeners):
            try:
                listener(snapshot)
            except Exception:  # a broken subscriber must not stop sync
                log.exception("sync listener failed")

    # --- scheduling --------------------------------------------------------------------------------------

    @staticmethod
    def _now() -> datetime:
        # APScheduler runs on the real wall clock, whatever offset the kiosk's Clock has.
        return datetime.now(UTC)

    def start(self) -> None:
        """Start the thread; the first run follows the persisted next_run (bounded), else right away."""
        self.scheduler.start()
        delay = 0.5
        persisted = self.engine.next_run_at()
        if persisted is not None:
            remaining = (persisted - self.engine.clock.now()).total_seconds()
            # A clock that jumped must not park sync: never wait longer than the backoff cap.
            delay = min(max(remaining, 0.5), BACKOFF_CAP)
        self._schedule(delay)
        self._notify(IDLE, self._next_run_time())

    def shutdown(self, wait: bool = True) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=wait)

    def _schedule(self, delay: float) -> None:
        self.scheduler.add_job(self._tick, "date", run_date=self._now() + timedelta(seconds=delay), id=JOB_ID,
                               replace_existing=True)

    def _next_run_time(self) -> datetime | None:
        job = self.scheduler.get_job(JOB_ID)
        return job.next_run_time if job is not None else None

    def nudge(self) -> None:
        """A local change was committed: sync soon (not sooner than a running backoff allows)."""
        with self._lock:
            if self._running:
                self._nudged_while_running = True
                return
            soon = self._now() + timedelta(seconds=self.nudge_delay)
            if self._backing_off_until is not None and soon < self._backing_off_until:
                return
            current = self._next_run_time()
            if current is None or soon < current:
                self._schedule(self.nudge_delay)

    def run_now(self) -> None:
        """Run as soon as the thread is free (e.g. the operator pressed "Sinkron sekarang")."""
        with self._lock:
            if self._running:
                self._nudged_while_running = True
                return
            self._backing_off_until = None
            self._schedule(0)

    # --- the job ---------------------------------------------------------------------------------------

    def _tick(self) -> None:
        with self._lock:
            self._running = True
            self._nudged_while_running = False
        self._notify(RUNNING)
        try:
            result = self.engine.run()
        except Exception as exc:  # a bug must not kill the schedule: report it and keep going
            log.exception("sync run failed")
            result = SyncResult(error=f"error: {exc}", error_code="error")
        self.last_result = result
        with self._lock:
            self._running = False
            if result.error_code == "busy":
                delay, self._backing_off_until = BUSY_RETRY, None
            elif result.ok:
                delay, self._backing_off_until = self.interval, None
                if self._nudged_while_running:
                    delay = self.nudge_delay  # writes made during the run go in the next one, soon
            else:
                delay = self._backoff_seconds(result)
                self._backing_off_until = self._now() + timedelta(seconds=delay)
            if self.scheduler.running:
                self._schedule(delay)
        self._notify(OK if result.ok else ERROR, self._next_run_time() if self.scheduler.running else None)

    def _backoff_seconds(self, result: SyncResult) -> float:
        if result.next_run is None:
            return self.interval
        remaining = (result.next_run - self.engine.clock.now()).total_seconds()
        return min(max(remaining, 1.0), BACKOFF_CAP)
