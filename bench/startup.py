"""Desktop app figures: start-up to the kiosk home screen, and memory after 10k tickets through the UI.

    python bench/startup.py [--runs 5] [--tickets 10000]

1. `startup`: wall time from process start (`kiosk run --role kiosk`, offscreen) until the kiosk home
   screen is painted, median of `--runs` (after one warm-up run). Goal <= 0.8 s. `floor`: a bare PySide6
   window in a fresh process, timed the same way and interleaved; `ratio_to_floor` = startup / floor.
2. `memory`: one process with the kiosk, counter and display windows (the all-in-one PC of `make run`;
   `--windows kiosk,counter` leaves the TV out); `--tickets` citizens take a
   ticket on the kiosk (the tile's action: issue + queue its print) and the counter calls, serves and
   finishes each (F1, then the serve and finish buttons), with the event loop turning after every action so every screen refreshes.
   RSS after the first half and at the end. Goals: <= 150 MB, no growth in the second half.
   Print jobs are queued but not sent (no spooler), so the figure is the UI's own.

Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SITE = "64.02.12"
SERVICES = ["KTP", "KK", "AKLAHIR", "AKMATI", "PINDAH", "KIA", "JKN", "PKB", "SKCK", "PBB"]


def prepare(data_dir: Path) -> None:
    """Set up a data dir in a separate process (its imports, e.g. Alembic, must not count here)."""
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from bench.startup import _prepare; _prepare({str(data_dir)!r})"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def _prepare(data_dir: str) -> None:
    from kiosk import config, site, tickets
    from kiosk.app import App

    app = App(data_dir=Path(data_dir))
    with app.store.transaction() as s:
        site.init_site(s, SITE, "bench", app.now())
        tickets.set_counter(s, 1, SERVICES, now=app.now())
    config.save(app.settings, {"printer.uri": "dummy://", "ui.role": "kiosk"})
    app.close()


# The installed app runs from compiled modules (the bundle holds .pyc files); a machine that sets
# PYTHONDONTWRITEBYTECODE would compile every module on every start instead. Cache them outside the tree.
PYCACHE = Path(tempfile.gettempdir()) / "kiosk-bench-pycache"


def child_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_") and k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def start_once(data_dir: Path) -> float:
    env = child_env()
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "--data-dir", str(data_dir), "run", "--role",
                             "kiosk", "--exit-when-shown"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=ROOT)
    line = proc.stdout.readline()
    shown = time.perf_counter()
    _, err = proc.communicate(timeout=60)
    if "shown_at" not in line:
        raise SystemExit(f"kiosk did not show its home screen: {line!r} {err[-500:]!r}")
    return shown - started


FLOOR_CODE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
w = QLabel("floor"); w.resize(1080, 1920); w.show()
QTimer.singleShot(0, lambda: (print("shown_at", flush=True), app.quit()))
app.exec()
"""


def floor_once() -> float:
    """The floor: a fresh Python process that imports PySide6 and shows a bare window, timed like start_once."""
    env = child_env()
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", FLOOR_CODE], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=ROOT)
    line = proc.stdout.readline()
    shown = time.perf_counter()
    proc.communicate(timeout=60)
    if "shown_at" not in line:
        raise SystemExit("the bare Qt window did not show")
    return shown - started


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def memory_run(data_dir: Path, count: int, windows: tuple[str, ...] = ("kiosk", "counter", "display")) -> dict:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from kiosk import auth
    from kiosk.app import App
    from kiosk.ui.application import create_qapplication
    from kiosk.ui.bridge import Bridge
    from kiosk.ui.context import UiContext
    from kiosk.ui.counter import CounterView
    from kiosk.ui.display_view import DisplayView
    from kiosk.ui.kiosk import KioskView

    qapp = create_qapplication("id")
    app = App(data_dir=data_dir)
    with app.store.transaction() as s:
        auth.create_operator(s, username="bench", full_name="Bench Operator", role="operator", pin="246810",
                             now=app.now(), actor="bench")
    bridge = Bridge(app)
    bridge.start()
    ctx = UiContext(app, bridge, "all", counter=1)
    kiosk, counter = KioskView(ctx, locked=False), CounterView(ctx)
    shown = [(kiosk, (1280, 800)), (counter, (1366, 768))]
    if "display" in windows:
        shown.append((DisplayView(ctx), (1280, 720)))
    for window, size in shown:
        window.resize(*size)
        window.show()
    counter.login_page.username.setText("bench")
    counter.login_page.pin.setText("246810")
    counter.login_page.submit()
    qapp.processEvents()
    base = rss_mb()
    samples = {}
    started = time.perf_counter()
    for i in range(count):
        kiosk.go_home()
        kiosk.take_ticket(None, service_code=SERVICES[i % len(SERVICES)])
        qapp.processEvents()
        for action in ("next", "start", "finish"):  # F1 calls, then serve, then finish
            counter.queue_tab.run(action)
            qapp.processEvents()
        if i + 1 in (count // 2, count):
            samples[i + 1] = rss_mb()
    elapsed = time.perf_counter() - started
    half, end = samples[count // 2], samples[count]
    bridge.stop()
    return {"windows": list(windows), "tickets": count, "rss_start_mb": round(base, 1), "rss_half_mb": round(half, 1),
            "rss_end_mb": round(end, 1), "second_half_growth_mb": round(end - half, 1),
            "seconds": round(elapsed, 1), "ms_per_ticket": round(elapsed / count * 1000, 2),
            "goal_mb": 150, "ok": end <= 150 and end - half <= 5}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tickets", type=int, default=10_000)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--windows", default="kiosk,counter,display",
                        help="windows open during the memory run (kiosk and counter always)")
    args = parser.parse_args(argv)
    result: dict = {}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        data = Path(tmp) / "startup"
        prepare(data)
        start_once(data)  # warm-up: the OS file cache, .pyc files
        floor_once()
        # Interleaved with the floor, so a noisy minute on this shared machine hits both alike.
        times, floors = [], []
        for _ in range(args.runs):
            times.append(start_once(data))
            floors.append(floor_once())
        result["startup"] = {"median_s": round(statistics.median(times), 3),
                             "runs_s": [round(t, 3) for t in times], "goal_s": 0.8,
                             "ok": statistics.median(times) <= 0.8}
        result["floor"] = {"median_s": round(statistics.median(floors), 3),
                           "what": "a fresh process importing PySide6 and showing a bare window"}
        result["ratio_to_floor"] = round(statistics.median(times) / statistics.median(floors), 2)
        if not args.skip_memory:
            data = Path(tmp) / "memory"
            prepare(data)
            result["memory"] = memory_run(data, args.tickets, tuple(args.windows.split(",")))
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
