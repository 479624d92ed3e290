"""Offline Indonesian speech: eSpeak NG's library, driven through ctypes, from the `espeakng-loader` wheel.

The wheel ships libespeak-ng (Linux .so / Windows .dll, no other dependency) and its data, so nothing is
installed by hand and the PyInstaller bundle carries both (installer/kiosk.spec keeps only the Indonesian
part of the data). eSpeak NG reads Indonesian by rule, which suits a phonetic spelling: numbers and letter
names come out right once `kiosk.voice.text` has written them as words.

The library keeps global state, so one process has one engine and a lock around each synthesis.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from functools import lru_cache
from pathlib import Path

from kiosk.errors import KioskError
from kiosk.voice.audio import Clip

log = logging.getLogger(__name__)

ENGINE = "espeak-ng"
VOICE = "id"
BASE_WPM = 150  # speed 100 %: a little slower than eSpeak's 175, for a hall full of elderly citizens

# speak_lib.h
_AUDIO_OUTPUT_RETRIEVAL = 1
_espeakINITIALIZE_DONT_EXIT = 0x8000
_espeakCHARS_UTF8 = 1
_espeakRATE, _espeakVOLUME, _espeakPITCH = 1, 2, 3
_SynthCallback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


class VoiceUnavailable(KioskError):
    """The speech engine cannot run on this PC (library or data missing)."""


def _locate() -> tuple[Path, Path]:
    """(library, data dir) from the espeakng-loader package (also inside the PyInstaller bundle)."""
    try:
        import espeakng_loader
    except ImportError:
        raise VoiceUnavailable("mesin suara eSpeak NG tidak terpasang (paket espeakng-loader) / "
                               "speech engine missing") from None
    library = Path(espeakng_loader.get_library_path())
    data = Path(espeakng_loader.__file__).parent / "espeak-ng-data"
    if not library.exists() or not (data / "phontab").exists():
        raise VoiceUnavailable(f"mesin suara eSpeak NG tidak lengkap ({library.parent}) / speech engine incomplete")
    return library, data


class Speech:
    """Text -> PCM with eSpeak NG's Indonesian voice. Use `engine()` for the process's one instance."""

    def __init__(self):
        library, data = _locate()
        try:
            self._lib = ctypes.CDLL(str(library))
        except OSError as exc:
            raise VoiceUnavailable(f"mesin suara eSpeak NG tidak bisa dimuat: {exc}") from None
        lib = self._lib
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
                                     ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
        lib.espeak_Info.restype = ctypes.c_char_p
        lib.espeak_Info.argtypes = [ctypes.c_void_p]
        self._lock = threading.Lock()
        self._chunks: list[bytes] = []
        # Windows' file API wants the path in the ANSI code page; the bundle lives under Program Files.
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_RETRIEVAL, 0, str(data).encode("mbcs" if _windows() else "utf-8"),
                                     _espeakINITIALIZE_DONT_EXIT)
        if rate <= 0:
            raise VoiceUnavailable(f"eSpeak NG gagal mulai (data: {data})")
        self.rate = rate
        self._callback = _SynthCallback(self._collect)  # kept referenced: the library calls it later
        lib.espeak_SetSynthCallback(self._callback)
        if lib.espeak_SetVoiceByName(VOICE.encode()) != 0:
            raise VoiceUnavailable(f"suara bahasa Indonesia ({VOICE!r}) tidak ada di data eSpeak NG ({data})")
        self.version = lib.espeak_Info(None).decode()
        self.name = f"{ENGINE} {self.version} ({VOICE})"

    def _collect(self, wav, count, _events) -> int:
        if count > 0 and wav:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 0  # 0 = go on

    def render(self, text: str, *, speed: int = 100, volume: int = 100) -> Clip:
        """Speak `text` into a clip; `speed` and `volume` are percent (100 = normal)."""
        data = text.encode("utf-8") + b"\0"
        with self._lock:
            self._chunks = []
            lib = self._lib
            lib.espeak_SetParameter(_espeakRATE, max(80, min(450, round(BASE_WPM * speed / 100))), 0)
            lib.espeak_SetParameter(_espeakVOLUME, max(0, min(200, round(volume))), 0)
            buffer = ctypes.create_string_buffer(data)
            result = lib.espeak_Synth(buffer, len(data), 0, 0, 0, _espeakCHARS_UTF8, None, None)
            if result == 0:
                result = lib.espeak_Synchronize()
            chunks, self._chunks = self._chunks, []
        if result != 0:
            raise KioskError(f"eSpeak NG gagal membaca teks (kode {result})")
        return Clip(b"".join(chunks), self.rate)


def _windows() -> bool:
    import sys

    return sys.platform == "win32"


@lru_cache(maxsize=1)
def engine() -> Speech:
    """The process's one speech engine (the library is global state), started on first use."""
    return Speech()
