"""`kiosk voice say` and `kiosk voice test`. Other tools read the JSON keys: text, seconds, engine (+ out,
backend); keep them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.cli import emit
from kiosk.errors import InputError

SAMPLE = {"number": "A-025", "counter": 2}


def register(sub) -> None:
    group = sub.group("voice", "suara layar TV: bel dan panggilan / the TV's chime and announcement")
    p = group.add("say", cmd_say, "ucapkan satu panggilan (atau tulis WAV) / speak one call (or write a WAV)")
    p.add_argument("--ticket", required=True, metavar="NUMBER", help="nomor antrian, mis. A-025")
    p.add_argument("--counter", required=True, metavar="N|NAME", help="nomor loket (2) atau namanya")
    p.add_argument("--service", metavar="CODE|NAME", help="sebut layanannya juga (kode layanan atau nama)")
    p.add_argument("--recall", type=int, default=0, metavar="N",
                   help="panggilan ulang ke-N (1 = \"panggilan kedua\")")
    p.add_argument("--out", type=Path, metavar="FILE.wav", help="tulis WAV, jangan diputar / write, do not play")
    group.add("test", cmd_test, "putar contoh panggilan / play a sample announcement")


def _settings(app):
    from kiosk.voice.announcer import VoiceSettings

    return VoiceSettings.from_settings(app.settings)


def _service_name(app, text: str) -> str:
    """A service code (KTP) becomes its name from the catalog; anything else is said as written."""
    from kiosk.errors import KioskError
    from kiosk.models import Service

    code = text.strip().upper()
    if not code:
        raise InputError("--service kosong")
    if not app.settings.db_path.exists():
        return text.strip()
    try:
        with app.store.read() as s:
            service = s.get(Service, code)
            return service.name if service is not None else text.strip()
    except KioskError:
        return text.strip()


def _play(clip, settings) -> str:
    from kiosk.voice.player import Player

    player = Player(settings.output)
    try:
        player.play(clip)
    finally:
        player.close()
    if player.backend == "Null" and settings.output == "auto":
        print("kiosk: PERINGATAN: tidak ada perangkat audio; suara tidak terdengar / no audio device",
              file=sys.stderr)
    return player.backend or ""


def _say(app, args, event: dict) -> int:
    from kiosk.voice import speech
    from kiosk.voice.announcer import announcement_for, render_announcement

    settings = _settings(app)
    if event.get("service_name"):
        settings = type(settings)(**{**settings.__dict__, "service": True})
    text = announcement_for(event, settings)  # bad input stops here, before any sound or file
    out = getattr(args, "out", None)
    if out is not None:
        out = out.expanduser()
        if out.is_dir() or not out.parent.is_dir():
            raise InputError(f"tidak bisa menulis {out}: sebutkan berkas .wav di folder yang ada")
    text, clip = render_announcement(text, settings)
    data = {"text": text, "seconds": round(clip.seconds, 3), "engine": speech.engine().name}
    if out is not None:
        out.write_bytes(clip.wav())
        data.update(out=str(out), bytes=out.stat().st_size)
        emit(args, data, f"{text}\n-> {out} ({data['seconds']} s)")
        return 0
    data["backend"] = _play(clip, settings)
    emit(args, data, text)
    return 0


def cmd_say(app, args) -> int:
    if args.recall < 0:
        raise InputError("--recall harus 0 atau lebih")
    counter = args.counter.strip()
    if not counter or (counter.isdigit() and int(counter) < 1):
        raise InputError(f"loket tidak sah: {args.counter!r} (contoh: --counter 2)")
    event = {"number": args.ticket, "counter": int(counter) if counter.isdigit() else counter,
             "recall_count": args.recall}
    if args.service:
        event["service_name"] = _service_name(app, args.service)
    return _say(app, args, event)


def cmd_test(app, args) -> int:
    return _say(app, args, dict(SAMPLE))
