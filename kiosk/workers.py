"""The background workers of a running app: the print spooler, the sync scheduler and the daily privacy
purge (personal data kept only as long as needed, `kiosk.ops.privacy`).

One object owns both threads and reports through plain callbacks (on the workers' own threads), with
plain dicts; no Qt here. The desktop app's bridge turns the callbacks into Qt signals; a headless hub
runs the same workers with no listener.

- sync state:    {enabled, online, running, pending, last_success, last_error, skew_seconds, next_run, ...}
- printer state: {enabled, state (ok/busy/paper_near_end/paper_out/cover_open/offline/error/unknown), message}
- print job:     {id, kind, ref, state (queued/sending/done/failed), attempts, is_copy, error, error_code}
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

log = logging.getLogger(__name__)

PRINTER_STATUS_SECONDS = 30.0
PRIVACY_EVERY = timedelta(days=1)
PRIVACY_FIRST_RUN_SECONDS = 300.0  # a while after start: the counter comes up first
PRIVACY_JOB_ID = "privacy.purge"
_PRINTER_CODES = {
    "paper_out": "paper_out", "cover_open": "cover_open", "near_end": "paper_near_end",
    "offline": "offline", "unreachable": "offline", "timeout": "offline", "disconnected": "offline",
    "not_found": "offline",
}
Listener = Callable[[dict], None]


def _ignore(_state: dict) -> None:
    """The default listener: nobody is watching (a headless hub)."""


def _parse_time(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def sync_status_state(status: dict) -> dict:
    """`SyncEngine.status()` -> the sync indicator's dict."""
    return {"enabled": bool(status.get("enrolled")), "pending": status.get("pending"),
            "last_success": _parse_time(status.get("last_success")), "last_error": status.get("last_error"),
            "skew_seconds": status.get("skew_seconds"), "dead_letters": status.get("dead_letters"),
            "last_dead_letter": status.get("last_dead_letter")}


class Workers:
    """Starts, wakes and stops the spooler and the sync scheduler of one data dir."""

    def __init__(self, app, *, on_sync: Listener = _ignore, on_printer: Listener = _ignore,
                 on_job: Listener = _ignore, on_hub: Listener = _ignore,
                 printer_status_seconds: float = PRINTER_STATUS_SECONDS,
                 privacy_first_run_seconds: float = PRIVACY_FIRST_RUN_SECONDS):
        self.app = app
        self.privacy_first_run_seconds = privacy_first_run_seconds
        self.privacy = None  # the daily purge's APScheduler
        self.last_purge: dict | None = None
        self.on_sync, self.on_printer, self.on_job, self.on_hub = on_sync, on_printer, on_job, on_hub
        self.hub = None  # the hub served in process, or a joined PC's follower
        self.printer_status_seconds = printer_status_seconds
        self.spooler = None
        self.scheduler = None
        self._started = False

    # --- life cycle ---------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the print spooler and the sync scheduler (once)."""
        if self._started:
            return
        self._started = True
        self._start_spooler()
        self._start_hub()
        if self.app.site_role() != "joined":  # only the hub (or a PC alone) syncs the site with central
            self._start_sync()
        self._start_privacy()

    def stop(self) -> None:
        if self.hub is not None:
            try:
                self.hub.stop()
            except Exception:  # shutting down: log, never block the exit
                log.exception("stopping the hub link failed")
            self.hub = None
        if self.spooler is not None:
            try:
                self.spooler.stop(timeout=5)
            except Exception:  # shutting down: log, never block the exit
                log.exception("stopping the spooler failed")
        if self.scheduler is not None:
            try:
                self.scheduler.shutdown(wait=False)
            except Exception:  # shutting down: log, never block the exit
                log.exception("stopping the sync scheduler failed")
        if self.privacy is not None:
            try:
                self.privacy.shutdown(wait=False)
            except Exception:  # shutting down: log, never block the exit
                log.exception("stopping the privacy purge failed")
        self.spooler = self.scheduler = self.privacy = None
        self._started = False

    # --- requests from the front end (never block) ------------------------------------------------------

    def wake_spooler(self) -> None:
        """New print jobs were committed: send them now."""
        if self.spooler is not None:
            self.spooler.wake()

    def nudge_sync(self) -> None:
        """Something other machines must learn was committed: sync soon."""
        if self.scheduler is not None:
            self.scheduler.nudge()

    def sync_now(self) -> None:
        """A sync run now (the admin panel's button)."""
        if self.scheduler is not None:
            self.scheduler.run_now()

    # --- printing ---------------------------------------------------------------------------------------

    def _start_spooler(self) -> None:
        from kiosk.printing.spooler import Spooler

        spooler = Spooler(self.app.store, self.app.settings, clock=self.app.clock,
                          status_interval=self.printer_status_seconds)
        spooler.subscribe(on_job=self._spooler_job, on_printer=self._spooler_printer)
        if spooler.start():
            self.spooler = spooler
            self.on_printer({"enabled": True, "state": "unknown", "message": None})
        else:
            # Another `kiosk run` on this data dir sends the jobs; ours are watched in the database.
            self.on_printer({"enabled": True, "state": "unknown",
                             "message": "dicetak oleh proses kiosk lain di PC ini"})

    def _spooler_job(self, event) -> None:
        self.on_job({"id": event.job_id, "kind": event.kind, "ref": event.ref, "state": event.state,
                     "attempts": event.attempts, "is_copy": event.is_copy, "error": event.error,
                     "error_code": event.error_code})
        if event.state == "sending":
            self.on_printer({"state": "busy"})

    def _spooler_printer(self, event) -> None:
        if event.ok:
            state = "paper_near_end" if event.code == "near_end" else "ok"
        else:
            state = _PRINTER_CODES.get(event.code or "", "error")
        self.on_printer({"enabled": True, "state": state, "message": event.message, "printer": event.printer_uri})

    # --- the site hub ----------------------------------------------------------------------------------

    def _start_hub(self) -> None:
        """A joined PC follows its hub; the hub PC serves the site when `hub.serve` is set."""
        role = self.app.site_role()
        try:
            if role == "joined":
                from kiosk.hub.service import Follower

                self.hub = Follower(self.app, self.on_hub)
                self.hub.start()
            elif role in ("hub", "standalone") and self.app.settings.get("hub.serve"):
                from kiosk.hub.service import HubInProcess

                self.hub = HubInProcess(self.app, int(self.app.settings.get("hub.port")))
                self.on_hub({"role": "hub", "reachable": True, "hub_url": None})
        except Exception:  # the counter must work even when the hub link cannot start: log and say so
            log.exception("the site hub link did not start")
            self.on_hub({"role": role, "reachable": False, "error": "hub tidak dapat dimulai"})

    # --- privacy ----------------------------------------------------------------------------------------

    def _start_privacy(self) -> None:
        """The daily purge of personal data that is no longer needed (UU 27/2022), on its own thread."""
        from apscheduler.schedulers.background import BackgroundScheduler

        try:
            scheduler = BackgroundScheduler(timezone=UTC, job_defaults={
                "coalesce": True, "max_instances": 1, "misfire_grace_time": None})
            scheduler.add_job(self.purge_personal_data, "interval", seconds=PRIVACY_EVERY.total_seconds(),
                              id=PRIVACY_JOB_ID, next_run_time=datetime.now(UTC)
                              + timedelta(seconds=self.privacy_first_run_seconds))
            scheduler.start()
        except Exception:  # the counter must work even when the purge cannot be scheduled: log it
            log.exception("the daily privacy purge did not start")
            return
        self.privacy = scheduler

    def purge_personal_data(self) -> dict | None:
        """One purge (the scheduled job): its counts, or None when it failed (logged; tried again tomorrow)."""
        from kiosk.ops import privacy

        try:
            self.last_purge = self.app.run(privacy.purge)
        except Exception:
            log.exception("privacy purge failed")
            return None
        log.info("privacy purge: %s", self.last_purge)
        return self.last_purge

    # --- sync -------------------------------------------------------------------------------------------

    def _start_sync(self) -> None:
        from kiosk.sync.engine import SyncEngine
        from kiosk.sync.scheduler import SyncScheduler

        try:
            engine = SyncEngine.for_app(self.app)
            self.on_sync(sync_status_state(engine.status()))
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
                data.update(sync_status_state(engine.status()))
            except Exception:  # a status read failing must not kill the scheduler thread: log it
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
        self.on_sync(data)
