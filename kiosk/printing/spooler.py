"""The spooler: sends persisted print jobs in order, retries with backoff, and survives crashes.

A print job is a row (kiosk.models.PrintJob) written in the same transaction as whatever it prints, so a
ticket never exists without its print job. One spooler per data dir sends them (a file lock, `spooler.lock`,
held while it runs; the OS releases it when a process dies). Per printer, jobs go out in id order: when the
oldest pending job of a printer fails, the later ones wait behind it, and it is retried with exponential
backoff (with jitter) until it prints. A document that cannot be rendered fails alone and blocks nobody.

States: queued -> sending -> done, or -> failed (with `last_error` in words and `next_attempt_at`) -> sending...
A job found in `sending` when a spooler starts was being sent when its process died: it may be half on paper,
so it is sent again marked as a copy (SALINAN). So is the retry of a job that failed after bytes went out.

Front ends subscribe with plain callbacks (`subscribe(on_job=..., on_printer=...)`); they run on the spooler
thread, so a Qt view connects them to a signal (queued connection) and never touches widgets from them.
"""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select

from kiosk.errors import KioskError
from kiosk.models import PrintJob
from kiosk.printing.document import Document, mark_copy
from kiosk.printing.printers import MESSAGES, PrinterError, PrinterStatus

log = logging.getLogger(__name__)

QUEUED, SENDING, DONE, FAILED = "queued", "sending", "done", "failed"
PENDING = (QUEUED, FAILED)
# Failures of the job itself, not of the printer: they must not hold up the printer's other jobs.
JOB_ONLY_ERRORS = ("render", "internal")
LOCK_FILE = "spooler.lock"


@dataclass(frozen=True)
class JobEvent:
    """A print job changed state."""

    job_id: int
    kind: str
    ref: str
    state: str
    attempts: int
    is_copy: bool
    printer_uri: str
    error: str | None = None
    error_code: str | None = None


@dataclass(frozen=True)
class PrinterEvent:
    """What the spooler last learned about a printer. `ok` False with a message a person understands."""

    printer_uri: str
    ok: bool
    message: str
    code: str | None = None
    status: dict | None = None


@dataclass
class _Listeners:
    job: list[Callable[[JobEvent], None]] = field(default_factory=list)
    printer: list[Callable[[PrinterEvent], None]] = field(default_factory=list)


def _file_stem(job_id: int, kind: str, ref: str) -> str:
    return f"{job_id:06d}-{kind}-{re.sub(r'[^A-Za-z0-9_-]+', '_', ref)[:40]}"


class Spooler:
    """Sends the print queue of one data dir. `start()` runs it on its own thread; `run_once()` is one pass.

    `printer_factory(uri) -> Printer` opens printers (default: from the settings' profile and width).
    """

    def __init__(self, store, settings, *, clock=None, printer_factory=None, poll_interval: float = 1.0,
                 backoff_base: float = 2.0, backoff_cap: float = 30.0, rng: Callable[[], float] | None = None,
                 status_interval: float | None = None):
        from kiosk.clock import Clock

        self.store = store
        self.settings = settings
        self.clock = clock or Clock()
        self.poll_interval = poll_interval
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.status_interval = status_interval  # poll the configured printer's status while idle (UI light)
        self._rng = rng or random.random
        self._factory = printer_factory or self._default_factory
        self._listeners = _Listeners()
        self._listeners_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = None
        self._locked = False
        self.printer_states: dict[str, PrinterEvent] = {}
        self._last_status_poll = 0.0

    # --- subscription --------------------------------------------------------------------------------

    def subscribe(self, on_job: Callable[[JobEvent], None] | None = None,
                  on_printer: Callable[[PrinterEvent], None] | None = None) -> Callable[[], None]:
        """Call `on_job` / `on_printer` on every change (on the spooler thread). Returns an unsubscribe."""
        with self._listeners_lock:
            if on_job:
                self._listeners.job.append(on_job)
            if on_printer:
                self._listeners.printer.append(on_printer)

        def unsubscribe() -> None:
            with self._listeners_lock:
                if on_job in self._listeners.job:
                    self._listeners.job.remove(on_job)
                if on_printer in self._listeners.printer:
                    self._listeners.printer.remove(on_printer)

        return unsubscribe

    def _emit(self, event) -> None:
        with self._listeners_lock:
            targets = list(self._listeners.job if isinstance(event, JobEvent) else self._listeners.printer)
        for callback in targets:
            try:
                callback(event)
            except Exception:  # a broken listener must not stop printing
                log.exception("print listener failed")

    # --- lock -------------------------------------------------------------------------------------------

    def acquire(self, timeout: float = 0) -> bool:
        """Become this data dir's spooler. False when another process's spooler runs."""
        from filelock import FileLock, Timeout

        if self._locked:
            return True
        if self._lock is None:
            self._lock = FileLock(str(self.settings.data_dir / LOCK_FILE))
        try:
            self._lock.acquire(timeout=timeout)
        except Timeout:
            return False
        self._locked = True
        return True

    def release(self) -> None:
        if self._locked and self._lock is not None:
            self._lock.release()
            self._locked = False

    # --- thread -------------------------------------------------------------------------------------------

    def start(self) -> bool:
        """Start the spooler thread; False (and nothing started) when another process's spooler runs."""
        if self._thread is not None and self._thread.is_alive():
            return True
        if not self.acquire(timeout=0):
            return False
        self._stop.clear()
        self.recover()
        self._thread = threading.Thread(target=self._loop, name="kiosk-spooler", daemon=True)
        self._thread.start()
        return True

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the job being sent (sends are bounded by their timeouts), then release the lock."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("spooler thread did not stop within %.0f s", timeout)
                return  # keep the lock: the thread may still be sending
            self._thread = None
        self.release()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wake(self) -> None:
        """Look at the queue now (a job was added or retried in this process)."""
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
                self._maybe_poll_status()
            except Exception:
                log.exception("spooler pass failed")
            self._wake.wait(self._sleep_time())
            self._wake.clear()

    def _sleep_time(self) -> float:
        # Until the next retry is due, but never longer than the poll interval (other processes add jobs).
        with self.store.read() as s:
            soonest = s.scalar(select(PrintJob.next_attempt_at).where(PrintJob.state.in_(PENDING))
                               .where(PrintJob.next_attempt_at.is_not(None)).order_by(PrintJob.next_attempt_at)
                               .limit(1))
        if soonest is None:
            return self.poll_interval
        return max(0.01, min(self.poll_interval, (soonest - self.clock.now()).total_seconds()))

    def _maybe_poll_status(self) -> None:
        if not self.status_interval or time.monotonic() - self._last_status_poll < self.status_interval:
            return
        self._last_status_poll = time.monotonic()
        uri = self.settings.printer_uri
        try:
            status = self._factory(uri).status()
        except KioskError as exc:
            self._printer_event(uri, ok=False, message=str(exc), code=getattr(exc, "code", "config"))
            return
        self._status_event(uri, status)

    # --- recovery -----------------------------------------------------------------------------------------

    def recover(self) -> int:
        """Jobs left in `sending` by a process that died: queue them again, marked as copies."""
        now = self.clock.now()
        with self.store.transaction() as s:
            stuck = s.scalars(select(PrintJob).where(PrintJob.state == SENDING)).all()
            for job in stuck:
                job.state = QUEUED
                job.is_copy = True
                job.next_attempt_at = None
                job.updated_at = now
                job.last_error = "terhenti saat mencetak (aplikasi berhenti); dicetak ulang sebagai SALINAN"
            events = [self._job_event(job) for job in stuck]
        for event in events:
            self._emit(event)
        return len(events)

    # --- one pass -----------------------------------------------------------------------------------------

    def run_once(self, *, deadline: float | None = None, force: bool = False) -> int:
        """Send every due job, in order per printer; returns how many were attempted.

        `force` ignores backoff (a person asked to print now); `deadline` (time.monotonic) stops starting
        new jobs after it.
        """
        now = self.clock.now()
        with self.store.read() as s:
            pending = s.execute(select(PrintJob.id, PrintJob.printer_uri, PrintJob.next_attempt_at,
                                       PrintJob.error_code)
                                .where(PrintJob.state.in_(PENDING)).order_by(PrintJob.id)).all()
        blocked: set[str] = set()
        attempted = 0
        for job_id, uri, next_at, code in pending:
            if self._stop.is_set() and self._thread is not None:
                break
            if deadline is not None and time.monotonic() > deadline:
                break
            if uri in blocked:
                continue
            if not force and next_at is not None and next_at > now:
                if code not in JOB_ONLY_ERRORS:
                    blocked.add(uri)  # later jobs of this printer wait behind it: order is kept
                continue
            outcome = self._attempt(job_id)
            if outcome is None:
                continue
            attempted += 1
            if outcome not in ("done", *JOB_ONLY_ERRORS):
                blocked.add(uri)
        return attempted

    def _backoff(self, attempts: int) -> timedelta:
        delay = min(self.backoff_cap, self.backoff_base * 2 ** max(0, attempts - 1))
        return timedelta(seconds=delay * (0.5 + 0.5 * self._rng()))

    def _default_factory(self, uri: str):
        from kiosk.printing.printers import printer_for_settings

        return printer_for_settings(self.settings, uri)

    def _attempt(self, job_id: int) -> str | None:
        """Send one job; returns "done", the error code, or None if someone else took it."""
        now = self.clock.now()
        with self.store.transaction() as s:
            job = s.get(PrintJob, job_id)
            if job is None or job.state not in PENDING:
                return None
            job.state = SENDING
            job.attempts += 1
            job.updated_at = now
            snapshot = (job.kind, job.ref, job.printer_uri, job.document, job.is_copy)
            event = self._job_event(job)
        self._emit(event)
        kind, ref, uri, document, is_copy = snapshot
        code, message, partial, status = None, None, False, None
        try:
            doc = Document.from_json(document)
            if is_copy:
                doc = mark_copy(doc)
        except Exception as exc:
            code, message = "render", f"{MESSAGES['render']}: {exc}"
        if code is None:
            try:
                result = self._factory(uri).print_document(doc, name=_file_stem(job_id, kind, ref))
                status = result.status
            except PrinterError as exc:
                code, message, partial = exc.code, str(exc), exc.partial
            except KioskError as exc:  # a bad URI in the job, a missing driver package...
                code, message = "config", str(exc)
            except Exception as exc:  # a bug: keep the job, say so, do not stop the others
                log.exception("print job %s failed unexpectedly", job_id)
                code, message = "internal", f"kesalahan program: {type(exc).__name__}: {exc}"
        done_at = self.clock.now()
        with self.store.transaction() as s:
            job = s.get(PrintJob, job_id)
            if code is None:
                job.state, job.printed_at, job.last_error, job.error_code = DONE, done_at, None, None
                job.next_attempt_at = None
            else:
                job.state, job.last_error, job.error_code = FAILED, message, code
                job.next_attempt_at = done_at + self._backoff(job.attempts)
                if partial:
                    job.is_copy = True  # part of it may be on paper: the next one says SALINAN
            job.updated_at = done_at
            event = self._job_event(job)
        self._emit(event)
        if code is None:
            self._status_event(uri, status)
        elif code not in JOB_ONLY_ERRORS:
            self._printer_event(uri, ok=False, message=message, code=code,
                                status=status.as_dict() if status else None)
        return "done" if code is None else code

    # --- events ---------------------------------------------------------------------------------------------

    @staticmethod
    def _job_event(job: PrintJob) -> JobEvent:
        return JobEvent(job_id=job.id, kind=job.kind, ref=job.ref, state=job.state, attempts=job.attempts,
                        is_copy=job.is_copy, printer_uri=job.printer_uri, error=job.last_error,
                        error_code=job.error_code)

    def _status_event(self, uri: str, status: PrinterStatus | None) -> None:
        if status is None:
            self._printer_event(uri, ok=True, message="Printer siap")
            return
        problem = status.problem()
        if problem:
            self._printer_event(uri, ok=False, message=problem[1], code=problem[0], status=status.as_dict())
        elif status.error:
            self._printer_event(uri, ok=False, message=status.error, code="timeout", status=status.as_dict())
        elif status.paper == "near_end":
            self._printer_event(uri, ok=True, message="Kertas hampir habis", code="near_end", status=status.as_dict())
        else:
            self._printer_event(uri, ok=True, message="Printer siap", status=status.as_dict())

    def _printer_event(self, uri: str, *, ok: bool, message: str, code: str | None = None,
                       status: dict | None = None) -> None:
        event = PrinterEvent(printer_uri=uri, ok=ok, message=message, code=code, status=status)
        previous = self.printer_states.get(uri)
        self.printer_states[uri] = event
        if previous != event:
            self._emit(event)

