"""Playback through miniaudio (pyminiaudio: the library and its backends are in the wheel; WASAPI on
Windows, PulseAudio/ALSA on Linux, and a null device that keeps real time, for CI and PCs without sound).

One output stream stays open and is fed from a FIFO of clips by the audio thread: a clip is never cut
by the next one, clips queued back to back (chime, then speech) play without a gap, and an HDMI TV that
mutes an idle input does not swallow the start of the chime (the stream never stops; silence in between).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.errors import KioskError
from kiosk.voice.audio import SAMPLE_RATE, Clip

log = logging.getLogger(__name__)

OUTPUTS = ("auto", "null")
PERIOD_MS = 50          # one audio callback's worth; generous so a busy GUI thread never starves the stream
DRAIN_SECONDS = 0.25    # after the last sample is handed over, what the device may still hold
STALL_SLACK = 3.0       # a clip not handed over by its length + this: the device is dead, reopen it
RETRY_REAL_SECONDS = 30.0


class AudioStalled(KioskError):
    """The audio device stopped taking samples."""


@dataclass(eq=False)
class Playback:
    """One clip in the output FIFO; times are `time.monotonic()`."""

    clip: Clip
    on_start: Callable[[Playback], None] | None = None
    offset: int = 0
    started_at: float | None = None   # when its first sample was handed to the device
    handed_at: float | None = None    # when its last sample was
    handed: threading.Event = field(default_factory=threading.Event)
    cancelled: bool = False           # the player was closed before it was played out


class Player:
    """Plays clips in order on one open stream; `play()` returns when the clip has been heard."""

    def __init__(self, output: str = "auto", rate: int = SAMPLE_RATE):
        if output not in OUTPUTS:
            raise KioskError(f"voice.output: {' / '.join(OUTPUTS)} (bukan {output!r})")
        self.output = output
        self.rate = rate
        self.backend: str | None = None
        self.frames_handed = 0        # audio (not silence) frames handed over, all clips together
        self._device = None
        self._pending: deque[Playback] = deque()
        self._lock = threading.Lock()
        self._fallback_since: float | None = None

    # --- the stream ------------------------------------------------------------------------------

    def _open(self) -> None:
        import miniaudio

        def device(backends):
            return miniaudio.PlaybackDevice(output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1,
                                            sample_rate=self.rate, buffersize_msec=PERIOD_MS, backends=backends,
                                            app_name="Mini MPP Kiosk")

        dev = None
        if self.output == "auto":
            try:
                dev = device(None)
                self._fallback_since = None
            except miniaudio.MiniaudioError as exc:
                log.warning("no audio output device (%s): announcements go to the null device, unheard", exc)
                self._fallback_since = time.monotonic()
        if dev is None:
            dev = device([miniaudio.Backend.NULL])
        feed = self._feed()
        next(feed)
        dev.start(feed)
        self._device = dev
        self.backend = dev.backend
        log.info("audio output: %s", self.backend)

    def _feed(self):
        """The audio thread's generator: the FIFO's samples, silence when it is empty. Never raises."""
        frames = yield b""
        while True:
            try:
                out = bytearray()
                need = frames * 2
                while need > 0 and self._pending:
                    item = self._pending[0]
                    if item.started_at is None:
                        item.started_at = time.monotonic()
                        if item.on_start is not None:
                            item.on_start(item)
                    chunk = item.clip.samples[item.offset:item.offset + need]
                    out += chunk
                    item.offset += len(chunk)
                    need -= len(chunk)
                    self.frames_handed += len(chunk) // 2
                    if item.offset >= len(item.clip.samples):
                        self._pending.popleft()
                        item.handed_at = time.monotonic()
                        item.handed.set()
                if need > 0:
                    out += bytes(need)
            except Exception:  # a failing listener must not silence the stream for good
                log.exception("audio feed")
                out = bytearray(frames * 2)
            frames = yield bytes(out)

    def open(self) -> None:
        """Open the output now (it also opens by itself for the first clip)."""
        with self._lock:
            if (self._device is not None and self._fallback_since is not None
                    and time.monotonic() - self._fallback_since > RETRY_REAL_SECONDS and not self._pending):
                self._close_device()  # on the null device for a while: see whether a real one came back
            if self._device is None:
                self._open()

    def _close_device(self) -> None:
        if self._device is not None:
            try:
                self._device.close()
            except Exception:
                log.exception("closing the audio device")
            self._device = None

    # --- API ---------------------------------------------------------------------------------------

    def enqueue(self, clip: Clip, on_start: Callable[[Playback], None] | None = None) -> Playback:
        """Queue a clip after those already queued; returns at once."""
        if clip.rate != self.rate:
            raise ValueError(f"clip at {clip.rate} Hz, stream at {self.rate} Hz")
        self.open()
        item = Playback(clip, on_start)
        if not clip.samples:
            item.started_at = item.handed_at = time.monotonic()
            item.handed.set()
            return item
        self._pending.append(item)
        return item

    def wait(self, item: Playback) -> Playback:
        """Block until `item` has been played out; raises AudioStalled when the device stopped."""
        ahead = sum(p.clip.seconds - p.offset / 2 / self.rate for p in list(self._pending))
        if not item.handed.wait(ahead + STALL_SLACK):
            with self._lock:
                self._pending.clear()
                self._close_device()  # the next enqueue opens a fresh one
            raise AudioStalled("perangkat audio berhenti / the audio device stopped")
        if not item.cancelled:
            time.sleep(DRAIN_SECONDS)
        return item

    def play(self, clip: Clip, on_start: Callable[[Playback], None] | None = None) -> Playback:
        """Queue a clip and wait until it has been heard."""
        return self.wait(self.enqueue(clip, on_start))

    def close(self, drain: bool = True) -> None:
        """Close the stream; with `drain`, let what is queued finish first (bounded)."""
        if drain:
            deadline = time.monotonic() + sum(p.clip.seconds for p in list(self._pending)) + 1.0
            while self._pending and self._device is not None and time.monotonic() < deadline:
                time.sleep(0.02)
            if self._device is not None:
                time.sleep(DRAIN_SECONDS)
        with self._lock:
            self._close_device()
            while self._pending:  # whoever waits for these is told at once
                item = self._pending.popleft()
                item.cancelled = True
                item.handed.set()
