"""Sites: the 20 kecamatan of Kutai Kartanegara, their codes, and the time zone their business day runs on."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from mpp.errors import InputError

# Kutai Kartanegara is on WITA (UTC+8); the business day and printed times are local to the site.
SITE_TZ = ZoneInfo("Asia/Makassar")

# Crockford base32: device tags in registration numbers, enrollment codes.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

# A Mini MPP site is one of these (Permendagri wilayah codes).
KECAMATAN: dict[str, str] = {
    "64.02.01": "Muara Muntai",
    "64.02.02": "Loa Kulu",
    "64.02.03": "Loa Janan",
    "64.02.04": "Anggana",
    "64.02.05": "Muara Badak",
    "64.02.06": "Tenggarong",
    "64.02.07": "Sebulu",
    "64.02.08": "Kota Bangun",
    "64.02.09": "Kenohan",
    "64.02.10": "Kembang Janggut",
    "64.02.11": "Muara Kaman",
    "64.02.12": "Tabang",
    "64.02.13": "Samboja",
    "64.02.14": "Muara Jawa",
    "64.02.15": "Sanga Sanga",
    "64.02.16": "Tenggarong Seberang",
    "64.02.17": "Marang Kayu",
    "64.02.18": "Muara Wis",
    "64.02.19": "Kota Bangun Darat",
    "64.02.20": "Samboja Barat",
}


def normalise_site_code(raw: str) -> str:
    """Accept `64.02.12` or `640212`; the site is a kecamatan of Kutai Kartanegara."""
    text = str(raw)
    digits = "".join(ch for ch in text if ch.isascii() and ch.isdigit())
    code = f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}" if len(digits) == 6 else text.strip()
    if code not in KECAMATAN:
        raise InputError(f"kode kecamatan tidak dikenal: {raw!r} (contoh: 64.02.12 = Tabang; daftar: `kiosk sites`)")
    return code


def site_digits(site_code: str) -> str:
    """`64.02.12` -> `640212` (the first six characters of a registration number)."""
    return "".join(ch for ch in site_code if ch.isascii() and ch.isdigit())


def site_name(site_code: str) -> str:
    return KECAMATAN.get(site_code, site_code)
