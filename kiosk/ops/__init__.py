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

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SITE, LOCAL = "site", "local"


@dataclass(frozen=True)
class OpInfo:
    """What the registry knows of one op."""

    name: str
    func: Callable[..., Any]
    scope: str  # SITE | LOCAL
    write: bool  # changes records: screens refresh and sync is nudged after it
    slow: bool  # may take seconds (network, a device): a screen runs it off the GUI thread


OPS: dict[str, OpInfo] = {}


def op(name: str, *, scope: str = SITE, write: bool = True,
       slow: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register an op under `name` (e.g. "ticket.issue"); `write=False` for one that only reads, `slow`
    for one that may wait on the network or a device. The function is returned unchanged."""

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        if name in OPS and OPS[name].func is not func:
            raise RuntimeError(f"op {name!r} registered twice")
        OPS[name] = OpInfo(name, func, scope, write, slow)
        func.op = OPS[name]  # type: ignore[attr-defined]
        return func

    return register


def info(func: Callable[..., Any]) -> OpInfo:
    """The registry entry of an op function (a ValueError for a function that is not an op)."""
    found = getattr(func, "op", None)
    if not isinstance(found, OpInfo):
        raise ValueError(f"{getattr(func, '__qualname__', func)!r} is not a registered op")
    return found


INT_LIMIT = 2**63 - 1  # what SQLite (and central's int8) can hold


def check_args(args: dict) -> None:
    """Refuse (InputError) an op's arguments a store cannot hold: integers beyond int64, at any depth.
    Every door (CLI, views, the hub's routes) passes through here, so a crafted number is bad input,
    never a crash."""
    from kiosk.errors import InputError

    pending = list(args.values())
    while pending:
        value = pending.pop()
        if isinstance(value, int) and not isinstance(value, bool) and not -INT_LIMIT <= value <= INT_LIMIT:
            raise InputError(f"bilangan terlalu besar: {str(value)[:24]}… (number out of range)")
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list | tuple):
            pending.extend(value)


def when(ctx, at: str | None):
    """`at` (ISO time with zone, from a write a joined PC spooled) or now. Device time is a fact recorded."""
    from datetime import datetime

    from kiosk.errors import InputError

    if not at:
        return ctx.now()
    try:
        value = datetime.fromisoformat(str(at))
    except ValueError:
        raise InputError(f"waktu tidak sah: {at!r}") from None
    if value.tzinfo is None:
        raise InputError(f"waktu tanpa zona waktu: {at!r}")
    return value


def load_all() -> dict[str, OpInfo]:
    """Import every op module (the hub serves them by name) and return the registry."""
    from kiosk.ops import (  # noqa: F401  (imported for their registrations)
        catalog,
        counters,
        hub,
        intake,
        maintenance,
        operators,
        printing,
        privacy,
        queue,
        reports,
        setup,
        survey,
        voice,
    )

    return OPS
