"""The TV's web display: from a call committed on the hub PC to the page in a real headless Chromium.

    python bench/web_display.py [--calls 20]

A real `kiosk hub serve` with its web display on loopback; Debian's Chromium opens /display (sound
allowed, as a kiosk browser is set up). A counter's app on the hub PC calls a ticket, waits until the page
has said it to the end, and calls the next one. For each call:

- `call_to_page`: the call's commit -> the page has it (its log entry; board redrawn, card flashing);
- `call_to_sound`: the commit -> the page's audio element starts playing the hub's WAV (chime first);
- `floor`, in the same run: the commit -> the same event read from /display/events by a bare Python
  client (no browser), and `call_to_wav`: the commit -> that client has the whole WAV (the hub renders it
  as soon as it sees the call); the ratio says what the browser adds.

Prints one JSON document. Times are on this machine's clock (the page and the bench share it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("KIOSK_VOICE_OUTPUT", "null")

SITE = "64.02.12"


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def summary(samples: list[float]) -> dict:
    return {"p50_ms": pct(samples, 0.5), "p99_ms": pct(samples, 0.99), "mean_ms": round(statistics.mean(samples), 1),
            "n": len(samples)}


def prepare(data: Path) -> None:
    from kiosk import tickets
    from kiosk.app import App
    from kiosk.site import init_site

    app = App(data_dir=data, actor="bench")
    with app.store.transaction() as s:
        init_site(s, SITE, "hub", app.now())
        tickets.set_counter(s, 1, ["KTP"], now=app.now())
    app.close()


class Listener(threading.Thread):
    """A bare client of /display/events: when each call arrives, and how long its WAV takes to fetch."""

    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.base = base
        self.seen: dict[int, float] = {}
        self.wav: dict[int, tuple[float, int]] = {}

    def run(self) -> None:
        import requests

        from tests.hubtools import DisplayEvents

        events = DisplayEvents(self.base, timeout=120)
        try:
            while True:
                board = events.next()
                now = time.time() * 1000
                for call in board["calls"]:
                    self.seen[call["id"]] = now
                    body = requests.get(self.base + call["audio"], timeout=60).content
                    self.wav[call["id"]] = (time.time() * 1000, len(body))
        except Exception:  # the hub stopped at the end of the run
            pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args(argv)

    from kiosk.app import App
    from kiosk.ops import queue
    from tests import browser
    from tests.hubtools import HubProcess

    if not browser.available():
        print("needs Debian's chromium and chromium-driver", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-web-") as tmp:
        data = Path(tmp) / "hub"
        prepare(data)
        hub = HubProcess(data, display_port=True).start()
        tv = browser.Browser(width=1920, height=1080, flags=("--autoplay-policy=no-user-gesture-required",))
        app = App(data_dir=data, actor="loket-1")
        try:
            tv.get(f"{hub.display_url}/display")
            while not tv.driver.execute_script("return window.kioskDisplay && window.kioskDisplay.state()"):
                time.sleep(0.02)
            listener = Listener(hub.display_url)
            listener.start()
            time.sleep(0.5)
            commits: dict[int, float] = {}
            active = None
            for _ in range(args.calls):
                app.run(queue.issue_ticket, service="KTP")
                if active:
                    app.run(queue.no_show, ticket=active, counter=1)
                called = app.run(queue.call_next, counter=1)
                committed = time.time() * 1000
                active = called["number"]
                deadline = time.monotonic() + 60
                while True:  # the page has said it to the end: the next call finds the voice idle
                    log = tv.driver.execute_script("return window.kioskDisplay.log")
                    ends = [e for e in log if e["kind"] in ("end", "error", "timeout", "drop")]
                    calls = [e for e in log if e["kind"] == "call"]
                    if calls and len(ends) == len(calls) and len(calls) == len(commits) + 1:
                        commits[calls[-1]["id"]] = committed
                        break
                    if time.monotonic() > deadline:
                        raise SystemExit(f"the page did not say call {called['number']}: {json.dumps(log)[-2000:]}")
                    time.sleep(0.02)
            log = tv.driver.execute_script("return window.kioskDisplay.log")
            time.sleep(0.5)
        finally:
            app.close()
            tv.quit()
            hub.kill()
    page = {e["id"]: e["t"] for e in log if e["kind"] == "call"}
    sound = {e["id"]: e["t"] for e in log if e["kind"] == "start"}
    ends = {e["id"]: e for e in log if e["kind"] == "end"}
    ids = sorted(commits)
    to_page = [page[i] - commits[i] for i in ids]
    floor = [listener.seen[i] - commits[i] for i in ids if i in listener.seen]
    to_wav = [listener.wav[i][0] - commits[i] for i in ids if i in listener.wav]
    result = {
        "calls": len(ids),
        "call_to_page": summary(to_page),
        "call_to_sound": summary([sound[i] - commits[i] for i in ids if i in sound]),
        "floor": {"call_to_sse_python": summary(floor), "call_to_wav": summary(to_wav)},
        "ratio_page_to_floor_p50": round(pct(to_page, 0.5) / max(0.1, pct(floor, 0.5)), 2),
        "wav_bytes": int(statistics.median(size for _, size in listener.wav.values())),
        "wav_seconds": round(statistics.median(e["seconds"] for e in ends.values()), 2),
        "played_whole": all(e["played"] >= e["seconds"] - 0.05 for e in ends.values()) and len(ends) == len(ids),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
