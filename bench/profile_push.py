"""Where a small push's time goes on central (PostgreSQL): each stage timed in process, one push at a time.

    python bench/profile_push.py [--db postgresql+psycopg://postgres@127.0.0.1:5432/test] [--pushes 2000]
                                 [--per-push 8] [--cprofile]

Stages: authenticate (token -> device row), inflate + parse + decode, apply (one write transaction:
stream advance, prefetch, effects, change records, commit), the JSON answer. Also the floor measured
beside it: a bare INSERT of one row + COMMIT on the same database with the same driver. Prints JSON
(microseconds per push, mean and p50/p99). The HTTP layer (uvicorn, FastAPI, threads) is what
bench/server_ingest.py measures end to end.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server_ingest import DEFAULT_PG, make_devices, percentile, ticket_mutations  # noqa: E402
from tests.synctools import Central, scratch_pg_database  # noqa: E402


def stats(values: list[float]) -> dict:
    return {"mean_us": round(sum(values) / len(values) * 1e6), "p50_us": round(percentile(values, 50) * 1e6),
            "p99_us": round(percentile(values, 99) * 1e6)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=os.environ.get("KIOSK_BENCH_PG_URL") or os.environ.get("KIOSK_TEST_PG_URL")
                        or DEFAULT_PG)
    parser.add_argument("--pushes", type=int, default=2000)
    parser.add_argument("--per-push", type=int, default=8)
    parser.add_argument("--cprofile", action="store_true", help="also print the top functions (cProfile)")
    args = parser.parse_args()

    from sqlalchemy import text

    from central import devices as central_devices
    from central.api import ACCEPTED_SCHEMAS, reply
    from central.ingest import ingest
    from mpp import wire

    with scratch_pg_database(args.db, "bench_profile") as url:
        central = Central(url)
        central.init()
        devices = make_devices(central, args.pushes)
        rng = random.Random(3)
        t0 = int(datetime(2026, 12, 1, tzinfo=UTC).timestamp())
        bodies = [(d, wire.encode_push(d["id"], d["site"], 1, 1, 1,
                                       ticket_mutations(rng, t0 + n, max(1, args.per_push // 4))))
                  for n, d in enumerate(devices)]
        db = central.db
        with db.write() as conn:
            conn.execute(text("CREATE TABLE floor_rows (id bigserial PRIMARY KEY, device_id text, at timestamptz)"))
        timings: dict[str, list[float]] = {"authenticate": [], "parse": [], "apply_commit": [], "answer": [],
                                           "total": [], "floor_insert_commit": []}

        def one(device: dict, body: bytes) -> None:
            started = time.perf_counter()
            with db.lookup() as conn:
                row = central_devices.authenticate(conn, f"Bearer {device['id']}:{device['secret']}")
            t1 = time.perf_counter()
            batch = wire.parse_push(body, True)
            t2 = time.perf_counter()
            result = ingest(db, row, batch, datetime.now(UTC), ACCEPTED_SCHEMAS)
            t3 = time.perf_counter()
            reply(result).body  # noqa: B018 - the answer's serialisation is part of the cost
            t4 = time.perf_counter()
            for key, value in (("authenticate", t1 - started), ("parse", t2 - t1), ("apply_commit", t3 - t2),
                               ("answer", t4 - t3), ("total", t4 - started)):
                timings[key].append(value)
            f0 = time.perf_counter()
            with db.write() as conn:
                conn.execute(text("INSERT INTO floor_rows (device_id, at) VALUES (:d, now())"), {"d": device["id"]})
            timings["floor_insert_commit"].append(time.perf_counter() - f0)

        for device, body in bodies[:50]:  # warm up: statement caches, connections
            one(device, body)
        for values in timings.values():
            values.clear()
        profiler = cProfile.Profile() if args.cprofile else None
        if profiler:
            profiler.enable()
        for device, body in bodies[50:]:
            one(device, body)
        if profiler:
            profiler.disable()
        statements = central.scalar("SELECT count(*) FROM mutations")
        central.close()
    out = {"pushes": len(bodies) - 50, "mutations_per_push": args.per_push, "stored_mutations": statements,
           "stages": {k: stats(v) for k, v in timings.items()}}
    out["ratio_total_to_floor"] = round(out["stages"]["total"]["p50_us"] /
                                        max(1, out["stages"]["floor_insert_commit"]["p50_us"]), 2)
    print(json.dumps(out, indent=1))
    if profiler:
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).sort_stats("cumulative").print_stats(40)
        print(buf.getvalue(), file=sys.stderr)


if __name__ == "__main__":
    main()
