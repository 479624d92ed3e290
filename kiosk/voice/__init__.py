"""The TV's chime and Indonesian announcement, offline (DESIGN.md §9). No Qt here.

- `text.announcement_text(number, counter, service)`: the words ("Nomor antrian A dua puluh lima, ...").
- `speech.engine().render(text)`: eSpeak NG (from the espeakng-loader wheel) -> a 22 kHz mono clip.
- `audio`: clips, the chime, WAV bytes. `player.Player`: miniaudio output, one stream, a FIFO of clips.
- `announcer.Announcer`: the queue of call events (`kiosk.tickets.calls_since`, or the hub's live events).
- `render_wav(text_or_event, settings)`: chime + announcement as WAV bytes, cached (for a web display).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=64)
def _render_cached(text: str, speed: int, volume: int, chime: bool) -> bytes:
    from kiosk.voice.announcer import VoiceSettings, render_announcement

    settings = VoiceSettings(speed=speed, volume=volume, chime=chime)
    return render_announcement(text, settings)[1].wav()


def render_wav(text: str, *, speed: int = 100, volume: int = 100, chime: bool = True) -> bytes:
    """The announcement `text` (chime first) as WAV bytes; the last 64 are kept (a recall is free)."""
    return _render_cached(text, speed, volume, chime)
