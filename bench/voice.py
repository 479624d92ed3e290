"""From a call committed to the first audio sample the TV hands to its sound output.

A real data dir; another process calls tickets through the domain (one transaction each, as
`kiosk ticket call` does) and notes when each commit returned; this process runs the real TV display
(Qt, offscreen) with its bridge, its announcer and miniaudio's null device, which plays in real time.
Each call is made once the previous announcement has been heard, so every figure is one call's path:
the display noticing the commit (PRAGMA data_version, polled every 250 ms), reading it
(kiosk.tickets.calls_since), the announcer, and the chime's first sample handed to the device.

The floor, measured in the same run on the same calls: a bare sqlite3 connection polling
PRAGMA data_version at the same 250 ms (how soon anything could know of the commit). Also: bare
synthesis of the announcement, and the WAV size of one announcement. Prints one JSON document:
{"call_to_audio": {"p50_ms", "p99_ms"}, "call_to_voice": {...}, "floor": {...}, "ratio_p50": ..., "wav_bytes": ...}

    python bench/voice.py [--calls 50]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["QT_QPA_PLATFORM"] = "offscreen"

SITE = "64.02.12"
COUNTERS = 4

CALLER = r"""
import json, sys, time
from kiosk.app import App
from kiosk import tickets
app = App(data_dir=__import__("pathlib").Path(sys.argv[1]), actor="bench")
for line in sys.stdin:
    counter = int(line)
    now = app.now()
    started = time.monotonic()
    with app.store.transaction() as s:
        active = tickets.active_ticket(s, counter, tickets.business_day(now))
        if active is not None:
            tickets.start_service(s, active.id, counter, now=now, actor="bench")
            tickets.finish(s, active.id, counter, now=now, actor="bench")
        tickets.issue_ticket(s, "KTP", now=now, actor="kiosk")
        number = tickets.call_next(s, counter, now=now, actor="bench").number
    committed = time.monotonic()
    print(json.dumps({"number": number, "committed": committed, "commit_ms": (committed - started) * 1000}), flush=True)
"""


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def summary(values_s: list[float]) -> dict:
    ms = [v * 1000 for v in values_s]
    return {"p50_ms": round(statistics.median(ms), 1), "p99_ms": round(pct(ms, 0.99), 1),
            "max_ms": round(max(ms), 1), "n": len(ms)}


class BareWatcher(threading.Thread):
    """The floor: PRAGMA data_version on a private connection, every 250 ms, noting when it changes."""

    def __init__(self, path: Path, interval: float):
        super().__init__(daemon=True)
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.interval = interval
        self.changes: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        last = self.conn.execute("PRAGMA data_version").fetchone()[0]
        while not self.stop.wait(self.interval):
            version = self.conn.execute("PRAGMA data_version").fetchone()[0]
            if version != last:
                last = version
                self.changes.append(time.monotonic())

    def first_after(self, t: float) -> float | None:
        return next((c for c in self.changes if c >= t), None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=50)
    args = parser.parse_args(argv)

    from kiosk import config, site, tickets
    from kiosk.app import App
    from kiosk.ui.application import UiContext, create_qapplication
    from kiosk.ui.bridge import POLL_MS, Bridge
    from kiosk.voice import speech
    from kiosk.voice.announcer import VoiceSettings, render_announcement

    qapp = create_qapplication("id")
    from kiosk.ui.display_view import DisplayView

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-voice-") as tmp:
        data = Path(tmp) / "data"
        app = App(data_dir=data, actor="bench")
        with app.store.transaction() as s:
            site.init_site(s, SITE, "tv", app.now())
            for n in range(1, COUNTERS + 1):
                tickets.set_counter(s, n, ["KTP"], now=app.now())
        # The null device (no sound card here); the chime on as in a hall; a brisk voice so 50 calls
        # take minutes, not a quarter of an hour (the voice's speed does not change when it starts).
        config.save(app.settings, {"voice.output": "null", "voice.speed": 200})
        bridge = Bridge(app)
        bridge.start(workers=False)
        display = DisplayView(UiContext(app, bridge, "display"))
        display.resize(1920, 1080)
        display.show()
        heard: dict[str, dict] = {}
        lock = threading.Lock()

        def listener(kind, event, info):
            with lock:
                heard.setdefault(event["number"], {})[kind] = info

        display.announcer.add_listener(listener)
        bare = BareWatcher(app.settings.db_path, POLL_MS / 1000)
        bare.start()
        caller = subprocess.Popen([sys.executable, "-c", CALLER, str(data)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, cwd=ROOT)
        to_audio, to_voice, floor, commits = [], [], [], []
        try:
            for i in range(args.calls):
                caller.stdin.write(f"{i % COUNTERS + 1}\n")
                caller.stdin.flush()
                done = json.loads(caller.stdout.readline())
                number, committed = done["number"], done["committed"]
                commits.append(done["commit_ms"])
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    qapp.processEvents()
                    with lock:
                        got = heard.get(number, {})
                    if "spoken" in got or "failed" in got or "dropped" in got:
                        break
                    time.sleep(0.002)
                info = heard.get(number, {}).get("spoken")
                if info is None:
                    raise SystemExit(f"call {number} was not spoken: {heard.get(number)}")
                to_audio.append(info["started_at"] - committed)
                to_voice.append(info["voice_started_at"] - committed)
                seen = bare.first_after(committed)
                if seen is not None:
                    floor.append(seen - committed)
        finally:
            caller.stdin.close()
            caller.wait(10)
            bare.stop.set()
            display.close()
            bridge.stop()
            app.close()

    engine = speech.engine()
    text = "Nomor antrian A dua puluh lima, silakan menuju loket dua."
    synth = []
    for _ in range(20):
        started = time.perf_counter()
        engine.render(text)
        synth.append(time.perf_counter() - started)
    _text, clip = render_announcement(text, VoiceSettings())
    wav = clip.wav()
    result = {
        "call_to_audio": summary(to_audio),
        "call_to_voice": summary(to_voice),
        "floor": {"detect_commit": summary(floor), "synthesis": summary(synth),
                  "commit_ms_p50": round(statistics.median(commits), 1), "poll_ms": POLL_MS},
        "ratio_p50": round(statistics.median(to_audio) / statistics.median(floor), 2) if floor else None,
        "wav_bytes": len(wav),
        "wav_seconds": round(clip.seconds, 2),
        "wav_bytes_per_second": round(len(wav) / clip.seconds),
        "engine": engine.name,
        "goal_p99_ms": 700,
        "calls": args.calls,
    }
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
