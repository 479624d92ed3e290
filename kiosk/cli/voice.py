"""`kiosk voice say` and `kiosk voice test`. Other tools read the JSON keys: text, seconds, engine (+ out,
backend); keep them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.cli import emit


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


def _speak(app, args, **kwargs) -> int:
    from kiosk.ops import voice

    data = app.run(voice.say, **kwargs)
    if data.pop("no_audio_device", False):
        print("kiosk: PERINGATAN: tidak ada perangkat audio; suara tidak terdengar / no audio device",
              file=sys.stderr)
    emit(args, data, f"{data['text']}\n-> {data['out']} ({data['seconds']} s)" if "out" in data else data["text"])
    return 0


def cmd_say(app, args) -> int:
    return _speak(app, args, ticket=args.ticket, counter=args.counter, service=args.service, recall=args.recall,
                  out=str(args.out) if args.out else None)


def cmd_test(app, args) -> int:
    from kiosk.ops.voice import SAMPLE

    return _speak(app, args, ticket=SAMPLE["number"], counter=SAMPLE["counter"])
