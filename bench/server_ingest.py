"""Central ingest on PostgreSQL: simulated devices pushing concurrently to a real `kiosk-server`; prints JSON.

Phases against one database (app processes are stateless and share it):
  floor       the cheapest honest request, measured in the same run: an authenticated POST that inserts
              one row and commits (bench/floor_app.py; same driver, same server settings, same workers),
              closed loop: requests_per_s, p50_ms, p99_ms
  capacity    small pushes (--per-push mutations) closed loop the same way: what one push costs against
              the floor (cost_ratio = floor requests/s / push requests/s; goal <= 2)
  throughput  a few devices push big batches back to back: mutations_per_s
  fleet       N devices (default 10,000: a whole province) each push a small batch once per period
              (default 60 s), arrivals on a clock (open loop): p50/p99 latency; ratio_to_floor =
              fleet requests/s / floor requests/s
  overload    arrivals at 2x the measured capacity: pushes shed with 503 + Retry-After come back after
              it (as a kiosk does); accepted requests/s, their p99, the share shed, and at the end the
              count check that every push was applied exactly once
  scale       push capacity at 1, 2 and 4 workers (--scale-workers)

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
        return (await self.post_full(path, body, headers))[0]

    async def post_full(self, path: str, body: bytes, headers: dict) -> tuple[int, float | None]:
        """(status, Retry-After seconds or None)."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self.writer.write(f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Length: {len(body)}\r\n{head}\r\n"
                          .encode() + body)
        status_line = await self.reader.readline()
        length, retry_after, closing = 0, None, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            lower = line.lower()
            if lower.startswith(b"content-length:"):
                length = int(line.split(b":")[1])
            elif lower.startswith(b"retry-after:"):
                retry_after = float(line.split(b":")[1])
            elif lower.startswith(b"connection:") and b"close" in lower:
                closing = True
        await self.reader.readexactly(length)
        if closing:
            self.writer.close()
            self.writer = None
        return int(status_line.split()[1]), retry_after


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
        for _ in range(100):
            sent = time.monotonic()  # latency includes waiting for a free connection
            conn = await pool.get()
            retry_after = None
            try:
                status, retry_after = await conn.post_full("/api/v1/push", body, headers(device))
                if status == 200:
                    latencies.append(time.monotonic() - sent)
                    return
                if status == 503:
                    shed[0] += 1
                else:
                    errors.append(status)
                    return
            except (OSError, asyncio.IncompleteReadError) as exc:
                conn.writer = None
                errors.append(type(exc).__name__)
                return
            finally:
                pool.put_nowait(conn)
            await asyncio.sleep((retry_after or 1.0) * retry_rng.uniform(1.0, 1.5))  # as a kiosk does

    retry_rng, shed = random.Random(6), [0]
    await asyncio.gather(*(one(at, device, body) for at, device, body, _ in plan))
    wall = time.monotonic() - start
    return {"devices": len(devices), "period_s": period, "requests": len(plan),
            "req_per_s": round(len(latencies) / wall, 1), "mutations_per_push": plan[0][3], "connections": connections,
            "p50_ms": round(percentile(latencies, 50) * 1000, 1) if latencies else None,
            "p99_ms": round(percentile(latencies, 99) * 1000, 1) if latencies else None,
            "max_ms": round(max(latencies) * 1000, 1) if latencies else None, "shed": shed[0],
            "errors": len(errors)}


def ms(seconds: float | None) -> float | None:
    return round(seconds * 1000, 1) if seconds is not None else None


def pct(values: list[float], p: float) -> float | None:
    return percentile(values, p) if values else None


class Pushes:
    """Small pushes no device has sent yet: device k of the fleet, in a fresh epoch per pass over the fleet."""

    def __init__(self, devices: list[dict], per_push: int, first_epoch: int, seed: int):
        self.devices, self.per_push, self.epoch, self.rng = devices, per_push, first_epoch, random.Random(seed)
        self.index, self.epochs = 0, {first_epoch}
        self.t0 = int(datetime(2026, 12, 2, tzinfo=UTC).timestamp())

    def next(self) -> tuple[dict, bytes, int]:
        from mpp import wire

        if self.index == len(self.devices):
            self.index, self.epoch = 0, self.epoch + 1
            self.epochs.add(self.epoch)
        device = self.devices[self.index]
        self.index += 1
        muts = ticket_mutations(self.rng, self.t0 + self.index, max(1, self.per_push // 4))
        return device, wire.encode_push(device["id"], device["site"], self.epoch, 1, 1, muts), len(muts)


async def closed_loop(url: str, path: str, make, seconds: float, connections: int) -> dict:
    """`connections` clients sending back to back for `seconds`: requests/s and latency at saturation."""
    from urllib.parse import urlparse

    parsed = urlparse(url)
    latencies, errors, shed = [], [], [0]
    stop = time.monotonic() + seconds

    async def client():
        conn = LeanConnection(parsed.hostname, parsed.port)
        while time.monotonic() < stop:
            device, body, _ = make()
            sent = time.monotonic()
            try:
                status, retry_after = await conn.post_full(path, body, headers(device))
            except (OSError, asyncio.IncompleteReadError) as exc:
                conn.writer = None
                errors.append(type(exc).__name__)
                continue
            if status == 200:
                latencies.append(time.monotonic() - sent)
            elif status == 503:
                shed[0] += 1
                await asyncio.sleep(min(retry_after or 1.0, 2.0))  # a client that listens, briefly
            else:
                errors.append(status)

    started = time.monotonic()
    await asyncio.gather(*(client() for _ in range(connections)))
    wall = time.monotonic() - started
    return {"requests_per_s": round(len(latencies) / wall, 1), "p50_ms": ms(pct(latencies, 50)),
            "p99_ms": ms(pct(latencies, 99)), "requests": len(latencies), "shed": shed[0], "errors": len(errors),
            "connections": connections, "seconds": round(wall, 1)}


async def overload(url: str, pushes: Pushes, rate: float, seconds: float, connections: int = 128) -> dict:
    """Open-loop arrivals at `rate`/s for `seconds`; a shed push (503) comes back after Retry-After, as a
    kiosk's sync does, until every push is accepted."""
    from urllib.parse import urlparse

    parsed = urlparse(url)
    pool: asyncio.Queue = asyncio.Queue()
    for _ in range(connections):
        pool.put_nowait(LeanConnection(parsed.hostname, parsed.port))
    rng = random.Random(9)
    plan = [pushes.next() for _ in range(int(rate * seconds))]
    accepted, shed, errors = [], [0], []
    accepted_at: list[float] = []
    start = time.monotonic()

    async def one(at: float, device: dict, body: bytes):
        delay = start + at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        for _ in range(1000):
            sent = time.monotonic()
            conn = await pool.get()
            try:
                status, retry_after = await conn.post_full("/api/v1/push", body, headers(device))
            except (OSError, asyncio.IncompleteReadError) as exc:
                conn.writer = None
                errors.append(type(exc).__name__)
                retry_after, status = 1.0, 0
            finally:
                pool.put_nowait(conn)
            if status == 200:
                accepted.append(time.monotonic() - sent)
                accepted_at.append(time.monotonic() - start)
                return
            if status == 503:
                shed[0] += 1
            elif status:
                errors.append(status)
            await asyncio.sleep((retry_after or 1.0) * rng.uniform(1.0, 1.5))  # never sooner than asked

    await asyncio.gather(*(one(n / rate, device, body) for n, (device, body, _) in enumerate(plan)))
    wall = time.monotonic() - start
    in_phase = sum(1 for t in accepted_at if t <= seconds)
    return {"offered_per_s": round(rate, 1), "seconds": seconds, "pushes": len(plan),
            "accepted_per_s": round(in_phase / seconds, 1), "p50_ms": ms(pct(accepted, 50)),
            "p99_ms": ms(pct(accepted, 99)), "max_ms": ms(max(accepted)) if accepted else None,
            "attempts": len(accepted) + shed[0] + len(errors), "shed": shed[0],
            "shed_share": round(shed[0] / max(1, len(accepted) + shed[0]), 3), "errors": len(errors),
            "all_accepted_after_s": round(wall, 1),
            "expected_mutations": sum(n for _, _, n in plan), "accepted": len(accepted)}


def start_floor(url: str, workers: int, log: Path):
    """The floor app (bench/floor_app.py) under uvicorn with the same workers; returns (process, base url)."""
    import subprocess

    from tests.synctools import ROOT, free_port, server_env

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "bench.floor_app:create_app", "--factory",
                             "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
                             "--log-level", "warning", "--no-access-log"],
                            env=server_env(KIOSK_SERVER_DB=url), cwd=ROOT, stdout=open(log, "ab"),
                            stderr=subprocess.STDOUT, start_new_session=True)
    probe = ServerProcess(url, port=port)
    probe.proc = proc
    import requests

    for _ in range(300):
        try:
            requests.post(f"http://127.0.0.1:{port}/floor", timeout=1)
            return probe
        except requests.RequestException:
            if proc.poll() is not None:
                raise RuntimeError(f"floor app exited; see {log}") from None
            time.sleep(0.1)
    probe.stop()
    raise RuntimeError("floor app did not come up")


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
    parser.add_argument("--capacity-seconds", type=float, default=10.0, help="each closed-loop phase")
    parser.add_argument("--connections", type=int, default=32, help="clients of the closed-loop phases")
    parser.add_argument("--overload-seconds", type=float, default=15.0)
    parser.add_argument("--scale-workers", default="1,2,4")
    args = parser.parse_args()
    if not args.db.startswith("postgres"):
        raise SystemExit("server_ingest measures PostgreSQL: give --db postgresql+psycopg://...")
    from sqlalchemy import text

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp, scratch_pg_database(args.db, "bench_ingest") as url:
        log = Path(tmp) / "server.log"
        central = Central(url)
        central.init()
        with central.db.write() as conn:
            conn.execute(text("CREATE TABLE bench_floor (id bigserial PRIMARY KEY, device_id text, body_bytes int, "
                              "at timestamptz)"))
        devices = make_devices(central, max(args.devices, args.pushers))
        settings = central.rows("SELECT name, setting FROM pg_settings WHERE name IN "
                                "('synchronous_commit', 'fsync', 'wal_sync_method', 'max_connections')")
        pushes = Pushes(devices, args.per_push, first_epoch=10, seed=21)

        floor_server = start_floor(url, args.workers, log)
        try:
            sample = pushes.next()  # the floor request carries a small push's body, and reads no more of it
            floor = asyncio.run(closed_loop(floor_server.url, "/floor", lambda: sample, args.capacity_seconds,
                                            args.connections))
        finally:
            floor_server.stop()
        server = ServerProcess(url, workers=args.workers, log_path=log).start()
        try:
            capacity = asyncio.run(closed_loop(server.url, "/api/v1/push", pushes.next, args.capacity_seconds,
                                               args.connections))
            fast = throughput(server.url, devices[: args.pushers], args.batch, args.seconds)
            spread = asyncio.run(fleet(server.url, devices[: args.devices], args.period, args.per_push))
            before = central.scalar("SELECT count(*) FROM mutations")
            over_pushes = Pushes(devices, args.per_push, first_epoch=1000, seed=33)
            shed = asyncio.run(overload(server.url, over_pushes, 2 * capacity["requests_per_s"],
                                        args.overload_seconds))
            stored = central.scalar("SELECT count(*) FROM mutations WHERE epoch >= 1000")
            distinct = central.scalar("SELECT count(*) FROM (SELECT DISTINCT device_id, epoch, seq FROM mutations "
                                      "WHERE epoch >= 1000) m")
            tickets = central.scalar("SELECT count(*) FROM tickets t JOIN mutations m ON m.name = 'ticket.issued' "
                                     "AND m.epoch >= 1000 AND m.payload::json->>'i' = t.id")
            shed.update(stored_mutations=stored, exactly_once=stored == distinct == shed["expected_mutations"]
                        and tickets == shed["expected_mutations"] // 4, tickets=tickets)
        finally:
            server.stop()
        scale = {}
        for workers in (int(w) for w in args.scale_workers.split(",") if w.strip()):
            server = ServerProcess(url, workers=workers, log_path=log).start()
            try:
                scale[str(workers)] = asyncio.run(closed_loop(server.url, "/api/v1/push", pushes.next,
                                                              args.capacity_seconds, args.connections))
            finally:
                server.stop()
        total = central.scalar("SELECT count(*) FROM mutations")
        central.close()
    spread["ratio_to_floor"] = round(spread["req_per_s"] / floor["requests_per_s"], 3)
    print(json.dumps({
        "db": "postgresql", "workers": args.workers, "cpus": os.cpu_count(), "date": date.today().isoformat(),
        "pg_settings": {name: value for name, value in settings},
        "mutations_per_s": fast["mutations_per_s"], "p99_ms": spread["p99_ms"],
        "floor": floor, "capacity": capacity,
        "cost_ratio": round(floor["requests_per_s"] / max(0.1, capacity["requests_per_s"]), 2),
        "throughput": fast, "fleet": spread, "overload": shed,
        "scale": {w: r["requests_per_s"] for w, r in scale.items()}, "scale_detail": scale,
        "mutations_stored": total, "mutations_before_overload": before,
    }, indent=1))


if __name__ == "__main__":
    main()
