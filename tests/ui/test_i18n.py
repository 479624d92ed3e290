"""Every user-visible string is translatable and English is complete."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import ROOT

I18N = ROOT / "resources" / "i18n"


def sources(ts: Path) -> set[tuple[str, str]]:
    return {(c.findtext("name"), m.findtext("source"))
            for c in ET.parse(ts).getroot().iter("context") for m in c.iter("message")}


def test_english_catalogue_is_complete_and_compiled():
    sys.path.insert(0, str(ROOT / "scripts"))
    from update_translations import unfinished

    assert unfinished(I18N / "kiosk_en.ts") == []
    assert (I18N / "kiosk_id.qm").exists()
    assert (I18N / "kiosk_en.qm").stat().st_size > 10_000  # compiled with its translations


def test_catalogue_matches_the_code(tmp_path):
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) or shutil.which("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh.ts"
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "kiosk" / "ui").rglob("*.py"))
    subprocess.run([lupdate, *files, "-locations", "none", "-ts", str(fresh)], cwd=ROOT, check=True,
                   capture_output=True)
    missing = sources(fresh) - sources(I18N / "kiosk_en.ts")
    assert not missing, f"run `python scripts/update_translations.py`: {sorted(missing)[:5]}"


def test_translate_in_english_and_fallback(qapp):
    from kiosk.ui import i18n

    assert i18n.translate_in("en", "HomePage", "Ambil Antrian") == "Take a Number"
    assert i18n.translate_in("id", "HomePage", "Ambil Antrian") == "Ambil Antrian"
    assert i18n.translate_in("en", "HomePage", "tidak ada di katalog") == "tidak ada di katalog"
    assert i18n.label(i18n.APPLICATION_STATUS, "ready", "en") == "Ready for collection"
