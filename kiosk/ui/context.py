"""`UiContext`: what every view works through — its one door to the use cases (`kiosk.ops`).

A view performs a user action with `ctx.run(op, **arguments)` (or `ctx.run_async` for one that may block:
at a joined PC an op goes to the site's hub over the LAN), and reads what it shows the same way. After
an op that changed records the context refreshes every screen, wakes the spooler for the print jobs it
queued and nudges sync. No view opens a session or calls a domain module.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from kiosk import ops
from kiosk.errors import KioskError

log = logging.getLogger(__name__)


class UiContext:
    """The App (store, settings, clock), the bridge, the workers, this PC's role and counter."""

    def __init__(self, app, bridge, role: str = "all", counter: int | None = None, workers=None):
        self.app = app
        self.bridge = bridge
        self.workers = workers
        self.role = role
        self.counter = counter or int(app.settings.get("ui.counter"))
        self._site: dict | None = None

    @property
    def settings(self):
        return self.app.settings

    @property
    def clock(self):
        return self.app.clock

    def now(self):
        return self.app.now()

    # --- use cases ---------------------------------------------------------------------------------------

    def run(self, func: Callable[..., Any], /, *, actor: str | None = None, **kwargs) -> Any:
        """Perform one op as `actor` (a signed-in operator, "kiosk", ...) and return its plain result."""
        entry = ops.info(func)
        runner = self.app.as_actor(actor) if actor else self.app
        result = runner.run(func, **kwargs)
        if entry.write:
            self.after_write(result)
        return result

    def run_async(self, func: Callable[..., Any], /, *, done: Callable[[Any], None] | None = None,
                  failed: Callable[[KioskError], None] | None = None, actor: str | None = None,
                  owner=None, **kwargs) -> None:
        """Perform one op without holding the screen; `done(result)` or `failed(error)` on the GUI thread.

        Ops on this PC's own store are quick and run at once; a slow one (network, a device) runs on a
        worker thread. Programming errors are not swallowed. `owner`: the widget the callbacks belong
        to; if it is deleted before a slow op ends, the callbacks are not called.
        """
        entry = ops.info(func)
        if entry.slow or (entry.scope == ops.SITE and entry.write and self.app.site_role() == "joined"):
            def report(exc: BaseException) -> None:
                if not isinstance(exc, KioskError):  # a bug: in the log with its traceback, a line on screen
                    log.error("op %s failed", ops.info(func).name, exc_info=exc)
                    exc = KioskError(f"kesalahan program: {type(exc).__name__}")
                if failed is not None:
                    failed(exc)

            def finish(result) -> None:
                if ops.info(func).write:
                    self.after_write(result)
                if done is not None:
                    done(result)

            runner = self.app.as_actor(actor) if actor else self.app
            self.bridge.run_in_thread(lambda: runner.run(func, **kwargs), finish, report, owner=owner)
            return
        try:
            result = self.run(func, actor=actor, **kwargs)
        except KioskError as exc:
            if failed is None:
                raise
            failed(exc)
            return
        if done is not None:
            done(result)

    def after_write(self, result: Any = None) -> None:
        """Records changed: refresh the screens, send new print jobs, let sync send the change soon."""
        jobs = _print_jobs(result)
        self.bridge.watch_jobs(*jobs)
        self.bridge.notify_changed()
        if self.workers is not None:
            if jobs:
                self.workers.wake_spooler()
            self.workers.nudge_sync()

    def sync_now(self) -> None:
        if self.workers is not None:
            self.workers.sync_now()

    def in_background(self, work: Callable[[], Any], done=None, failed=None) -> None:
        """Blocking work that is not an op (a connection test): run off the GUI thread."""
        self.bridge.run_in_thread(work, done, failed)

    # --- the site ----------------------------------------------------------------------------------------

    def site(self) -> dict | None:
        """{code, name} of this data dir's site, or None before `kiosk init` / the wizard."""
        if self._site is None:
            from kiosk.ops import catalog

            self._site = self.run(catalog.site_info)
        return self._site

    def site_title(self) -> str:
        found = self.site()
        return f"Mini MPP Kecamatan {found['name']}" if found else "Mini MPP"

    def forget_site(self) -> None:
        self._site = None


def _print_jobs(result: Any) -> list[dict]:
    """The print jobs an op's result reports (a job dict, or lists of them under print/prints/jobs)."""
    if isinstance(result, list):
        return [job for item in result for job in _print_jobs(item)] if result and _is_job(result[0]) else []
    if _is_job(result):
        return [result]
    if not isinstance(result, dict):
        return []
    found = []
    for key in ("print", "prints", "jobs"):
        value = result.get(key)
        for item in value if isinstance(value, list) else [value]:
            if _is_job(item):
                found.append(item)
    return found


def _is_job(value: Any) -> bool:
    return isinstance(value, dict) and "state" in value and "kind" in value and "id" in value
