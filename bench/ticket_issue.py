"""Issue-ticket and call-next latency on a store holding a year of history.

Seeds ~200k tickets (with their events and outbox rows) and ~50k applications, then measures the
domain call + commit (printing excluded) on this machine. Prints one JSON document:
{"issue": {"p50_ms", "p99_ms"}, "call_next": {"p50_ms", "p99_ms"}, ...}
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from kiosk import tickets  # noqa: E402
from kiosk.clock import Clock  # noqa: E402
from kiosk.db import open_store  # noqa: E402
from kiosk.models import Application, OutboxMutation, Ticket, TicketEvent  # noqa: E402
from kiosk.site import init_site  # noqa: E402

SITE = "64.02.12"


def seed(store, days: int, per_day: int, applications: int) -> dict:
    rng = random.Random(7)
    now = Clock().now()
    with store.transaction() as s:
        device = init_site(s, SITE, "bench", now)
        services = [("KTP", "A"), ("KK", "B"), ("AKLAHIR", "C"), ("PKB", "L"), ("JKN", "K")]
        tickets.set_counter(s, 1, [c for c, _ in services], now=now)
        tickets.set_counter(s, 2, ["KTP", "KK"], now=now)
        epoch = device.epoch
    seq = 0
    t_rows = e_rows = 0
    for d in range(days, 0, -1):
        day_start = now - timedelta(days=d)
        day = tickets.business_day(day_start)
        ticket_rows, event_rows, outbox_rows = [], [], []
        counters = {p: 0 for _, p in services}
        for i in range(per_day):
            code, prefix = services[rng.randrange(len(services))]
            counters[prefix] += 1
            tid = str(uuid.uuid4())
            issued = day_start + timedelta(seconds=i * 50)
            called = issued + timedelta(minutes=rng.randint(1, 40))
            started = called + timedelta(seconds=30)
            finished = started + timedelta(minutes=rng.randint(2, 12))
            ticket_rows.append(dict(
                id=tid, site_code=SITE, business_day=day, service_code=code, prefix=prefix, seq=counters[prefix],
                number=tickets.format_number(prefix, counters[prefix]), priority=None, priority_rank=1,
                status="done", counter=1, recall_count=0, arrival_at=issued, issued_at=issued, called_at=called,
                started_at=started, finished_at=finished, operator="op"))
            for frm, to, at in ((None, "waiting", issued), ("waiting", "called", called),
                                ("called", "serving", started), ("serving", "done", finished)):
                event_rows.append(dict(ticket_id=tid, from_status=frm, to_status=to, actor="op", counter=1, at=at))
                seq += 1
                outbox_rows.append(dict(epoch=epoch, seq=seq, name="ticket.event", payload=f'{{"i":"{tid}"}}',
                                        schema_version=1, created_at=at, acked_at=at))
        with store.transaction() as s:
            s.execute(insert(Ticket), ticket_rows)
            s.execute(insert(TicketEvent), event_rows)
            s.execute(insert(OutboxMutation), outbox_rows)
        t_rows += len(ticket_rows)
        e_rows += len(event_rows)
    app_rows = []
    for i in range(applications):
        at = now - timedelta(minutes=i * 10)
        regno = f"640212-{at:%y%m%d}-ZZZ{i:06d}"
        app_rows.append(dict(id=str(uuid.uuid4()), registration_number=regno, regno_key=regno.replace("-", ""),
                             site_code=SITE, service_code="KTP", nik=f"64021{i:011d}", name=f"Warga {i}",
                             documents={}, status="handed_over", operator="op", received_at=at, updated_at=at,
                             warnings=[]))
    with store.transaction() as s:
        s.execute(insert(Application), app_rows)
    return {"tickets": t_rows, "ticket_events": e_rows, "outbox": seq, "applications": len(app_rows)}


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)


def measure(store, rounds: int) -> dict:
    clock = Clock()
    issue_ms, call_ms = [], []
    for i in range(rounds):
        t0 = time.perf_counter()
        with store.transaction() as s:
            tickets.issue_ticket(s, "KTP" if i % 3 else "KK", now=clock.now(),
                                 priority="lansia" if i % 10 == 0 else None)
        issue_ms.append((time.perf_counter() - t0) * 1000)
    for _ in range(rounds):
        t0 = time.perf_counter()
        with store.transaction() as s:
            t = tickets.call_next(s, 1, now=clock.now(), actor="bench")
        call_ms.append((time.perf_counter() - t0) * 1000)
        with store.transaction() as s:  # free the counter again (not measured)
            tickets.no_show(s, t.number, 1, now=clock.now(), actor="bench")
    return {
        "issue": {"p50_ms": pct(issue_ms, 0.5), "p99_ms": pct(issue_ms, 0.99), "mean_ms": round(statistics.mean(issue_ms), 3)},
        "call_next": {"p50_ms": pct(call_ms, 0.5), "p99_ms": pct(call_ms, 0.99), "mean_ms": round(statistics.mean(call_ms), 3)},
    }


def measure_floor(path: Path, rounds: int) -> list[float]:
    """A bare commit of one row on a connection with the store's pragmas: what any write here costs."""
    import sqlite3

    from kiosk.db import BUSY_TIMEOUT_MS, sqlite_pragmas

    conn = sqlite3.connect(path)
    sqlite_pragmas(conn, busy_timeout_ms=BUSY_TIMEOUT_MS, foreign_keys=True)
    conn.execute("CREATE TABLE IF NOT EXISTS floor (id INTEGER PRIMARY KEY, v TEXT)")
    samples = []
    for i in range(rounds):
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO floor (v) VALUES (?)", (f"row {i}",))
        conn.execute("COMMIT")
        samples.append((time.perf_counter() - t0) * 1000)
    conn.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-day", type=int, default=550)
    parser.add_argument("--applications", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "kiosk.sqlite3")
        t0 = time.perf_counter()
        seeded = seed(store, args.days, args.per_day, args.applications)
        seed_s = time.perf_counter() - t0
        # The floor is measured before and after, so a noisy minute on this shared machine hits both alike.
        floor_db = Path(tmp) / "floor.sqlite3"
        floor_ms = measure_floor(floor_db, args.rounds // 2)
        result = measure(store, args.rounds)
        floor_ms += measure_floor(floor_db, args.rounds // 2)
        floor = {"p50_ms": pct(floor_ms, 0.5), "p99_ms": pct(floor_ms, 0.99)}
        result["floor"] = floor
        result["ratio_p99"] = round(result["issue"]["p99_ms"] / max(floor["p99_ms"], 1e-6), 2)
        result["seeded"] = seeded
        result["seed_seconds"] = round(seed_s, 1)
        result["db_mb"] = round((Path(tmp) / "kiosk.sqlite3").stat().st_size / 1e6, 1)
        store.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
