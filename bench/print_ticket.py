"""Issue + render + send a queue ticket to a loopback ESC/POS printer; prints JSON figures.

For each profile (with and without native QR): the time from "take a ticket" to the printer having the
bytes (the ticket and its print job committed in one transaction, rendered by python-escpos, status checked
before and after, sent over TCP), p50/p99 in ms, and the bytes per ticket on the wire.
Goals (issue 3): p99 <= 15 ms; <= 4 KB per ticket without native QR, <= 1 KB with it.

    .venv/bin/python bench/print_ticket.py [--n 300]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakeprinter import FakePrinter  # noqa: E402  (the loopback printer the tests use)

from kiosk import config, site, tickets  # noqa: E402
from kiosk.app import App  # noqa: E402
from kiosk.clock import Clock  # noqa: E402
from kiosk.db import open_store  # noqa: E402
from kiosk.models import PrintJob  # noqa: E402
from kiosk.ops import queue  # noqa: E402
from kiosk.printing.document import Document  # noqa: E402
from kiosk.printing.escpos import get_profile, render_escpos  # noqa: E402
from kiosk.printing.spooler import Spooler  # noqa: E402

CASES = [("pos58", 58, "no native QR (image QR, 58 mm)"), ("default", 80, "no native QR (image QR, 80 mm)"),
         ("tm-t20", 80, "native QR (80 mm)"), ("sunmi-v2", 58, "native QR (58 mm)")]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_case(profile: str, width: int, n: int) -> dict:
    clock = Clock()
    with tempfile.TemporaryDirectory() as tmp, FakePrinter("online") as printer:
        data_dir = Path(tmp)
        settings = config.load(data_dir)
        settings.values.update({"printer.uri": printer.uri, "printer.profile": profile, "printer.width": width})
        store = open_store(settings.db_path)
        with store.transaction() as s:
            site.init_site(s, "64.02.12", "bench", clock.now())
            tickets.set_counter(s, 1, ["KTP"], now=clock.now())
        app = App(data_dir=data_dir, clock=clock, actor="bench", _settings=settings, _store=store)
        spooler = Spooler(store, settings, clock=clock)
        assert spooler.acquire()
        times, sizes, commit_ms, send_ms, render_ms = [], [], [], [], []
        prof = get_profile(profile, width)
        for i in range(n + 20):
            t0 = time.perf_counter()
            job_id = app.run(queue.issue_ticket, service="KTP", print=True)["print"]["id"]
            with store.read() as s:
                document = s.get(PrintJob, job_id).document
            t1 = time.perf_counter()
            spooler.run_once()
            t2 = time.perf_counter()
            render_escpos(Document.from_json(document), prof)
            t3 = time.perf_counter()
            if i >= 20:  # warm-up: imports, caches, first connection
                times.append((t2 - t0) * 1000)
                commit_ms.append((t1 - t0) * 1000)
                send_ms.append((t2 - t1) * 1000)
                render_ms.append((t3 - t2) * 1000)
        printer.wait_until(lambda: len(printer.complete_jobs()) == n + 20, 10)
        for job in printer.complete_jobs()[20:]:
            sizes.append(len(job))
        spooler.release()
        store.close()
    return {"profile": profile, "width_mm": width, "case": dict((c[0], c[2]) for c in CASES)[profile], "n": n,
            "p50_ms": round(statistics.median(times), 2), "p99_ms": round(pct(times, 0.99), 2),
            "max_ms": round(max(times), 2),
            "breakdown_p50_ms": {"issue_and_queue_commit": round(statistics.median(commit_ms), 2),
                                 "spooler_send_incl_render_and_2_commits": round(statistics.median(send_ms), 2),
                                 "render_only": round(statistics.median(render_ms), 2)},
            "bytes_per_ticket": round(statistics.mean(sizes)),
            "bytes_max": max(sizes)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    results = [run_case(profile, width, args.n) for profile, width, _ in CASES]
    import os

    print(json.dumps({"bench": "print_ticket", "cpus": os.cpu_count(),
                      "load_avg_1m": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None, "goal": {"p99_ms": 15, "bytes_image_qr": 4096, "bytes_native_qr": 1024},
                      "results": results}, indent=1))


if __name__ == "__main__":
    main()
