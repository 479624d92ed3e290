"""Seven days offline at a busy site, pushed through a shaped link; prints JSON figures.

A real `kiosk-server` process (SQLite by default, or --db URL), a kiosk store filled through the domain
functions (tickets issued/called/served/finished on four counters, applications, surveys), and a
loopback proxy that throttles to 256 kbit/s with 600 ms RTT. Measures the push of the whole backlog.

    python bench/sync_backlog.py [--days 7] [--tickets-per-day 950] [--db URL] [--rate-kbit 256] [--rtt-ms 600]

Figures: seconds, wire_bytes (both directions, HTTP headers included), bytes_per_mutation, and
ratio_to_link_limit = seconds / (wire_bytes at the link rate): 1.0 would be a link that never idles.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.faultproxy import ShapedLink  # noqa: E402
from tests.synctools import (  # noqa: E402
    TABANG,
    Central,
    ServerProcess,
    busy_days,
    clock_at,
    new_store,
    scratch_pg_database,
)


def naive_bytes_per_mutation(rows: list[tuple[str, dict]], batch: int = 2000) -> float:
    """What a straightforward design sends: one JSON object per mutation with its own UUID and the device's."""
    device = str(uuid.uuid4())
    total = 0
    for start in range(0, len(rows), batch):
        chunk = [{"id": str(uuid.uuid4()), "device_id": device, "seq": start + i, "name": name, "payload": payload}
                 for i, (name, payload) in enumerate(rows[start:start + batch])]
        total += len(gzip.compress(json.dumps(chunk).encode(), 6))
    return round(total / len(rows), 1)


def run(args) -> dict:
    from sqlalchemy import select

    from kiosk.models import OutboxMutation
    from kiosk.sync.client import Client
    from kiosk.sync.engine import SyncEngine, enroll

    with tempfile.TemporaryDirectory(prefix="bench-backlog-") as tmp, _database(args.db, Path(tmp)) as db_url:
        tmp = Path(tmp)
        central = Central(db_url)
        central.init()
        server = ServerProcess(db_url, log_path=tmp / "server.log").start()
        try:
            clock = clock_at("2026-11-23")
            store = new_store(tmp / "kiosk" / "kiosk.sqlite3", TABANG, clock)
            started = time.monotonic()
            n = busy_days(store, clock, days=args.days, tickets_per_day=args.tickets_per_day)
            generated = time.monotonic() - started
            with store.read() as s:
                rows = [(r.name, json.loads(r.payload)) for r in s.scalars(select(OutboxMutation).order_by(OutboxMutation.id))]
            enroll(store, server.url, central.code(TABANG))
            pushes = []

            class CountingClient(Client):
                def push(self, body, **kw):
                    pushes.append(len(body))
                    return super().push(body, **kw)

            with ShapedLink(server.port, rate_bps=args.rate_kbit * 1000, rtt=args.rtt_ms / 1000) as link:
                engine = SyncEngine(store, tmp / "kiosk", server_url=link.url, client_factory=CountingClient)
                started = time.monotonic()
                result = engine.run()
                seconds = time.monotonic() - started
            if not result.ok or result.pending:
                raise SystemExit(f"backlog did not drain: {result.as_dict()}")
            on_central = central.scalar("SELECT count(*) FROM mutations")
            store.close()
        finally:
            server.stop()
            central.close()
    link_limit_seconds = link.wire_bytes / (args.rate_kbit * 1000 / 8)
    return {
        "mutations": n,
        "on_central": on_central,
        "days": args.days,
        "db": db_url.split(":", 1)[0],
        "link_kbit_s": args.rate_kbit,
        "rtt_ms": args.rtt_ms,
        "seconds": round(seconds, 2),
        "wire_bytes": link.wire_bytes,
        "upload_bytes": link.bytes_up,
        "download_bytes": link.bytes_down,
        "bytes_per_mutation": round(link.wire_bytes / n, 1),
        "ratio_to_link_limit": round(seconds / link_limit_seconds, 2),
        "batches": len(pushes),
        "body_bytes_per_mutation": round(sum(pushes) / n, 1),
        "naive_gzip_bytes_per_mutation": naive_bytes_per_mutation(rows),
        "generate_seconds": round(generated, 1),
        "mix": {name: sum(1 for r in rows if r[0] == name) for name in sorted({r[0] for r in rows})},
    }


class _database:
    """A SQLite file in the temp dir, or a scratch database next to a PostgreSQL URL."""

    def __init__(self, url: str | None, tmp: Path):
        self.url, self.tmp, self._pg = url, tmp, None

    def __enter__(self) -> str:
        if not self.url:
            return f"sqlite:///{self.tmp / 'central.sqlite3'}"
        self._pg = scratch_pg_database(self.url, prefix="bench_backlog")
        return self._pg.__enter__()

    def __exit__(self, *exc):
        if self._pg is not None:
            self._pg.__exit__(*exc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--tickets-per-day", type=int, default=950)
    parser.add_argument("--db", help="central database URL (PostgreSQL: a scratch database is made beside it)")
    parser.add_argument("--rate-kbit", type=int, default=256)
    parser.add_argument("--rtt-ms", type=int, default=600)
    args = parser.parse_args()
    print(json.dumps(run(args), indent=1))


if __name__ == "__main__":
    main()
