"""The one bridge between the Qt-free core and the widgets (after Electrum's core-event -> Qt-signal bridge).

The core reports through plain callbacks on its own threads (`kiosk.workers.Workers`: the print spooler
and the sync scheduler); the bridge re-emits them as Qt signals delivered on the GUI thread, so widgets
only subscribe and never touch a worker:

- `queueChanged`        any commit in this data dir, by this process or another one (the SQLite
                        `PRAGMA data_version` of a private connection, polled every 250 ms — a few
                        microseconds each — so the TV display follows a counter in another process
                        within a second; a file watcher on the -wal file is not reliable on Windows)
- `syncStateChanged`    dict: enabled, online, running, pending, last_success, last_error, skew_seconds,
                        dead_letters
- `printerStateChanged` dict: enabled, state (ok/busy/paper_near_end/paper_out/cover_open/offline/error/
                        unknown), jobs_waiting, message
- `hubStateChanged`     dict: role (standalone/hub/joined/stood_down), reachable, hub_url, spooled, error —
                        from a joined PC's hub follower (`kiosk.hub.service.Follower`), within 3 s of a change
- `printJobChanged`     dict: id, kind, ref, state (queued/sending/done/failed/unavailable), error —
                        also for jobs another process's spooler sends (their rows are watched)
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from kiosk.ui.qt import QObject, Qt, QTimer, Signal

log = logging.getLogger(__name__)

POLL_MS = 250
WATCHED_JOBS = 8
COUNTS_MS = 1500  # pending outbox / print jobs are recounted at most this often
FINAL_JOB_STATES = ("done",)


def default_sync_state() -> dict:
    return {"enabled": False, "online": None, "running": False, "pending": None, "last_success": None,
            "last_error": None, "skew_seconds": None}


def default_hub_state() -> dict:
    return {"role": None, "reachable": None, "hub_url": None, "spooled": 0}


def default_printer_state() -> dict:
    return {"enabled": True, "state": "unknown", "jobs_waiting": 0, "message": None}


class DbWatcher(QObject):
    """Emits `changed` when anyone commits to the SQLite file (cheap polling of PRAGMA data_version)."""

    changed = Signal()

    def __init__(self, path, interval_ms: int = POLL_MS, parent=None):
        super().__init__(parent)
        self._path = str(path)
        self._conn: sqlite3.Connection | None = None
        self._last: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self.check()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _version(self) -> int | None:
        if self._conn is None:
            if not Path(self._path).exists():
                return None  # no database yet (first run, before the wizard): try again next tick
            try:
                self._conn = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, check_same_thread=False,
                                             timeout=0.2)
            except sqlite3.Error:
                return None
        try:
            return self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            self._conn.close()
            self._conn = None
            return None

    def check(self) -> bool:
        version = self._version()
        if version is None or version == self._last:
            return False
        first = self._last is None
        self._last = version
        if not first:
            self.changed.emit()
        return not first


class Bridge(QObject):
    """Core callbacks in, Qt signals out. One per process."""

    queueChanged = Signal()
    syncStateChanged = Signal(object)
    printerStateChanged = Signal(object)
    printJobChanged = Signal(object)
    hubStateChanged = Signal(object)

    # Worker threads emit these; the queued connections below move them onto the GUI thread.
    _syncIn = Signal(object)
    _printerIn = Signal(object)
    _jobIn = Signal(object)
    _hubIn = Signal(object)

    def __init__(self, app, parent=None):
        super().__init__(parent)
        self.app = app
        self.sync_state = default_sync_state()
        self.printer_state = default_printer_state()
        self.hub_state = default_hub_state()
        self._watcher = DbWatcher(app.settings.db_path, parent=self)
        self._watcher.changed.connect(self.notify_changed)
        self._pending_emit = False
        self._started = False
        # job id -> last state seen, until it printed; only the last few (a screen waits for one or two).
        self._watched_jobs: OrderedDict[int, str] = OrderedDict()
        self._syncIn.connect(self._apply_sync_state, Qt.ConnectionType.QueuedConnection)
        self._printerIn.connect(self._apply_printer_state, Qt.ConnectionType.QueuedConnection)
        self._jobIn.connect(self._apply_job, Qt.ConnectionType.QueuedConnection)
        self._hubIn.connect(self._apply_hub_state, Qt.ConnectionType.QueuedConnection)
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(COUNTS_MS)
        self._counts_timer.timeout.connect(self.refresh_counts)
        self.queueChanged.connect(self._after_change)

    # --- life cycle ------------------------------------------------------------------------------

    def start(self) -> None:
        """Watch the database for commits (this process's and others')."""
        if not self._started:
            self._started = True
            self._watcher.start()
            QTimer.singleShot(0, self.refresh_counts)

    def stop(self) -> None:
        self._watcher.stop()
        self._counts_timer.stop()
        self._started = False

    # --- core callbacks (any thread): pass these to `kiosk.workers.Workers` ---------------------------

    def on_sync_state(self, state: dict) -> None:
        """Called by the sync scheduler on its thread."""
        self._syncIn.emit(dict(state))

    def on_printer_state(self, state: dict) -> None:
        """Called by the print spooler on its thread."""
        self._printerIn.emit(dict(state))

    def on_hub_state(self, state: dict) -> None:
        """Called by the hub link (a joined PC's follower, or the hub served in process) on its thread."""
        self._hubIn.emit(dict(state))

    def on_print_job(self, job: dict) -> None:
        """Called by the print spooler on its thread when a job changes state."""
        self._jobIn.emit(dict(job))

    # --- database changes --------------------------------------------------------------------------

    def notify_changed(self) -> None:
        """A commit happened: emit `queueChanged` once, on the next turn of the event loop."""
        if self._pending_emit:
            return
        self._pending_emit = True
        QTimer.singleShot(0, self._emit_changed)

    def _emit_changed(self) -> None:
        self._pending_emit = False
        self.queueChanged.emit()

    def _after_change(self) -> None:
        if self._watched_jobs:
            self._check_watched_jobs()
        if not self._counts_timer.isActive():
            self._counts_timer.start()

    def refresh_counts(self) -> None:
        """Outbox rows central has not acknowledged yet, and print jobs not yet on paper."""
        from kiosk.errors import KioskError
        from kiosk.ops import printing

        try:
            counts = self.app.run(printing.counts)
        except KioskError:  # no database or no site yet: nothing pending
            return
        if counts["pending_outbox"] != self.sync_state.get("pending"):
            self._apply_sync_state({"pending": counts["pending_outbox"]})
        if counts["print_jobs_waiting"] != self.printer_state.get("jobs_waiting"):
            self._apply_printer_state({"jobs_waiting": counts["print_jobs_waiting"]})

    # --- print jobs a screen waits for ---------------------------------------------------------------

    def watch_jobs(self, *jobs: dict) -> None:
        """Follow these just-queued jobs until they print (`printJobChanged`), even if another process's
        spooler sends them; a job that could not be queued is reported at once."""
        for job in jobs:
            if job.get("id") is not None:
                self._watched_jobs[job["id"]] = job.get("state") or "queued"
                self._watched_jobs.move_to_end(job["id"])
            elif job.get("state") == "unavailable":
                self._jobIn.emit(dict(job))
        while len(self._watched_jobs) > WATCHED_JOBS:
            self._watched_jobs.popitem(last=False)

    def _check_watched_jobs(self) -> None:
        """Jobs another process's spooler sends: learn their progress from their rows."""
        from kiosk.ops import printing

        rows = self.app.run(printing.job_states, ids=list(self._watched_jobs))
        for row in rows:
            if row["state"] != self._watched_jobs.get(row["id"]) and (
                    row["state"] != "failed" or row["attempts"] > 0):
                self._apply_job(row)

    # --- state on the GUI thread -----------------------------------------------------------------------

    def _apply_sync_state(self, state: dict) -> None:
        merged = {**self.sync_state, **state}
        self.sync_state = merged
        self.syncStateChanged.emit(dict(merged))

    def _apply_job(self, job: dict) -> None:
        job_id = job.get("id")
        if job_id is not None and job_id in self._watched_jobs:
            if job.get("state") in FINAL_JOB_STATES:
                del self._watched_jobs[job_id]
            else:
                self._watched_jobs[job_id] = job.get("state")
        self.printJobChanged.emit(job)
        if not self._counts_timer.isActive():
            self._counts_timer.start()

    def _apply_hub_state(self, state: dict) -> None:
        merged = {**self.hub_state, **state}
        if state.get("reachable"):
            merged.pop("error", None)
        self.hub_state = merged
        self.hubStateChanged.emit(dict(merged))

    def _apply_printer_state(self, state: dict) -> None:
        merged = {**self.printer_state, **state}
        self.printer_state = merged
        self.printerStateChanged.emit(dict(merged))

    # --- helpers ------------------------------------------------------------------------------------

    def run_in_thread(self, work: Callable[[], object], done: Callable[[object], None] | None = None,
                      failed: Callable[[BaseException], None] | None = None,
                      owner: QObject | None = None) -> threading.Thread:
        """Run blocking work (a connection test, a PDF report, a call to the hub) off the GUI thread;
        results come back on it. With an `owner` widget the result is dropped if that widget is gone
        by then (a wizard closed while it searched): the relay is its child and dies with it."""
        relay = _Relay(done, failed, owner if owner is not None else self)

        def body():
            try:
                result = work()
            except BaseException as exc:  # reported to the GUI, which shows the message
                outcome = (relay.failed, exc)
            else:
                outcome = (relay.done, result)
            try:
                outcome[0].emit(outcome[1])
            except RuntimeError:  # the owner (and its relay) was deleted: nobody is left to tell
                log.debug("background result dropped: its window is closed")

        thread = threading.Thread(target=body, name="kiosk-ui-worker", daemon=True)
        thread.start()
        return thread


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call back onto the GUI thread."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done, on_failed, parent):
        super().__init__(parent)
        self._on_done, self._on_failed = on_done, on_failed
        self.done.connect(self._deliver_done, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._deliver_failed, Qt.ConnectionType.QueuedConnection)

    def _deliver_done(self, result) -> None:
        try:
            if self._on_done is not None:
                self._on_done(result)
        finally:
            self.deleteLater()

    def _deliver_failed(self, exc) -> None:
        try:
            if self._on_failed is not None:
                self._on_failed(exc)
            else:
                log.error("background work failed: %s", exc)
        finally:
            self.deleteLater()
