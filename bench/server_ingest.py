"""Central ingest on PostgreSQL: simulated devices pushing concurrently to a real `kiosk-server`; prints JSON.

Two phases against one server (--workers app processes, stateless, sharing the database):
  throughput  a few devices push big batches back to back: mutations_per_s
  fleet       N devices (default 10,000: a whole province) each push a small batch once per period
              (default 60 s), spread evenly: p50/p99 latency of those pushes

    python bench/server_ingest.py [--db postgresql+psycopg://postgres@127.0.0.1:5432/test] [--workers 2]
                                  [--devices 10000] [--period 60] [--batch 500] [--seconds 15]

The database named by --db (default KIOSK_BENCH_PG_URL, KIOSK_TEST_PG_URL or the local `test`) is only
used to create and drop a scratch database beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.synctools import Central, ServerProcess, scratch_pg_database  # noqa: E402

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SITES = [f"64.02.{n:02d}" for n in range(1, 21)]


def ticket_mutations(rng: random.Random, start: int, tickets: int) -> list[tuple[str, dict]]:
    """A counter's work: tickets issued, called, served and finished (4 mutations each)."""
    out = []
    t = start
    for n in range(tickets):
        tid = str(uuid.uuid4())
        out.append(("ticket.issued", {"i": tid, "n": f"A-{n % 999 + 1:03d}", "s": "KTP", "d": "2026-11-30",
                                      "p": None, "a": t, "t": t, "f": None}))
        for frm, to in (("waiting", "called"), ("called", "serving"), ("serving", "done")):
            t += rng.randint(5, 120)
            out.append(("ticket.event", {"i": tid, "f": frm, "t": to, "c": rng.randint(1, 4), "u": "petugas",
                                         "at": t, "r": None}))
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def make_devices(central: Central, count: int) -> list[dict]:
    """Enrolled devices written straight into the database (enrolling 10,000 over HTTP is not the point)."""
    from sqlalchemy import insert

    from central.models import Device

    now = datetime.now(UTC)
    devices, rows = [], []
    for n in range(count):
        did, secret = str(uuid.uuid4()), uuid.uuid4().hex
        site = SITES[n % len(SITES)]
        devices.append({"id": did, "secret": secret, "site": site, "seq": 0})
        rows.append({"id": did, "site_code": site, "name": f"bench-{n}", "enrolled_at": now,
                     "secret_hash": hashlib.sha256(secret.encode()).hexdigest()})
    with central.db.write() as conn:
        conn.execute(insert(Device.__table__), rows)
    return devices


def headers(device: dict) -> dict:
    from mpp import wire

    return {wire.HEADER_PROTOCOL: str(wire.PROTOCOL_VERSION), wire.HEADER_SCHEMA: "1",
            "Authorization": f"Bearer {device['id']}:{device['secret']}", "Content-Encoding": "gzip",
            "Content-Type": "application/json"}


def throughput(url: str, devices: list[dict], batch: int, seconds: float) -> dict:
    """Each device pushes `batch`-mutation batches back to back for `seconds`."""
    import requests

    from mpp import wire

    stop = time.monotonic() + seconds
    lock = threading.Lock()
    done, latencies, errors = [0], [], []
    t0 = int(datetime(2026, 11, 30, tzinfo=UTC).timestamp())

    def worker(device: dict, seed: int):
        rng = random.Random(seed)
        session = requests.Session()
        # Bodies are made ahead, so the client's gzip does not compete with the server for the CPU.
        bodies = []
        for k in range(120):
            muts = ticket_mutations(rng, t0 + k * 3600, batch // 4)
            bodies.append((len(muts), wire.encode_push(device["id"], device["site"], 1, 1 + k * len(muts), 1, muts)))
        for count, body in bodies:
            if time.monotonic() > stop:
                break
            started = time.monotonic()
            reply = session.post(url + "/api/v1/push", data=body, headers=headers(device), timeout=60)
            elapsed = time.monotonic() - started
            with lock:
                if reply.status_code == 200:
                    done[0] += count
                    latencies.append(elapsed)
                else:
                    errors.append(reply.status_code)
        session.close()

    threads = [threading.Thread(target=worker, args=(d, i)) for i, d in enumerate(devices)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    return {"devices": len(devices), "batch": batch, "batches": len(latencies), "mutations": done[0],
            "seconds": round(wall, 2), "mutations_per_s": round(done[0] / wall),
            "p50_ms": round(percentile(latencies, 50) * 1000, 1) if latencies else None,
            "p99_ms": round(percentile(latencies, 99) * 1000, 1) if latencies else None, "errors": len(errors)}


class LeanConnection:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: the load generator must not eat the CPU
    the server is measured on (a full client library costs more per request than the server does)."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def post(self, path: str, body: bytes, headers: dict) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self.writer.write(f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Length: {len(body)}\r\n{head}\r\n"
                          .encode() + body)
        status_line = await self.reader.readline()
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        await self.reader.readexactly(length)
        return int(status_line.split()[1])


async def fleet(url: str, devices: list[dict], period: float, per_push: int, connections: int = 64) -> dict:
    """Every device pushes one small batch at its own moment in the period (evenly spread, jittered)."""
    from urllib.parse import urlparse

    from mpp import wire

    rng = random.Random(5)
    t0 = int(datetime(2026, 12, 1, tzinfo=UTC).timestamp())
    plan = []
    for n, device in enumerate(devices):
        muts = ticket_mutations(rng, t0 + n, max(1, per_push // 4))
        body = wire.encode_push(device["id"], device["site"], 2, 1, 1, muts)
        plan.append(((n + rng.random()) * period / len(devices), device, body, len(muts)))
    parsed = urlparse(url)
    pool: asyncio.Queue = asyncio.Queue()
    for _ in range(connections):
        pool.put_nowait(LeanConnection(parsed.hostname, parsed.port))
    latencies, errors = [], []
    start = time.monotonic()

    async def one(at: float, device: dict, body: bytes):
        delay = start + at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)  # this device's moment in the period
        sent = time.monotonic()  # latency includes waiting for a free connection
        conn = await pool.get()
        try:
            status = await conn.post("/api/v1/push", body, headers(device))
            if status == 200:
                latencies.append(time.monotonic() - sent)
            else:
                errors.append(status)
        except (OSError, asyncio.IncompleteReadError) as exc:
            conn.writer = None
            errors.append(type(exc).__name__)
        finally:
            pool.put_nowait(conn)

    await asyncio.gather(*(one(at, device, body) for at, device, body, _ in plan))
    wall = time.monotonic() - start
    return {"devices": len(devices), "period_s": period, "requests": len(plan),
            "req_per_s": round(len(plan) / wall, 1), "mutations_per_push": plan[0][3], "connections": connections,
            "p50_ms": round(percentile(latencies, 50) * 1000, 1) if latencies else None,
            "p99_ms": round(percentile(latencies, 99) * 1000, 1) if latencies else None,
            "max_ms": round(max(latencies) * 1000, 1) if latencies else None, "errors": len(errors)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=os.environ.get("KIOSK_BENCH_PG_URL") or os.environ.get("KIOSK_TEST_PG_URL")
                        or DEFAULT_PG)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--devices", type=int, default=10_000)
    parser.add_argument("--period", type=float, default=60.0)
    parser.add_argument("--per-push", type=int, default=8, help="mutations in each fleet push")
    parser.add_argument("--pushers", type=int, default=4, help="devices pushing back to back (throughput)")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=15.0)
    args = parser.parse_args()
    if not args.db.startswith("postgres"):
        raise SystemExit("server_ingest measures PostgreSQL: give --db postgresql+psycopg://...")
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp, scratch_pg_database(args.db, "bench_ingest") as url:
        central = Central(url)
        central.init()
        devices = make_devices(central, max(args.devices, args.pushers))
        server = ServerProcess(url, workers=args.workers, log_path=Path(tmp) / "server.log").start()
        try:
            fast = throughput(server.url, devices[: args.pushers], args.batch, args.seconds)
            spread = asyncio.run(fleet(server.url, devices[: args.devices], args.period, args.per_push))
            stored = central.scalar("SELECT count(*) FROM mutations")
        finally:
            server.stop()
            central.close()
    print(json.dumps({
        "db": "postgresql", "workers": args.workers, "cpus": os.cpu_count(), "date": date.today().isoformat(),
        "mutations_per_s": fast["mutations_per_s"], "p99_ms": spread["p99_ms"],
        "throughput": fast, "fleet": spread, "mutations_stored": stored,
    }, indent=1))


if __name__ == "__main__":
    main()
