"""Counters (loket): which services each one calls."""

from __future__ import annotations

from kiosk import tickets
from kiosk.ops.registry import op
from kiosk.site import this_device


@op("counter.set")
def set_counter(ctx, *, counter: int, services: list[str]) -> dict:
    """Set the services counter N calls: {counter, services}."""
    with ctx.store.transaction() as s:
        this_device(s)  # a data dir without a site says so, rather than "unknown service"
        row = tickets.set_counter(s, counter, services, now=ctx.now())
        return {"counter": row.number, "services": list(row.services), "state": row.state or "open",
                "reason": row.state_reason}


@op("counter.list", write=False)
def list_counters(ctx) -> list[dict]:
    """Every configured counter: {counter, services}."""
    with ctx.store.read() as s:
        return tickets.counters(s)


@op("counter.state")
def set_state(ctx, *, counter: int, state: str, reason: str | None = None) -> dict:
    """Open, pause (istirahat, with a reason) or close a counter: {counter, services, state, reason}."""
    with ctx.store.transaction() as s:
        row = tickets.set_counter_state(s, counter, state, now=ctx.now(), reason=reason)
        return {"counter": row.number, "services": list(row.services), "state": row.state,
                "reason": row.state_reason}
