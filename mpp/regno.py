"""Registration numbers: `SSSSSS-YYMMDD-TTTNNNN-C`, e.g. `640212-261128-7KQ0012-5`.

  SSSSSS  site (kecamatan) code digits, 64.02.12 -> 640212
  YYMMDD  the site's local business day (WITA) of intake
  TTT     the intake device's tag (3 Crockford base32 characters)
  NNNN    per-device daily sequence 0001..9999
  C       ISO 7064 MOD 37-2 check character over the 19 characters before it (0-9, A-Z or `*`)
Site + day + device tag + sequence make it unique across all sites and devices without coordination.
MOD 37-2 catches every single-character substitution and every adjacent transposition (unlike the
hybrid MOD 37,36, which misses some). The key is the same without dashes; lookups compare against it.
"""

from __future__ import annotations

import re
from datetime import date

from mpp.errors import InputError
from mpp.sites import CROCKFORD, site_digits

MAX_DAILY_SEQ = 9999
REGNO_EXAMPLE = "640212-261128-7KQ0012-5"
BODY_LEN = 19  # site 6 + day 6 + tag 3 + seq 4

_MOD37_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"
_KEY_RE = re.compile(rf"^[0-9]{{12}}[{CROCKFORD}]{{3}}[0-9]{{4}}[0-9A-Z*]$")
# Crockford reading of confusables. Only safe in the body: it holds digits and Crockford tag characters,
# neither of which contains O, I or L, whereas the check character may legitimately be O, I or L.
_CONFUSABLES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def mod37_2_check(body: str) -> str:
    """ISO 7064 MOD 37-2 check character (0-9, A-Z or `*`) of an upper-case alphanumeric string."""
    total = 0
    for ch in body:
        total = ((total + _MOD37_ALPHABET.index(ch)) * 2) % 37
    return _MOD37_ALPHABET[(38 - total) % 37]


def make_registration_number(site_code: str, business_day: date, reg_tag: str, seq: int) -> str:
    """The pretty registration number `640212-261128-7KQ0012-5` of one intake."""
    site = site_digits(site_code)
    if len(site) != 6 or len(reg_tag) != 3 or any(ch not in CROCKFORD for ch in reg_tag):
        raise ValueError(f"bad site code {site_code!r} or reg_tag {reg_tag!r}")
    if not 1 <= seq <= MAX_DAILY_SEQ:
        raise ValueError(f"sequence {seq} outside 1..{MAX_DAILY_SEQ}")
    body = f"{site}{business_day:%y%m%d}{reg_tag}{seq:04d}"
    return f"{body[:6]}-{body[6:12]}-{body[12:]}-{mod37_2_check(body)}"


def normalise_regno(text: str) -> str:
    """Upper-case, keep 0-9 A-Z `*`, and read O as 0 and I/L as 1 in the body (never in the check character)."""
    key = "".join(ch for ch in str(text).upper() if ch.isascii() and (ch.isalnum() or ch == "*"))
    return key[:BODY_LEN].translate(_CONFUSABLES) + key[BODY_LEN:]


def check_regno(text: str) -> str:
    """Validate format and check character of a typed registration number; returns its key."""
    key = normalise_regno(text)
    if not _KEY_RE.match(key):
        raise InputError(f"format nomor registrasi tidak dikenali: {str(text)[:40]!r} (contoh: {REGNO_EXAMPLE})")
    if mod37_2_check(key[:BODY_LEN]) != key[BODY_LEN]:
        raise InputError("nomor registrasi salah ketik (digit periksa tidak cocok)")
    return key


def pretty_regno(key: str) -> str:
    """`6402122611287KQ00125` (a key) -> `640212-261128-7KQ0012-5`."""
    return f"{key[:6]}-{key[6:12]}-{key[12:19]}-{key[19:]}"
