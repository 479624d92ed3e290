"""The use cases: one function = one user action = one transaction, returning plain data.

Every user action (issue a ticket, call next, take in an application, hand over, add a survey, print...)
is one function here. It opens one transaction, calls the domain modules, queues the print job in that
same transaction when asked to print, and returns a plain JSON-able dict or list — the shape the CLI
prints with `--json`. The CLI (`kiosk/cli/`), the Qt views (`kiosk/ui/`) and the site hub's HTTP routes
are three thin doors onto these functions; none of them opens a session or calls a domain module.

An op takes a context first (`ctx`: the opened data dir — `kiosk.app.App` — with its store, settings,
clock and acting operator) and then keyword arguments that are plain JSON values only, so an op can be
served over HTTP unchanged. Ops are registered by name:

- `site` ops read or change the site's shared records (tickets, applications, surveys, counters,
  operators). On the hub PC, or a standalone one, they run in process; on a PC joined to a hub they
  are sent to the hub with the same arguments and give the same result (`kiosk.hub`).
- `local` ops concern this PC only (its print queue and printer, config, backup, doctor) and always run here.

Printing stays local to the PC where the user is: a site op asked to print gathers what the paper shows
(`kiosk.ops.printing.request`) and either queues the job in its own transaction or, when it runs on the
hub for another PC, hands the content back for that PC to queue on its own printer.
"""

from __future__ import annotations

import importlib

from kiosk.ops.registry import LOCAL, OPS, SITE, OpInfo, check_args, info, op, when

__all__ = ["LOCAL", "MODULES", "OPS", "SITE", "OpInfo", "check_args", "info", "load_all", "op", "when"]

# The op modules, loaded by name: the registry is below them, so no op module imports another to be found.
MODULES = ("bookings", "catalog", "counters", "hub", "intake", "maintenance", "operators", "printing", "privacy",
           "queue", "reports", "setup", "survey", "voice")


def load_all() -> dict[str, OpInfo]:
    """Import every op module (the hub serves them by name) and return the registry."""
    for name in MODULES:
        importlib.import_module(f"kiosk.ops.{name}")
    return OPS
