"""Refresh the UI translations: lupdate (extract tr()/translate() strings) then lrelease (.ts -> .qm).

    python scripts/update_translations.py            # update .ts from the code, then compile .qm
    python scripts/update_translations.py --check    # fail if a string has no English translation

Indonesian is the source language: kiosk_id.ts lists the strings untranslated (the source text is
shown), kiosk_en.ts holds the English. Translators edit kiosk_en.ts (Qt Linguist or a text editor).
Uses `pyside6-lupdate` / `pyside6-lrelease` from PySide6 (PySide6-Essentials ships both).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = {"id": "id_ID", "en": "en_US"}


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}") or shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent))
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 (PySide6-Essentials ships it) in this venv")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "kiosk" / "ui").rglob("*.py"))


def unfinished(ts: Path) -> list[str]:
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                if translation is None or translation.get("type") == "unfinished":
                    missing.append(f"{name}: {message.findtext('source')}")
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that English is complete")
    args = parser.parse_args(argv)
    en = I18N / "kiosk_en.ts"
    if args.check:
        missing = unfinished(en)
        for line in missing:
            print(f"untranslated: {line}")
        return 1 if missing else 0
    I18N.mkdir(parents=True, exist_ok=True)
    files = sources()
    for lang, locale in LANGUAGES.items():
        ts = I18N / f"kiosk_{lang}.ts"
        subprocess.run([tool("lupdate"), *files, "-no-obsolete", "-locations", "none", "-source-language", "id_ID",
                        "-target-language", locale, "-ts", str(ts)], cwd=ROOT, check=True)
        subprocess.run([tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], cwd=ROOT, check=True)
    missing = unfinished(en)
    if missing:
        print(f"{len(missing)} string(s) still need English in {en.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
