"""`make demo`: the whole offline-first story in a minute, with the real commands.

Starts a central MPP server (SQLite) on a free loopback port, enrolls two kiosks of two kecamatan,
cuts the link, takes tickets and applications offline, brings the link back and syncs, moves an
application to `ready` at MPP Induk, syncs back and looks the application up as a citizen would.

    python scripts/demo.py [--dir demo-data] [--keep-running]

--keep-running leaves the central server up afterwards (Ctrl-C stops it): `make run` until the UI lands.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITES = {"64.02.12": "Tabang", "64.02.01": "Muara Muntai"}


class Demo:
    def __init__(self, base: Path):
        self.base = base
        self.db = f"sqlite:///{(base / 'central.sqlite3').as_posix()}"
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server: subprocess.Popen | None = None
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
        self.env.update({"KIOSK_OPERATOR": "demo", "PYTHONUNBUFFERED": "1"})

    # --- plumbing ------------------------------------------------------------------------------------

    def _run(self, module: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True, cwd=ROOT,
                                env=self.env, timeout=120)
        if check and result.returncode != 0:
            raise SystemExit(f"demo: `{module} {' '.join(args)}` failed:\n{result.stderr or result.stdout}")
        return result

    def server_cli(self, *args: str, check: bool = True):
        return self._run("central.cli", *args, "--db", self.db, check=check)

    def kiosk(self, site: str, *args: str, check: bool = True):
        return self._run("kiosk.cli", "--data-dir", str(self.base / f"kiosk-{site}"), *args, check=check)

    def kiosk_json(self, site: str, *args: str, check: bool = True):
        result = self.kiosk(site, *args, "--json", check=check)
        return json.loads(result.stdout) if result.stdout.strip() else {}

    def start_server(self) -> None:
        import urllib.request

        log = open(self.base / "central.log", "ab")
        self.server = subprocess.Popen([sys.executable, "-m", "central.cli", "run", "--db", self.db, "--port",
                                        str(self.port)], cwd=ROOT, env=self.env, stdout=log, stderr=log,
                                       start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise SystemExit(f"demo: the central server stopped; see {self.base / 'central.log'}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)  # the server is starting: poll its health endpoint, bounded above
        raise SystemExit("demo: the central server did not come up")

    def stop_server(self) -> None:
        if self.server is not None and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait(10)
        self.server = None

    # --- the story -----------------------------------------------------------------------------------

    def run(self) -> None:
        say = print
        self.server_cli("init")
        self.start_server()
        say(f"Mini MPP demo — central MPP Induk server at {self.url} (files in {self.base})")
        say("1. Central is up with the service catalog (version 1) for all 20 kecamatan.")
        for site in SITES:
            self.kiosk(site, "init", "--site", site, "--device-name", f"kiosk-{SITES[site].lower().replace(' ', '-')}")
            self.kiosk(site, "counter", "set", "1", "--services", "KTP,KK,SKCK,PASPOR")
            code = self.server_cli("enroll-code", "--site", site, "--expires", "30m").stdout.strip()
            self.kiosk(site, "enroll", "--server", self.url, "--code", code)
        say(f"2. Two kiosks enrolled with one-time codes: {', '.join(f'{n} ({c})' for c, n in SITES.items())}.")

        self.stop_server()
        say("3. The link to Tenggarong drops (central stopped). The counters keep working offline:")
        regnos = {}
        plan = {"64.02.12": ("SKCK", "Siti Aminah", "6402125408900001"),
                "64.02.01": ("PASPOR", "Ahmad Rahmat", "6402011203850002")}
        for site, (service, name, nik) in plan.items():
            numbers = [self.kiosk_json(site, "ticket", "issue", svc)["number"] for svc in ("KTP", "KK", "SKCK")]
            called = self.kiosk_json(site, "ticket", "call", "--counter", "1")["number"]
            self.kiosk(site, "ticket", "start", called, "--counter", "1")
            self.kiosk(site, "ticket", "finish", called, "--counter", "1")
            app = self.kiosk_json(site, "application", "new", "--service", service, "--nik", nik, "--name", name,
                                  "--phone", "0812-5555-0101")
            regnos[site] = app["registration_number"]
            self.kiosk(site, "survey", "add", "--service", "KTP", "--scores", "4,4,3,4,4,4,4,3,4")
            offline = self.kiosk_json(site, "sync", check=False)
            say(f"   {SITES[site]}: tickets {', '.join(numbers)} ({called} served at loket 1); "
                f"{service} application {app['registration_number']} {app['status']}; 1 SKM survey. "
                f"`kiosk sync`: {offline['error'].split(':')[0]}, {offline['pending']} changes kept in the outbox.")

        self.start_server()
        pushed = {site: self.kiosk_json(site, "sync") for site in SITES}
        listed = json.loads(self.server_cli("application", "list", "--json").stdout)
        say("4. The link is back: " + "; ".join(f"{SITES[s]} pushed {r['pushed']} changes" for s, r in pushed.items())
            + f". Central lists {len(listed)} applications, each exactly once.")

        tabang = regnos["64.02.12"]
        self.server_cli("application", "set-status", tabang, "in_process")
        self.server_cli("application", "set-status", tabang, "ready")
        say(f"5. MPP Induk processes {tabang}: forwarded -> in_process -> ready.")

        back = self.kiosk_json("64.02.12", "sync")
        shown = self.kiosk_json("64.02.12", "application", "show", tabang)
        say(f"6. Tabang syncs (pulled {back['pulled']} changes): the counter now shows {tabang} as "
            f"'{shown['status']}' — the citizen can collect it at Tabang.")

        import urllib.request

        with urllib.request.urlopen(f"{self.url}/api/v1/status/{tabang.lower()}", timeout=5) as reply:
            public = json.loads(reply.read())
        say(f"7. Public lookup GET /api/v1/status/{tabang}: status '{public['status']}' "
            f"({public['status_label']}); the answer has no name, NIK or phone: {sorted(public)}.")

        stats = json.loads(self.server_cli("stats", "--json").stdout)
        parts = [f"{s['name']} {s['tickets']['issued']} tickets, {s['applications']['received']} application(s), "
                 f"IKM {s['surveys']['ikm']}" for s in stats["sites"]]
        say(f"8. Central statistics for {stats['date']}: " + "; ".join(parts) + ".")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "demo-data", help="where the demo's files go (wiped first)")
    parser.add_argument("--keep-running", action="store_true", help="leave the central server running afterwards")
    args = parser.parse_args()
    base = args.dir.resolve()
    if base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True)
    demo = Demo(base)
    try:
        demo.run()
        if args.keep_running:
            print(f"Central keeps running at {demo.url} (OpenAPI {demo.url}/docs); Ctrl-C stops it.")
            print(f"Try: kiosk --data-dir {base / 'kiosk-64.02.12'} sync status")
            demo.server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        demo.stop_server()
    return 0


if __name__ == "__main__":
    sys.exit(main())
