"""The TV's voice as a technician tries it: speak one call, write its WAV, play the sample. Local to this PC."""

from __future__ import annotations

from pathlib import Path

from kiosk.errors import InputError, KioskError
from kiosk.ops.registry import LOCAL, op

SAMPLE = {"number": "A-025", "counter": 2}


def _settings(ctx, overrides: dict | None = None):
    from kiosk.voice.announcer import VoiceSettings

    settings = VoiceSettings.from_settings(ctx.settings)
    if overrides:
        fields = {key.split(".", 1)[1]: value for key, value in overrides.items()}
        settings = VoiceSettings(**{**settings.__dict__, **fields})
    return settings


def _service_name(ctx, text: str) -> str:
    """A service code (KTP) becomes its name from the catalog; anything else is said as written."""
    from kiosk.ops import catalog

    code = text.strip().upper()
    if not code:
        raise InputError("--service kosong")
    if not ctx.settings.db_path.exists():
        return text.strip()
    try:
        return ctx.run(catalog.service_names).get(code, {}).get("name") or text.strip()
    except KioskError:
        return text.strip()


def _play(clip, settings) -> str:
    from kiosk.voice.player import Player

    player = Player(settings.output)
    try:
        player.play(clip)
    finally:
        player.close()
    return player.backend or ""


@op("voice.say", scope=LOCAL, write=False, slow=True)
def say(ctx, *, ticket: str, counter: str | int, service: str | None = None, recall: int = 0,
        out: str | None = None, settings: dict | None = None) -> dict:
    """Speak one call (or write its WAV to `out`): {text, seconds, engine, backend | out, bytes}.

    `settings`: voice.* values to try instead of the saved ones (the admin panel's form)."""
    from kiosk.voice import speech
    from kiosk.voice.announcer import announcement_for, render_announcement

    if recall < 0:
        raise InputError("--recall harus 0 atau lebih")
    text = str(counter).strip()
    if not text or (text.isdigit() and int(text) < 1):
        raise InputError(f"loket tidak sah: {counter!r} (contoh: --counter 2)")
    event = {"number": ticket, "counter": int(text) if text.isdigit() else text, "recall_count": recall}
    voice = _settings(ctx, settings)
    if service:
        event["service_name"] = _service_name(ctx, service)
        voice = type(voice)(**{**voice.__dict__, "service": True})
    words = announcement_for(event, voice)  # bad input stops here, before any sound or file
    target = Path(out).expanduser() if out else None
    if target is not None and (target.is_dir() or not target.parent.is_dir()):
        raise InputError(f"tidak bisa menulis {target}: sebutkan berkas .wav di folder yang ada")
    words, clip = render_announcement(words, voice)
    data = {"text": words, "seconds": round(clip.seconds, 3), "engine": speech.engine().name}
    if target is not None:
        target.write_bytes(clip.wav())
        data.update(out=str(target), bytes=target.stat().st_size)
        return data
    data["backend"] = _play(clip, voice)
    data["no_audio_device"] = data["backend"] == "Null" and voice.output == "auto"
    return data


@op("voice.test", scope=LOCAL, write=False, slow=True)
def test(ctx, *, settings: dict | None = None) -> dict:
    """Play the sample call ("A-025 to counter 2") with the saved settings, or `settings` to try."""
    return say(ctx, ticket=SAMPLE["number"], counter=SAMPLE["counter"], settings=settings)
