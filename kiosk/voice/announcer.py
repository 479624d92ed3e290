"""The announcement queue: call events in, chime + Indonesian announcement out, one after another.

Transport-neutral: whoever knows of calls hands their events to `offer()` — the Qt display from
`kiosk.tickets.calls_since` on each database change, the site hub from its live events. A call event is
a plain dict: {event_id, ticket_id, number, counter, service, service_name?, recall_count, at}, with
event ids increasing in commit order and `at` an aware datetime (or ISO text) on this PC's clock.

- In order, never cut off: one worker thread speaks one event at a time and waits until it was heard
  (the player's FIFO could not cut a clip anyway).
- Never dropped, never twice: `offer()` takes only events after the last one it took; a recall is a
  new event and is spoken again ("Panggilan kedua").
- Never late: an event older than `voice.max_age` when its turn comes is dropped with a log line.
- Never repeated by a restart: the id of the last event handled is kept in a small file (the cursor);
  a fresh start with no cursor begins after the newest call (`resume()`), so nothing old is spoken.
  A call cut off by the restart itself is spoken again if it is still young enough.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import queue
import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from datetime import time as dtime
from pathlib import Path

from kiosk.voice import text as words

log = logging.getLogger(__name__)

GAP_SECONDS = 0.3        # between the chime and the voice
CURSOR_FILE = "voice-cursor.json"
_live: weakref.WeakSet[Announcer] = weakref.WeakSet()


@dataclass(frozen=True)
class VoiceSettings:
    """The `voice.*` settings (see kiosk.config) in the shape the announcer uses."""

    enabled: bool = True
    speaker: bool = True
    volume: int = 100
    speed: int = 100
    numbers: str = "cardinal"
    chime: bool = True
    service: bool = False
    quiet_hours: str = ""
    max_age: int = 120
    output: str = "auto"

    @classmethod
    def from_settings(cls, settings) -> VoiceSettings:
        return cls(**{name: settings.get(f"voice.{name}") for name in cls.__dataclass_fields__})

    def quiet_at(self, local: datetime) -> bool:
        """True inside the quiet hours (site time); they may wrap midnight."""
        if not self.quiet_hours:
            return False
        start, end = (dtime.fromisoformat(part) for part in self.quiet_hours.split("-"))
        now = local.time().replace(tzinfo=None)
        return start <= now < end if start < end else now >= start or now < end


def announcement_for(event: dict, settings: VoiceSettings) -> str:
    """The words for one call event under these settings."""
    service = (event.get("service_name") or event.get("service")) if settings.service else None
    return words.announcement_text(event["number"], event["counter"], service,
                                   recall=int(event.get("recall_count") or 0), reading=settings.numbers)


def render_announcement(event_or_text: dict | str, settings: VoiceSettings):
    """The whole announcement as one clip: chime (if on), a short gap, the voice. For WAV files and the hub."""
    from kiosk.voice import audio, speech

    text = event_or_text if isinstance(event_or_text, str) else announcement_for(event_or_text, settings)
    voice = speech.engine().render(text, speed=settings.speed, volume=settings.volume)
    if not settings.chime:
        return text, voice
    return text, audio.join(audio.chime(settings.volume, voice.rate), audio.silence(GAP_SECONDS, voice.rate), voice)


def _as_datetime(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


class CursorFile:
    """The id of the last call event handled, in a JSON file written atomically."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def load(self) -> int | None:
        try:
            return int(json.loads(self.path.read_text(encoding="utf-8"))["event_id"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, event_id: int) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump({"event_id": event_id}, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)


class Announcer:
    """Speaks offered call events in order on its own thread.

    `settings` is called before each event (so a change in the admin panel or `kiosk config set` counts
    from the next call); `listener(kind, event, info)` hears "started" (first sample handed to the audio
    device, info["at"] = time.monotonic()), "spoken", "dropped", "skipped" and "failed".
    """

    def __init__(self, settings: Callable[[], VoiceSettings], *, clock, cursor: CursorFile | None = None,
                 player=None, listener: Callable[[str, dict, dict], None] | None = None):
        self._settings = settings
        self._clock = clock
        self._cursor = cursor
        self._player = player
        self._listeners = [listener] if listener is not None else []
        self._queue: queue.Queue[dict | None] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._busy = 0
        self._idle = threading.Condition(self._lock)
        self.done_id = cursor.load() if cursor is not None else None
        self.accepted_id = self.done_id
        self.resumed = False
        _live.add(self)

    # --- the source's side ----------------------------------------------------------------------------

    @property
    def after(self) -> int | None:
        """The source reads call events after this id (call `resume()` once first)."""
        return self.accepted_id

    def resume(self, newest_event_id: int) -> int:
        """Start after `newest_event_id` unless a cursor says where; a cursor ahead of the source (a
        restored or replaced database) is reset to it. Returns the id to read after."""
        with self._lock:
            self.resumed = True
            if self.done_id is None or self.done_id > newest_event_id:
                if self.done_id is not None:
                    log.warning("voice cursor %s is ahead of the newest call %s: starting after it",
                                self.done_id, newest_event_id)
                self.done_id = self.accepted_id = newest_event_id
                self._save(newest_event_id)
            return self.accepted_id

    def offer(self, events: Iterable[dict]) -> int:
        """Queue the events not seen yet (by event id, in id order); returns how many were queued."""
        taken = 0
        with self._lock:
            for event in sorted(events, key=lambda e: e["event_id"]):
                if self.accepted_id is not None and event["event_id"] <= self.accepted_id:
                    continue
                self.accepted_id = event["event_id"]
                self._busy += 1
                self._queue.put(event)
                taken += 1
        if taken:
            self._ensure_thread()
        return taken

    # --- life cycle --------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker now: it loads the speech engine, renders the chime and opens the audio
        output before the first call, so the first call sounds as soon as any other."""
        self._ensure_thread()

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None and not self._stopping:
                self._thread = threading.Thread(target=self._run, name="announcer", daemon=True)
                self._thread.start()

    def _warm(self) -> None:
        from kiosk.voice import audio, speech

        try:
            settings = self._settings()
            if settings.enabled and settings.speaker:
                speech.engine()
                audio.chime(settings.volume)
                self._ensure_player(settings).open()
        except Exception:  # the first call will say what is wrong
            log.warning("voice warm-up failed", exc_info=True)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every offered event was handled; False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._busy == 0, timeout)

    def stop(self, timeout: float = 2.0) -> None:
        """Stop now: the announcement being spoken is cut, the queued ones are left (not marked done, so
        a restart still says those young enough), the audio output is closed."""
        with self._lock:
            self._stopping = True
            thread = self._thread
        self._queue.put(None)
        if self._player is not None:
            self._player.close(drain=False)
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    # --- the worker ----------------------------------------------------------------------------------

    def _run(self) -> None:
        self._warm()
        while True:
            event = self._queue.get()
            if event is None or self._stopping:
                return
            try:
                self._handle(event)
            except Exception as exc:  # never let one event stop the voice for the day
                log.exception("announcing call event %s failed", event.get("event_id"))
                self._tell("failed", event, {"error": str(exc)})
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()

    def _handle(self, event: dict) -> None:
        settings = self._settings()
        now = self._clock.now()
        age = (now - _as_datetime(event["at"])).total_seconds()
        if age > settings.max_age:
            log.info("call %s (%s) not announced: %.0f s old (voice.max_age %s s)", event["number"],
                     event["event_id"], age, settings.max_age)
            self._finish(event, "dropped", {"age": age})
            return
        reason = ("voice.enabled = false" if not settings.enabled
                  else "voice.speaker = false" if not settings.speaker
                  else "quiet hours" if settings.quiet_at(self._clock.local(now)) else None)
        if reason:
            log.info("call %s (%s) not announced: %s", event["number"], event["event_id"], reason)
            self._finish(event, "skipped", {"reason": reason})
            return
        self._speak(event, settings)

    def _speak(self, event: dict, settings: VoiceSettings) -> None:
        from kiosk.voice import audio, speech
        from kiosk.voice.player import AudioStalled

        player = self._ensure_player(settings)
        started: dict = {}

        def on_start(item) -> None:
            if not started:
                started["at"] = item.started_at
                self._tell("started", event, {"at": item.started_at})

        text = announcement_for(event, settings)
        for attempt in (1, 2):
            started.clear()
            items = []
            try:
                # The chime goes out first and plays while the voice is synthesised: the first sound
                # follows the call by the time it takes to notice it, not to render it.
                if settings.chime:
                    items.append(player.enqueue(audio.join(audio.chime(settings.volume, player.rate),
                                                           audio.silence(GAP_SECONDS, player.rate)), on_start))
                voice = speech.engine().render(text, speed=settings.speed, volume=settings.volume)
                items.append(player.enqueue(voice, on_start))
                player.wait(items[-1])
                if items[-1].cancelled:  # stopped while speaking: not done, a restart may say it again
                    return
                break
            except AudioStalled:
                if attempt == 2 or self._stopping:
                    raise
                log.warning("audio device stalled while announcing %s: reopening it", event["number"])
        self._finish(event, "spoken", {
            "text": text, "seconds": sum(i.clip.seconds for i in items), "started_at": started.get("at"),
            "voice_started_at": items[-1].started_at,
            "handed_at": items[-1].handed_at, "frames": sum(i.clip.frames for i in items),
            "played_frames": sum(i.offset // 2 for i in items), "backend": player.backend})

    def _ensure_player(self, settings: VoiceSettings):
        if self._stopping:
            raise RuntimeError("announcer stopped")
        if self._player is None or self._player.output != settings.output:
            from kiosk.voice.player import Player

            if self._player is not None:
                self._player.close()
            self._player = Player(settings.output)
        return self._player

    def _finish(self, event: dict, kind: str, info: dict) -> None:
        with self._lock:
            if self.done_id is None or event["event_id"] > self.done_id:
                self.done_id = event["event_id"]
                self._save(self.done_id)
        self._tell(kind, event, info)

    def _save(self, event_id: int) -> None:
        if self._cursor is not None:
            try:
                self._cursor.save(event_id)
            except OSError as exc:
                log.warning("voice cursor not saved (%s): a restart may repeat a recent call", exc)

    def add_listener(self, listener: Callable[[str, dict, dict], None]) -> None:
        """Also tell `listener(kind, event, info)` what happens (called on the announcer's thread)."""
        self._listeners.append(listener)

    def _tell(self, kind: str, event: dict, info: dict) -> None:
        for listener in list(self._listeners):
            try:
                listener(kind, event, info)
            except Exception:
                log.exception("announcer listener")


def stop_all() -> None:
    """Stop every announcer of this process (at exit: no audio thread outlives the interpreter)."""
    for announcer in list(_live):
        announcer.stop(timeout=2)


atexit.register(stop_all)
