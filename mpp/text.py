"""Text from people, cleaned the same way everywhere: at intake, at central, and on the way to a printer.

- Unicode is normalised (NFC), so the same name typed on two keyboards is the same text.
- Control characters are removed (a pasted NUL poisons PostgreSQL; ESC/GS bytes are printer commands),
  and so are lone surrogates, bidi overrides and other invisible format characters. Tabs and newlines
  stay only where a field allows several lines (notes); elsewhere every run of white space becomes one
  space.
- Lengths are bounded by one table (`LIMITS`), which central's columns match, so anything a kiosk
  accepts, central can store.
"""

from __future__ import annotations

import unicodedata

from mpp.errors import InputError

# Field -> (max characters, several lines allowed). Central's columns are at least this wide.
LIMITS: dict[str, tuple[int, bool]] = {
    "name": (120, False),  # applicant, operator full name
    "address": (300, False),
    "notes": (4000, True),
    "reason": (300, False),  # reject reason
    "actor": (64, False),  # who did it (username or a system actor)
    "ticket_note": (200, False),
    "device_name": (80, False),
    "announcement": (500, False),
    "counter_reason": (120, False),  # why a counter is paused (istirahat)
    "job": (60, False),  # an SKM respondent's occupation
    "suggestion": (1000, True),  # an SKM respondent's free text
}
LABELS = {"name": "nama", "address": "alamat", "notes": "catatan", "reason": "alasan", "actor": "petugas",
          "ticket_note": "catatan tiket", "device_name": "nama perangkat", "announcement": "pengumuman",
          "counter_reason": "alasan istirahat", "job": "pekerjaan", "suggestion": "saran"}

_KEEP_IN_MULTILINE = {"\n", "\t"}


def _drop(ch: str) -> bool:
    category = unicodedata.category(ch)
    # Cc control, Cs lone surrogate, Co private use, Cn unassigned; Cf format characters (zero-width
    # and bidi controls) except the joiners that some scripts and emoji need.
    if category in ("Cc", "Cs", "Co", "Cn"):
        return True
    return category == "Cf" and ch not in ("\u200c", "\u200d")


def clean(text: str | None, *, multiline: bool = False) -> str:
    """`text` normalised (NFC), without control or invisible characters, white space tidied; never raises."""
    if text is None:
        return ""
    value = str(text)
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for ch in value:
        if multiline and ch in _KEEP_IN_MULTILINE:
            kept.append(ch)
        elif ch.isspace():
            kept.append(" ")  # a tab or line break where the field has one line, NBSP, ...
        elif not _drop(ch):
            kept.append(ch)
    value = "".join(kept)
    value = unicodedata.normalize("NFC", value)
    if multiline:
        lines = [" ".join(part for part in line.split(" ") if part) for line in value.split("\n")]
        return "\n".join(lines).strip("\n")
    return " ".join(value.split())


def clean_field(field: str, text: str | None, *, required: bool = False, min_len: int = 0) -> str | None:
    """Clean `text` for `field` of `LIMITS` and check its length; None when empty and not required.

    Raises InputError (one line, Bahasa Indonesia first) when it is too long, or empty and required.
    """
    limit, multiline = LIMITS[field]
    value = clean(text, multiline=multiline)
    label = LABELS.get(field, field)
    if not value:
        if required:
            raise InputError(f"{label} wajib diisi ({field} required)")
        return None
    if len(value) > limit:
        raise InputError(f"{label} terlalu panjang: {len(value)} huruf, maks. {limit} ({field} too long)")
    if len(value) < min_len:
        raise InputError(f"{label} terlalu pendek: paling sedikit {min_len} huruf ({field} too short)")
    return value


def without_controls(text: str | None) -> str:
    """One line safe for a printer: control and invisible characters removed (a tab or line break becomes a
    space), everything else kept as it is (spaces that align columns too); never raises."""
    if text is None:
        return ""
    return "".join(" " if ch in "\t\n\r" else ch for ch in str(text) if ch in "\t\n\r" or not _drop(ch))
