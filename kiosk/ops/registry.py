"""The registry of ops: the `op` decorator, what it knows of each op, and the shared argument helpers.
Op modules import from here; `kiosk.ops.load_all` loads them all by name."""

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
