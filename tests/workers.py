"""Worker processes for the concurrency and crash tests: real processes on one data dir.

Each line printed is printed only after its transaction committed.
    python tests/workers.py issue DATA_DIR COUNT SERVICE
    python tests/workers.py call DATA_DIR COUNTER EXPECTED_TOTAL
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kiosk import tickets
from kiosk.clock import Clock
from kiosk.db import Store
from kiosk.errors import QueueEmpty


def issue(store: Store, count: int, service: str) -> None:
    clock = Clock()
    for _ in range(count):
        with store.transaction() as s:
            t = tickets.issue_ticket(s, service, now=clock.now(), actor="worker")
            line = f"{t.number} {t.id}"
        print(line, flush=True)


def call(store: Store, counter: int, total: int) -> None:
    """Call, serve and finish until `total` tickets are done across all counters (bounded in time)."""
    clock = Clock()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with store.transaction() as s:
                t = tickets.call_next(s, counter, now=clock.now(), actor=f"loket{counter}")
                tickets.start_service(s, t.number, counter, now=clock.now(), actor=f"loket{counter}")
                tickets.finish(s, t.number, counter, now=clock.now(), actor=f"loket{counter}")
                line = f"{t.number} {t.id}"
            print(line, flush=True)
        except QueueEmpty:
            with store.read() as s:
                from sqlalchemy import func, select

                from kiosk.models import Ticket

                done = s.scalar(select(func.count()).select_from(Ticket).where(Ticket.status == "done"))
            if done >= total:
                return
            time.sleep(0.005)


if __name__ == "__main__":
    mode, data_dir = sys.argv[1], Path(sys.argv[2])
    st = Store(data_dir / "kiosk.sqlite3")
    if mode == "issue":
        issue(st, int(sys.argv[3]), sys.argv[4])
    else:
        call(st, int(sys.argv[3]), int(sys.argv[4]))
