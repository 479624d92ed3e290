"""Where bundled reference data lives (source tree, installed package or PyInstaller bundle)."""

from __future__ import annotations

import csv
import sys
from functools import cache
from pathlib import Path


def resources_dir() -> Path:
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled:
        return Path(bundled) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(name: str) -> Path:
    return resources_dir() / name


@cache
def provinces() -> dict[str, str]:
    """Province code (2 digits) -> name."""
    with open(resource("provinces.csv"), encoding="utf-8", newline="") as fh:
        return {row["code"]: row["name"] for row in csv.DictReader(fh)}


@cache
def regencies() -> dict[str, str]:
    """Regency code without dot (4 digits) -> name."""
    with open(resource("regencies.csv"), encoding="utf-8", newline="") as fh:
        return {row["code"].replace(".", ""): row["name"] for row in csv.DictReader(fh)}


@cache
def _wilayah() -> list[dict[str, str]]:
    with open(resource("kukar_wilayah.csv"), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def kecamatan() -> dict[str, str]:
    """The 20 kecamatan of Kutai Kartanegara: code (64.02.NN) -> name. A Mini MPP site is one of these."""
    from mpp.sites import KECAMATAN

    return dict(KECAMATAN)


def desa_of(site_code: str) -> dict[str, str]:
    """Desa/kelurahan of one kecamatan: code -> name (the kecamatan themselves are in mpp.sites)."""
    prefix = site_code + "."
    return {row["code"]: row["name"] for row in _wilayah() if row["code"].startswith(prefix)}
