"""Personal data (UU 27/2022): the NIK's digits, and masking NIK, phone and address for paper, screens and
retention. The NIK's full structural check (province, birth date) needs reference data and stays with
the kiosk's intake; both sides agree on what a NIK's digits are.
"""

from __future__ import annotations

import re
import unicodedata

from mpp.errors import InputError

_NIK_RE = re.compile(r"[0-9]{16}")
MASKED_ADDRESS = "***"


def nik_digits(nik: str) -> str:
    """The 16 ASCII digits of a NIK; full-width or other Unicode digits are read as their ASCII digit."""
    text = unicodedata.normalize("NFKC", str(nik))
    digits = "".join(text.split())
    if not (digits.isascii() and _NIK_RE.fullmatch(digits)):
        shown = len(digits) if len(digits) <= 64 else "64+"
        raise InputError(f"NIK harus 16 angka (NIK must be 16 digits), bukan {shown} karakter")
    return digits


def mask_nik(nik: str) -> str:
    """`6402123456780001` -> `6402**********01` for paper and screens (UU 27/2022)."""
    nik = "".join(str(nik).split())
    if len(nik) < 6:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 6) + nik[-2:]


def mask_phone(phone: str | None) -> str | None:
    """`081234567890` -> `0812******90`; None stays None."""
    if not phone:
        return phone
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:4] + "*" * (len(phone) - 6) + phone[-2:]


def is_masked_nik(nik: str | None) -> bool:
    return bool(nik) and "*" in nik
