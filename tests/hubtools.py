"""Real site hubs for tests: `kiosk hub serve` processes on free loopback ports, and PCs that join them."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT, SITE, kiosk_env, run_kiosk
from tests.synctools import free_port, stop_process_group


def kiosk_json_ok(data_dir: Path, *args: str, **kw):
    result = run_kiosk(data_dir, *args, "--json", **kw)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


class HubProcess:
    """`kiosk hub serve` on a data dir; `kill()` is kill -9, `stop()` a clean stop, `start()` again.
    `display_port`: also serve the TV's web display there (True: on a free port); off by default."""

    def __init__(self, data_dir: Path, port: int | None = None, display_port: int | bool = 0):
        self.data_dir = data_dir
        self.port = port or free_port()
        self.display_port = free_port() if display_port is True else int(display_port)
        self.proc: subprocess.Popen | None = None
        self.log = data_dir.parent / f"{data_dir.name}-hub.log"

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def display_url(self) -> str:
        return f"http://127.0.0.1:{self.display_port}"

    def start(self, timeout: float = 30, wait_display: bool = True) -> HubProcess:
        from kiosk.hub import certs
        from kiosk.sync.hub_client import HubClient, HubUnreachable

        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "kiosk", "hub", "serve", "--host", "127.0.0.1", "--port", str(self.port),
                 "--display-port", str(self.display_port)],
                stdout=log, stderr=subprocess.STDOUT, env=kiosk_env(self.data_dir), cwd=ROOT,
                start_new_session=True)
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"hub exited with {self.proc.returncode}: {self.log.read_text()[-2000:]}")
            fingerprint = certs.fingerprint(self.data_dir)
            if fingerprint:
                try:
                    with HubClient(self.url, fingerprint) as client:
                        client.hello(timeout=1)
                    if not (self.display_port and wait_display) or self._display_up():
                        return self
                except HubUnreachable:
                    pass
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"hub did not come up on {self.url}: {self.log.read_text()[-2000:]}")
            time.sleep(0.05)

    def _display_up(self) -> bool:
        import requests

        try:
            return requests.get(f"{self.display_url}/display", timeout=1).status_code == 200
        except requests.RequestException:
            return False

    def kill(self) -> None:
        """kill -9: no goodbye, as a power cut."""
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        stop_process_group(self.proc)


def make_hub_dir(data_dir: Path, site: str = SITE) -> Path:
    """A hub data dir: the site, counters 1 (KTP, KK) and 2 (KTP), a supervisor."""
    for args in (("init", "--site", site, "--supervisor", "sari", "--pin", "246810"),
                 ("counter", "set", "1", "--services", "KTP,KK"), ("counter", "set", "2", "--services", "KTP")):
        result = run_kiosk(data_dir, *args)
        assert result.returncode == 0, result.stderr
    return data_dir


def join(hub: HubProcess, data_dir: Path, name: str) -> dict:
    """Pair on the hub and join `data_dir` to it, by the real commands."""
    code = kiosk_json_ok(hub.data_dir, "hub", "pair")["code"]
    return kiosk_json_ok(data_dir, "join", "--hub", hub.url, "--code", code, "--name", name)


class DisplayEvents:
    """The web display's server-sent events (GET /display/events), read as the page reads them."""

    def __init__(self, base: str, after: int | None = None, timeout: float = 20):
        import httpx

        query = "" if after is None else f"?after={after}"
        self._client = httpx.Client(timeout=httpx.Timeout(10, read=timeout))
        self._stream = self._client.stream("GET", f"{base}/display/events{query}")
        self.response = self._stream.__enter__()
        self._lines = self.response.iter_lines()

    def next(self, kind: str = "state") -> dict:
        """The data of the next event of `kind` (others, e.g. pings, are skipped)."""
        event, data = None, []
        for line in self._lines:
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
            elif not line:
                if event == kind and data:
                    return json.loads("\n".join(data))
                event, data = None, []
        raise EOFError("the display's event stream ended")

    def close(self) -> None:
        self._stream.__exit__(None, None, None)
        self._client.close()
