"""`make run`: the whole Mini MPP on one screen — kiosk, counter and TV display — on a demo data dir.

Starts a local central MPP server (SQLite) on a free loopback port, sets up a Tabang kiosk with the
preview printer (PDF + PNG files), enrolls it, then opens `kiosk run --role all`. Closing the app
stops the server. Without a display, `kiosk run` says so in one line and how to run it.

    python scripts/run_demo.py [--dir demo-data/app] [--role all]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = "64.02.12"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(env, *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=ROOT, env=env,
                            timeout=120)
    if result.returncode != 0:
        raise SystemExit(f"run_demo: `{' '.join(args)}` failed: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout.strip()


def wait_healthy(server: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"run_demo: the central server stopped; see {log}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.1)  # starting up: poll the health endpoint, bounded above
    raise SystemExit("run_demo: the central server did not come up")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "demo-data" / "app")
    parser.add_argument("--role", default="all", choices=["kiosk", "counter", "display", "all"])
    args = parser.parse_args()
    from kiosk.ui.application import display_problem

    if problem := display_problem():
        print(f"make run: {problem.split(':')[0]} — jalankan di desktop, atau `xvfb-run make run` / no display", file=sys.stderr)
        return 1
    base = args.dir.resolve()
    base.mkdir(parents=True, exist_ok=True)
    data = base / "kiosk"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update({"KIOSK_OPERATOR": "demo", "PYTHONUNBUFFERED": "1"})
    db = f"sqlite:///{(base / 'central.sqlite3').as_posix()}"
    port = free_port()
    url = f"http://127.0.0.1:{port}"

    # A terminated demo still stops its server (the finally below), not only Ctrl-C or closing the app.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    run(env, "central.cli", "init", "--db", db)
    log = base / "central.log"
    with open(log, "ab") as log_fh:
        server = subprocess.Popen([sys.executable, "-m", "central.cli", "run", "--db", db, "--port", str(port)],
                                  cwd=ROOT, env=env, stdout=log_fh, stderr=log_fh, start_new_session=True)
    try:
        wait_healthy(server, url, log)
        if not (data / "kiosk.sqlite3").exists():
            code = run(env, "central.cli", "enroll-code", "--site", SITE, "--db", db)
            run(env, "kiosk", "--data-dir", str(data), "setup", "--non-interactive", "--site", SITE, "--role",
                args.role, "--counter", "1", "--services", "KTP,KK,AKLAHIR,PASPOR",
                "--printer", f"pdf://{(data / 'prints').as_posix()}", "--server", url, "--code", code,
                "--supervisor", "demo", "--pin", "246810")
            for service, prio in (("KTP", None), ("KK", None), ("KTP", "lansia"), ("AKLAHIR", None)):
                run(env, "kiosk", "--data-dir", str(data), "ticket", "issue", service,
                    *(["--priority", prio] if prio else []))
        else:
            # A kept demo dir: point it at this run's server port.
            run(env, "kiosk", "--data-dir", str(data), "config", "set", "server.url", url)
        print(f"Mini MPP demo: central {url}, data dir {data}, printouts in {data / 'prints'}")
        print("Counter sign-in: demo / 246810. Close the windows to stop.")
        return subprocess.call([sys.executable, "-m", "kiosk", "--data-dir", str(data), "run", "--role", args.role],
                               cwd=ROOT, env=env)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


if __name__ == "__main__":
    sys.exit(main())
