"""The one bridge between the Qt-free core and the widgets (after Electrum's core-event -> Qt-signal bridge).

Core workers report through plain callbacks on their own threads; the bridge re-emits them as Qt
signals delivered on the GUI thread, so widgets only subscribe and never touch a worker:

- `queueChanged`        any commit in this data dir, by this process or another one (the SQLite
                        `PRAGMA data_version` of a private connection, polled every 250 ms — a few
                        microseconds each — so the TV display follows a counter in another process
                        within a second; a file watcher on the -wal file is not reliable on Windows)
- `syncStateChanged`    dict: enabled, online, running, pending, last_success, last_error, skew_seconds
                        (from `kiosk.sync.scheduler.SyncScheduler` listeners)
- `printerStateChanged` dict: enabled, state (ok/busy/paper_near_end/paper_out/cover_open/offline/error/
                        unknown), jobs_waiting, message (from `kiosk.printing.spooler.Spooler` events)
- `printJobChanged`     dict: id, kind, ref, state (queued/sending/done/failed/unavailable), error —
                        also for jobs another process's spooler sends (their rows are watched)

Requests from widgets (print this, sync now) go to the workers without waiting: nothing here blocks the
GUI thread on a printer or the network.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal

import kiosk.ui.qtcompat  # noqa: F401  (first: work-arounds for the Qt bindings)
from kiosk.errors import KioskError

log = logging.getLogger(__name__)

POLL_MS = 250
WATCHED_JOBS = 8
COUNTS_MS = 1500  # pending outbox / print jobs are recounted at most this often
PRINTER_STATUS_SECONDS = 30.0
FINAL_JOB_STATES = ("done",)
_PRINTER_CODES = {
    "paper_out": "paper_out", "cover_open": "cover_open", "near_end": "paper_near_end",
    "offline": "offline", "unreachable": "offline", "timeout": "offline", "disconnected": "offline",
    "not_found": "offline",
}


def default_sync_state() -> dict:
    return {"enabled": False, "online": None, "running": False, "pending": None, "last_success": None,
            "last_error": None, "skew_seconds": None}


def default_printer_state() -> dict:
    from importlib.util import find_spec

    return {"enabled": find_spec("kiosk.printing") is not None, "state": "unknown", "jobs_waiting": 0,
            "message": None}


def _parse_time(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


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
    """Core callbacks in, Qt signals out. One per process; `start()` starts the workers it owns."""

    queueChanged = Signal()
    syncStateChanged = Signal(object)
    printerStateChanged = Signal(object)
    printJobChanged = Signal(object)

    # Worker threads emit these; the queued connections below move them onto the GUI thread.
    _syncIn = Signal(object)
    _printerIn = Signal(object)
    _jobIn = Signal(object)

    def __init__(self, app, parent=None):
        super().__init__(parent)
        self.app = app
        self.sync_state = default_sync_state()
        self.printer_state = default_printer_state()
        self._watcher = DbWatcher(app.settings.db_path, parent=self)
        self._watcher.changed.connect(self.notify_changed)
        self._pending_emit = False
        self._started = False
        self._workers_started = False
        self.spooler = None
        self.scheduler = None
        # job id -> last state seen, until it printed; only the last few (a screen waits for one or two).
        self._watched_jobs: OrderedDict[int, str] = OrderedDict()
        self._syncIn.connect(self._apply_sync_state, Qt.ConnectionType.QueuedConnection)
        self._printerIn.connect(self._apply_printer_state, Qt.ConnectionType.QueuedConnection)
        self._jobIn.connect(self._apply_job, Qt.ConnectionType.QueuedConnection)
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(COUNTS_MS)
        self._counts_timer.timeout.connect(self.refresh_counts)
        self.queueChanged.connect(self._after_change)

    # --- life cycle ------------------------------------------------------------------------------

    def start(self, workers: bool = True) -> None:
        """Watch the database; with `workers`, also start the print spooler and the sync scheduler."""
        if not self._started:
            self._started = True
            self._watcher.start()
            QTimer.singleShot(0, self.refresh_counts)
        if workers:
            self.start_workers()

    def start_workers(self) -> None:
        """Start the print spooler and the sync scheduler (once)."""
        if self._workers_started:
            return
        self._workers_started = True
        self._start_spooler()
        self._start_sync()

    def stop(self) -> None:
        self._watcher.stop()
        self._counts_timer.stop()
        if self.spooler is not None:
            try:
                self.spooler.stop(timeout=5)
            except Exception:  # shutting down: log, never block the exit
                log.exception("stopping the spooler failed")
        if self.scheduler is not None:
            try:
                self.scheduler.shutdown(wait=False)
            except Exception:
                log.exception("stopping the sync scheduler failed")
        self.spooler = self.scheduler = None
        self._started = self._workers_started = False

    # --- database changes --------------------------------------------------------------------------

    def notify_changed(self) -> None:
        """A commit happened: emit `queueChanged` once, on the next turn of the event loop."""
        if self._pending_emit:
            return
        self._pending_emit = True
        QTimer.singleShot(0, self._emit_changed)

    def local_write(self) -> None:
        """This process committed a user action: refresh the screens and let sync send it soon."""
        self.notify_changed()
        if self.scheduler is not None:
            self.scheduler.nudge()

    def _emit_changed(self) -> None:
        self._pending_emit = False
        self.queueChanged.emit()

    def poll_now(self) -> bool:
        """Check the database right away (tests, and after a window regains focus)."""
        return self._watcher.check()

    def _after_change(self) -> None:
        if self._watched_jobs:
            self._check_watched_jobs()
        if not self._counts_timer.isActive():
            self._counts_timer.start()

    def refresh_counts(self) -> None:
        """Outbox rows central has not acknowledged yet, and print jobs not yet on paper."""
        from kiosk.ui import readmodel

        try:
            pending, waiting = self.app_read(lambda s: (readmodel.pending_outbox(s), readmodel.print_jobs_waiting(s)))
        except Exception:  # no database or no site yet: nothing pending
            return
        if pending != self.sync_state.get("pending"):
            self._apply_sync_state({"pending": pending})
        if waiting != self.printer_state.get("jobs_waiting"):
            self._apply_printer_state({"jobs_waiting": waiting})

    def app_read(self, query):
        with self.app.store.read() as session:
            return query(session)

    # --- core callbacks (any thread) -----------------------------------------------------------------

    def on_sync_state(self, state: dict) -> None:
        """Called by the sync scheduler on its thread."""
        self._syncIn.emit(dict(state))

    def on_printer_state(self, state: dict) -> None:
        """Called by the print spooler on its thread."""
        self._printerIn.emit(dict(state))

    def on_print_job(self, job: dict) -> None:
        """Called by the print spooler on its thread when a job changes state."""
        self._jobIn.emit(dict(job))

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

    def _apply_printer_state(self, state: dict) -> None:
        merged = {**self.printer_state, **state}
        self.printer_state = merged
        self.printerStateChanged.emit(dict(merged))

    # --- printing ----------------------------------------------------------------------------------

    def _start_spooler(self) -> None:
        try:
            from kiosk.printing.spooler import Spooler
        except ModuleNotFoundError:  # a build without printing: the indicator says so
            self._apply_printer_state({"enabled": False})
            return
        spooler = Spooler(self.app.store, self.app.settings, clock=self.app.clock,
                          status_interval=PRINTER_STATUS_SECONDS)
        spooler.subscribe(on_job=self._spooler_job, on_printer=self._spooler_printer)
        if spooler.start():
            self.spooler = spooler
            self._apply_printer_state({"enabled": True, "state": "unknown", "message": None})
        else:
            # Another `kiosk run` on this data dir sends the jobs; ours are watched in the database.
            self._apply_printer_state({"enabled": True, "state": "unknown",
                                       "message": "dicetak oleh proses kiosk lain di PC ini"})

    def _spooler_job(self, event) -> None:
        self.on_print_job({"id": event.job_id, "kind": event.kind, "ref": event.ref, "state": event.state,
                           "attempts": event.attempts, "is_copy": event.is_copy, "error": event.error,
                           "error_code": event.error_code})
        if event.state == "sending":
            self.on_printer_state({"state": "busy"})

    def _spooler_printer(self, event) -> None:
        if event.ok:
            state = "paper_near_end" if event.code == "near_end" else "ok"
        else:
            state = _PRINTER_CODES.get(event.code or "", "error")
        self.on_printer_state({"enabled": True, "state": state, "message": event.message,
                               "printer": event.printer_uri})

    def queue_print_in(self, session, kind: str, ref: str, *, copy_label: str | None = None,
                       actor: str = "system") -> dict:
        """Queue a print inside the caller's transaction (so a ticket never exists without its job).

        A savepoint keeps the record if the print cannot even be queued (bad printer URI, a template
        bug): the ticket or application is valid whether or not it prints.
        """
        try:
            from kiosk.printing.service import queue_print
        except ModuleNotFoundError:
            return {"id": None, "kind": kind, "ref": ref, "state": "unavailable",
                    "error": "modul cetak belum terpasang"}
        try:
            with session.begin_nested():
                job = queue_print(session, kind, ref, settings=self.app.settings, now=self.app.now(),
                                  actor=actor, copy_label=copy_label)
                return {"id": job.id, "kind": kind, "ref": ref, "state": job.state, "error": None}
        except KioskError as exc:
            return {"id": None, "kind": kind, "ref": ref, "state": "unavailable", "error": str(exc)}
        except Exception as exc:  # a bug in a template must not cost the citizen their ticket
            log.exception("queueing %s %s failed", kind, ref)
            return {"id": None, "kind": kind, "ref": ref, "state": "unavailable",
                    "error": f"kesalahan program: {type(exc).__name__}"}

    def jobs_queued(self, *jobs: dict) -> None:
        """After the transaction that queued jobs committed: wake the spooler and follow the jobs."""
        for job in jobs:
            if job.get("id") is not None:
                self._watched_jobs[job["id"]] = job.get("state") or "queued"
                self._watched_jobs.move_to_end(job["id"])
        while len(self._watched_jobs) > WATCHED_JOBS:
            self._watched_jobs.popitem(last=False)
        if self.spooler is not None:
            self.spooler.wake()

    def submit_print(self, kind: str, ref: str, *, copy_label: str | None = None, actor: str = "system") -> dict:
        """Queue a print of a committed record in its own transaction; returns at once."""
        with self.app.store.transaction() as session:
            job = self.queue_print_in(session, kind, ref, copy_label=copy_label, actor=actor)
        self.jobs_queued(job)
        self.notify_changed()
        if job["state"] == "unavailable":
            self._jobIn.emit(dict(job))
        return job

    def _check_watched_jobs(self) -> None:
        """Jobs another process's spooler sends: learn their progress from their rows."""
        from kiosk.ui import readmodel

        ids = list(self._watched_jobs)
        try:
            rows = self.app_read(lambda s: readmodel.print_job_states(s, ids))
        except Exception:
            return
        for row in rows:
            if row["state"] != self._watched_jobs.get(row["id"]) and (
                    row["state"] != "failed" or row["attempts"] > 0):
                self._apply_job(row)

    def print_jobs(self) -> list[dict]:
        """Jobs for the supervisor's print queue: every pending one and the recent others, newest first."""
        try:
            from kiosk.printing.service import job_dict, list_jobs
        except ModuleNotFoundError:
            return []
        return self.app_read(lambda s: [job_dict(j) for j in reversed(list_jobs(s))])

    def retry_print(self, job_id: int | None = None) -> list[dict]:
        """Retry one job now (a printed one is printed again as a copy), or every waiting one."""
        from kiosk.printing.service import job_dict, retry

        now = self.app.now()
        with self.app.store.transaction() as s:
            jobs = [job_dict(j) for j in retry(s, job_id=job_id, all_pending=job_id is None, now=now)]
        self.jobs_queued(*jobs)
        self.notify_changed()
        return jobs

    def reprint(self, job_id: int) -> dict:
        from kiosk.printing.service import job_dict, reprint

        with self.app.store.transaction() as s:
            job = job_dict(reprint(s, job_id, now=self.app.now()))
        self.jobs_queued(job)
        self.notify_changed()
        return job

    # --- sync ------------------------------------------------------------------------------------------

    def _start_sync(self) -> None:
        try:
            from kiosk.sync.engine import SyncEngine
            from kiosk.sync.scheduler import SyncScheduler
        except ModuleNotFoundError:
            return
        try:
            engine = SyncEngine.for_app(self.app)
            self._apply_sync_state(_status_state(engine.status()))
            scheduler = SyncScheduler(engine)
            scheduler.add_listener(lambda state: self._scheduler_event(engine, state))
            scheduler.start()
        except Exception:  # sync must never stop the counter: log and carry on offline
            log.exception("sync scheduler did not start")
            return
        self.scheduler = scheduler

    def _scheduler_event(self, engine, state) -> None:
        """On the scheduler thread: turn its SyncState into the indicator's dict."""
        data: dict = {"running": state.state == "running", "next_run": state.next_run}
        result = state.result
        if state.state != "running":
            try:
                data.update(_status_state(engine.status()))
            except Exception:
                log.exception("reading sync status failed")
            if result is not None:
                if result.skew_seconds is not None:
                    data["skew_seconds"] = result.skew_seconds
                if result.ok:
                    data.update(online=True, last_error=None)
                elif result.error_code == "not_enrolled":
                    data.update(enabled=False, online=None, last_error=result.error)
                elif result.error_code != "busy":
                    data.update(online=False, last_error=result.error)
        self.on_sync_state(data)

    def sync_now(self) -> None:
        """Ask the scheduler for a run now; returns at once."""
        if self.scheduler is not None:
            self.scheduler.run_now()

    # --- helpers ------------------------------------------------------------------------------------

    def run_in_thread(self, work: Callable[[], object], done: Callable[[object], None] | None = None,
                      failed: Callable[[BaseException], None] | None = None) -> threading.Thread:
        """Run blocking work (a connection test, a PDF report) off the GUI thread; results come back on it."""
        relay = _Relay(done, failed, self)

        def body():
            try:
                result = work()
            except BaseException as exc:  # reported to the GUI, which shows the message
                relay.failed.emit(exc)
            else:
                relay.done.emit(result)

        thread = threading.Thread(target=body, name="kiosk-ui-worker", daemon=True)
        thread.start()
        return thread


def _status_state(status: dict) -> dict:
    """`SyncEngine.status()` -> the indicator's dict."""
    return {"enabled": bool(status.get("enrolled")), "pending": status.get("pending"),
            "last_success": _parse_time(status.get("last_success")), "last_error": status.get("last_error"),
            "skew_seconds": status.get("skew_seconds")}


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


# --- blocking helpers for run_in_thread (no Qt) ------------------------------------------------------------

def daily_report(app, day, out: Path) -> Path:
    """Render the daily report PDF (as `kiosk report daily`) to `out`; call it off the GUI thread."""
    import os

    from kiosk.printing.report import daily_report_data, daily_report_pdf

    with app.store.read() as s:
        data = daily_report_data(s, day)
    pdf = daily_report_pdf(data, generated_at=app.now())
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(pdf)
    os.replace(tmp, out)
    return out


def detect_printers(app) -> list[tuple[str, str]]:
    """(uri, label) choices for the setup wizard: printers seen on this PC first, then safe defaults."""
    found: list[tuple[str, str]] = []
    # TODO(kiosk.printing.printers): a real detection (USB ids, CUPS queues, Windows printers) belongs there.
    if sys.platform.startswith("linux"):
        for dev in sorted(Path("/dev/usb").glob("lp*")):
            found.append((f"escpos+file://{dev}", f"Printer USB {dev.name}"))
        for dev in sorted(Path("/dev").glob("ttyUSB*")):
            found.append((f"escpos+serial://{dev}?baudrate=9600", f"Printer serial {dev.name} (9600 baud)"))
    elif sys.platform == "win32":
        try:
            import win32print  # type: ignore[import-not-found]

            for _flags, _desc, name, _comment in win32print.EnumPrinters(2):
                found.append((f"win32://{name}", f"Windows: {name}"))
        except Exception:  # pywin32 missing or the spooler service is off
            pass
    found.append((f"pdf://{(app.data_dir / 'prints').as_posix()}", "PDF + PNG di data dir (tanpa printer)"))
    found.append(("escpos+usb://04b8:0202", "Epson TM-T82 / TM-T20 (USB)"))
    found.append(("escpos+tcp://192.168.1.100:9100", "Printer jaringan ESC/POS (port 9100)"))
    found.append(("dummy://", "Tanpa printer (uji)"))
    return found


def test_print(uri: str, width: int, profile: str | None = None, site_name: str | None = None) -> dict:
    """Render the test page's preview and send it straight to `uri` (blocking: call off the GUI thread).

    Returns {ok, error, preview_png}.
    """
    from kiosk.clock import Clock
    from kiosk.printing.escpos import get_profile
    from kiosk.printing.preview import render_png
    from kiosk.printing.printers import open_printer
    from kiosk.printing.templates import test_page_document

    try:
        prof = get_profile(profile, width)
        doc = test_page_document(printer_uri=uri, profile=prof, now=Clock().now(), site_name=site_name)
        png = render_png(doc, prof)
    except KioskError as exc:
        return {"ok": False, "error": str(exc), "preview_png": None}
    try:
        open_printer(uri, profile=profile, width=width).print_document(doc, name="setup-test")
    except KioskError as exc:
        return {"ok": False, "error": str(exc), "preview_png": png}
    return {"ok": True, "error": None, "preview_png": png}
