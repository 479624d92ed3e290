"""Mono 16-bit PCM clips: the chime, silence, joining, WAV bytes, and the measures tests and the CLI use.

Plain `array('h')` and the standard `wave` module: no numpy (the bundle leaves it out), and a few
seconds of 22 kHz audio is small enough for Python loops.
"""

from __future__ import annotations

import io
import math
import wave
from array import array
from dataclasses import dataclass
from functools import lru_cache

SAMPLE_RATE = 22050  # eSpeak NG's rate; the chime is made at the same rate so clips join without resampling


@dataclass(frozen=True)
class Clip:
    """A mono signed 16-bit clip."""

    samples: bytes
    rate: int = SAMPLE_RATE

    @property
    def frames(self) -> int:
        return len(self.samples) // 2

    @property
    def seconds(self) -> float:
        return self.frames / self.rate

    def wav(self) -> bytes:
        """The clip as a WAV file (RIFF, PCM 16-bit mono)."""
        out = io.BytesIO()
        with wave.open(out, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(self.rate)
            w.writeframes(self.samples)
        return out.getvalue()

    def peak(self) -> int:
        """Largest absolute sample (0 = silence)."""
        values = array("h", self.samples)
        return max((abs(v) for v in values), default=0)

    def rms(self) -> float:
        values = array("h", self.samples)
        return math.sqrt(sum(v * v for v in values) / len(values)) if values else 0.0

    def voiced_seconds(self, threshold: int = 500, window: float = 0.02) -> float:
        """Seconds of windows whose peak passes `threshold`: how much of the clip is actually sound."""
        values = array("h", self.samples)
        step = max(1, int(self.rate * window))
        loud = sum(1 for i in range(0, len(values), step) if max(map(abs, values[i:i + step])) > threshold)
        return loud * step / self.rate


def read_wav(data: bytes) -> Clip:
    """A mono 16-bit WAV back into a clip (what `kiosk voice say --out` wrote)."""
    with wave.open(io.BytesIO(data), "rb") as w:
        if w.getnchannels() != 1 or w.getsampwidth() != 2:
            raise ValueError("expected mono 16-bit PCM")
        return Clip(w.readframes(w.getnframes()), w.getframerate())


def silence(seconds: float, rate: int = SAMPLE_RATE) -> Clip:
    return Clip(bytes(2 * int(seconds * rate)), rate)


def join(*clips: Clip) -> Clip:
    """Clips one after the other (all at the same rate)."""
    rates = {c.rate for c in clips}
    if len(rates) > 1:
        raise ValueError(f"clips at different rates: {sorted(rates)}")
    return Clip(b"".join(c.samples for c in clips), rates.pop() if rates else SAMPLE_RATE)


# Two bell strokes, high then low (the "ting-tung" of Indonesian service halls): a few inharmonic
# partials each, decaying exponentially, so it sounds like a bell and not a beep.
_STROKES = ((0.0, 783.99), (0.42, 622.25))  # (start s, fundamental Hz): G5 then D#5, a major third down
_PARTIALS = ((1.0, 1.0), (2.0, 0.35), (2.76, 0.18), (5.4, 0.06))  # (ratio, amplitude)
_CHIME_SECONDS = 1.6


@lru_cache(maxsize=8)
def chime(volume: int = 100, rate: int = SAMPLE_RATE) -> Clip:
    """The chime before every announcement, at `volume` percent (cached)."""
    frames = int(_CHIME_SECONDS * rate)
    mix = [0.0] * frames
    two_pi = 2 * math.pi
    for start, freq in _STROKES:
        first = int(start * rate)
        for ratio, amp in _PARTIALS:
            f = freq * ratio
            decay = 3.2 * ratio ** 0.5  # higher partials die sooner, as in a real bell
            for i in range(frames - first):
                t = i / rate
                attack = min(1.0, t / 0.004)  # 4 ms attack: no click
                mix[first + i] += amp * attack * math.exp(-decay * t) * math.sin(two_pi * f * t)
    fade = int(0.05 * rate)
    for i in range(fade):  # fade the tail to zero so the join with speech has no click
        mix[frames - fade + i] *= 1 - i / fade
    top = max(abs(v) for v in mix) or 1.0
    gain = 0.5 * 32767 * max(0, min(volume, 100)) / 100 / top
    return Clip(array("h", (int(v * gain) for v in mix)).tobytes(), rate)
