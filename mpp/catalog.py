"""The service catalog document: its validation, and the catalog bundled with both programs.

Central publishes catalogs (the bundled one first); kiosks apply what they pull. Both validate the
same way: a catalog is all-or-nothing, one bad service refuses the whole document.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from mpp.errors import InputError

MODES = ("local", "forward", "online")
BUNDLED_CATALOG = Path(__file__).with_name("data") / "catalog.toml"


def load_catalog_file(path: Path | str | None = None) -> dict:
    """Parse and validate a catalog TOML file (the bundled one by default)."""
    path = Path(path) if path else BUNDLED_CATALOG
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"katalog {path} tidak bisa dibaca: {exc}") from None
    validate_catalog(data)
    return data


def validate_catalog(data: dict) -> None:
    """A catalog is all-or-nothing: one bad service refuses the whole file."""
    if not isinstance(data, dict):
        raise InputError("katalog harus berupa tabel")
    agencies = {a.get("code") for a in data.get("agencies", []) if isinstance(a, dict)}
    seen_codes, seen_prefixes = set(), set()
    services = data.get("services")
    if not services or not isinstance(services, list):
        raise InputError("katalog tidak berisi layanan")
    for svc in services:
        if not isinstance(svc, dict):
            raise InputError("setiap layanan harus berupa tabel")
        code = svc.get("code", "")
        if not isinstance(code, str) or not code.isascii() or not code.isalnum() or not code.isupper() \
                or len(code) > 16:
            raise InputError(f"kode layanan tidak sah: {code!r}")
        if code in seen_codes:
            raise InputError(f"kode layanan ganda: {code}")
        prefix = svc.get("prefix", "")
        if not isinstance(prefix, str) or len(prefix) != 1 or not prefix.isascii() or not prefix.isalpha() \
                or not prefix.isupper() or prefix in seen_prefixes:
            raise InputError(f"{code}: huruf antrian harus satu huruf besar yang unik (bukan {prefix!r})")
        if svc.get("agency") not in agencies:
            raise InputError(f"{code}: instansi {svc.get('agency')!r} tidak ada di katalog")
        if svc.get("mode") not in MODES:
            raise InputError(f"{code}: mode harus salah satu dari {', '.join(MODES)}")
        if not isinstance(svc.get("name"), str) or not 1 <= len(svc["name"]) <= 200:
            raise InputError(f"{code}: nama layanan wajib, 1..200 huruf")
        seen_codes.add(code)
        seen_prefixes.add(prefix)
