"""ESC/POS bytes via python-escpos: printer profiles, code-page folding, and the renderer.

python-escpos is imported in one place only (`escpos_lib()`), lazily, with its import-time side effects
contained: it would configure the root logger (`logging.basicConfig()`), make a new temp dir per process for
its capabilities pickle, and may print to stdout. We point the pickle at a private cache dir, keep the root
logger as the application configured it and send any stray output to our log. At run time we only call
code paths that do not print (known media width, our own barcode choice).

Sizes matter: cheap 58 mm printers on 9600-baud serial links take ~1 s per KB. Text is sent as text (bold and
magnification are printer commands, not images); a QR without native support is sent as a 1-bit raster only
as wide as the code, at the printer's double-density mode when the module size allows (a quarter the bytes).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import unicodedata
from dataclasses import dataclass
from functools import cache

from kiosk.printing.document import QR, Barcode, Cut, Document, Feed, Image, Line, layout
from mpp.text import without_controls

log = logging.getLogger(__name__)

DOTS = {58: 384, 80: 576}  # printable dots at 203 dpi
COLUMNS = {58: 32, 80: 48}  # font A is 12 dots wide


# --- python-escpos, contained ----------------------------------------------------------------------

@dataclass(frozen=True)
class EscposLib:
    printer: object  # escpos.printer (Dummy, Network, Serial, Usb, File, CupsPrinter, LP, Win32Raw)
    capabilities: object
    constants: object
    exceptions: object


def _pickle_dir() -> str:
    import platformdirs

    for base in (platformdirs.user_cache_dir("mini-mpp-kiosk", appauthor=False), None):
        try:
            if base is None:
                import tempfile

                base = os.path.join(tempfile.gettempdir(), f"mini-mpp-kiosk-{os.getuid() if hasattr(os, 'getuid') else 'u'}")
            path = os.path.join(base, "escpos")
            os.makedirs(path, mode=0o700, exist_ok=True)
            return path
        except OSError:
            continue
    raise OSError("no writable cache dir for python-escpos")


@cache
def escpos_lib() -> EscposLib:
    """Import python-escpos once, without letting it touch logging, temp dirs or stdout."""
    import sys
    import tempfile

    root = logging.getLogger()
    guard = logging.NullHandler()
    root.addHandler(guard)  # basicConfig() is a no-op when the root logger has a handler
    pickle_dir = _pickle_dir()
    saved = os.environ.get("ESCPOS_CAPABILITIES_PICKLE_DIR")
    os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = pickle_dir
    real_mkdtemp = tempfile.mkdtemp

    def mkdtemp(*args, **kwargs):
        # escpos.capabilities calls mkdtemp() even when the environment names a dir (an eager default).
        if sys._getframe(1).f_globals.get("__name__") == "escpos.capabilities":
            return pickle_dir
        return real_mkdtemp(*args, **kwargs)

    tempfile.mkdtemp = mkdtemp
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            from escpos import capabilities, constants, exceptions, printer
    finally:
        tempfile.mkdtemp = real_mkdtemp
        root.removeHandler(guard)
        if saved is None:
            os.environ.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
        else:
            os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = saved
    if out.getvalue().strip():
        log.warning("python-escpos on import: %s", out.getvalue().strip())
    return EscposLib(printer=printer, capabilities=capabilities, constants=constants, exceptions=exceptions)


# --- profiles ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProfileSpec:
    """What a printer model can do. `cutter=None` means: decided by paper width (80 mm yes, 58 mm no)."""

    label: str
    base: str  # python-escpos capabilities profile it is based on (code page table)
    native_qr: bool
    cutter: bool | None
    codepage: str = "CP437"
    hw_barcode: bool = False
    kanji_off: bool = False  # cheap printers start in Chinese double-byte mode: send FS . first
    double_density_raster: bool = True  # GS v 0 m=3 (each bit 2x2 dots)


PROFILES: dict[str, ProfileSpec] = {
    # Unknown printer: only what every ESC/POS thermal printer does (image QR, code page 437).
    "default": ProfileSpec("Printer ESC/POS umum", "default", native_qr=False, cutter=None, kanji_off=True),
    "pos58": ProfileSpec("POS-58 / ZJ-5890 / Xprinter 58 mm", "POS-5890", native_qr=False, cutter=False,
                         kanji_off=True),
    "tm-t20": ProfileSpec("Epson TM-T20II / TM-T82", "TM-T20II", native_qr=True, cutter=True, codepage="CP858",
                          hw_barcode=True),
    "tm-t82": ProfileSpec("Epson TM-T82 / TM-T82X", "TM-T20II", native_qr=True, cutter=True, codepage="CP858",
                          hw_barcode=True),
    "th230": ProfileSpec("Wincor TH230", "TH230", native_qr=False, cutter=True, codepage="CP858", hw_barcode=True),
    "sunmi-v2": ProfileSpec("Sunmi V2 (printer bawaan 58 mm)", "Sunmi-V2", native_qr=True, cutter=False,
                            codepage="CP858", hw_barcode=True),
}


@dataclass(frozen=True)
class Profile:
    """A printer profile resolved for a paper width: everything the renderers need."""

    name: str
    label: str
    width_mm: int
    dots: int
    columns: int
    native_qr: bool
    cutter: bool
    codepage: str
    hw_barcode: bool
    kanji_off: bool
    double_density_raster: bool
    base: str

    def as_dict(self) -> dict:
        return {"profile": self.name, "label": self.label, "width_mm": self.width_mm, "dots": self.dots,
                "columns": self.columns, "native_qr": self.native_qr, "cutter": self.cutter,
                "codepage": self.codepage}


def profile_names() -> list[str]:
    return sorted(PROFILES)


def get_profile(name: str | None, width_mm: int) -> Profile:
    """Our profile `name` (or any python-escpos profile name) for `width_mm` (58 or 80) paper."""
    from kiosk.errors import InputError

    width_mm = int(width_mm)
    if width_mm not in DOTS:
        raise InputError(f"lebar kertas harus 58 atau 80 (mm), bukan {width_mm}")
    key = (name or "default").strip()
    spec = PROFILES.get(key.lower())
    if spec is None:
        known = escpos_lib().capabilities.CAPABILITIES["profiles"]
        if key not in known:
            raise InputError(f"profil printer tidak dikenal: {key!r} (pilihan: {', '.join(profile_names())}, "
                             "atau nama profil python-escpos)")
        features = known[key]["features"]
        pages = set(known[key]["codePages"].values())
        spec = ProfileSpec(known[key].get("name", key), key, native_qr=bool(features.get("qrCode")),
                           cutter=bool(features.get("paperFullCut") or features.get("paperPartCut")),
                           codepage="CP858" if "CP858" in pages else "CP437",
                           hw_barcode=bool(features.get("barcodeB")))
    cutter = spec.cutter if spec.cutter is not None else width_mm == 80
    return Profile(name=key.lower() if key.lower() in PROFILES else key, label=spec.label, width_mm=width_mm,
                   dots=DOTS[width_mm], columns=COLUMNS[width_mm], native_qr=spec.native_qr, cutter=cutter,
                   codepage=spec.codepage, hw_barcode=spec.hw_barcode, kanji_off=spec.kanji_off,
                   double_density_raster=spec.double_density_raster, base=spec.base)


@cache
def _escpos_profile_class(profile: Profile):
    """A python-escpos profile with our width, dpi and features (so it never guesses, prints or cuts wrongly)."""
    import copy

    caps = escpos_lib().capabilities
    data = copy.deepcopy(caps.CAPABILITIES["profiles"][profile.base])
    data["media"] = {"dpi": 203, "width": {"mm": profile.width_mm, "pixels": profile.dots}}
    features = dict(data["features"])
    features.update(qrCode=profile.native_qr, paperFullCut=profile.cutter, paperPartCut=profile.cutter,
                    barcodeA=profile.hw_barcode, barcodeB=profile.hw_barcode, bitImageRaster=True)
    data["features"] = features
    # python-escpos maps a code page name to the *last* slot listing it (POS-5890: CP437 -> 52); printers
    # agree on the first (CP437 is slot 0 everywhere), so keep only the lowest slot of each name.
    first: dict[str, str] = {}
    for slot in sorted(data["codePages"], key=int):
        first.setdefault(data["codePages"][slot], slot)
    data["codePages"] = {slot: name for name, slot in first.items()}
    return type("KioskProfile", (caps.Profile,), {"profile_data": data}), features


def escpos_profile(profile: Profile):
    cls, features = _escpos_profile_class(profile)
    return cls(columns=profile.columns, features=dict(features))


# --- code pages -----------------------------------------------------------------------------------------

# Typography that cheap printers' code pages lack, folded the same way on every printer (predictable).
_FOLD = str.maketrans({
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201a": ",", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2026": "...", "\u2022": "*", "\u2023": ">", "\u2043": "-", "\u00b7": "-", "\u2219": "-",
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u00ad": "",
    "\u2192": "->", "\u2190": "<-", "\u2264": "<=", "\u2265": ">=", "\u2260": "!=", "\u00d7": "x",
    "\u2122": "(TM)", "\u00a9": "(c)", "\u00ae": "(R)", "\u20ac": "EUR", "\u20a8": "Rs", "\u2116": "No.",
    "\u00f8": "o", "\u00d8": "O", "\u0142": "l", "\u0141": "L", "\u0111": "d", "\u0110": "D", "\u0131": "i",
    "\u00e6": "ae", "\u00c6": "AE", "\u0153": "oe", "\u0152": "OE", "\u00df": "ss",
    "\u2713": "v", "\u2714": "v", "\u2717": "x", "\u2610": "[ ]", "\u2611": "[x]", "\u2612": "[x]",
})


@cache
def _encodable(codepage: str, char: str) -> bool:
    try:
        char.encode(codepage.lower())
        return True
    except (UnicodeEncodeError, LookupError):
        return False


def fold_text(text: str, codepage: str = "CP437") -> str:
    """Text the code page can print without a stray `?`: typography folded to ASCII, accents kept when the
    code page has the letter, else dropped (`é` -> `e`); only what has no fold at all becomes `?`.

    Control characters never pass (`Siti\x1b@` would reset the printer mid-receipt): text from people is
    cleaned at intake, and again here, whatever its age or path."""
    text = without_controls(text).translate(_FOLD)
    if text.isascii():
        return text
    out = []
    for char in text:
        if ord(char) < 128 or _encodable(codepage, char):
            out.append(char)
            continue
        plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        plain = plain.translate(_FOLD)
        out.append(plain if plain and all(ord(c) < 128 or _encodable(codepage, c) for c in plain) else "?")
    return "".join(out)


# --- rendering -----------------------------------------------------------------------------------------

def render_escpos(doc: Document, profile: Profile) -> bytes:
    """The document as ESC/POS bytes for one printer profile (python-escpos's Dummy printer collects them)."""
    lib = escpos_lib()
    p = lib.printer.Dummy(profile=escpos_profile(profile))
    p.hw("INIT")
    if profile.kanji_off:
        p._raw(b"\x1c\x2e")  # FS . : cancel Chinese/Kanji mode, else bytes >= 0x80 print as hanzi
    p.charcode(profile.codepage)  # one ESC t, then every text byte is in this code page
    state = {"align": "left", "bold": False, "size": 1, "invert": False}

    def style(**want) -> None:
        changed = {k: v for k, v in want.items() if state[k] != v}
        if not changed:
            return
        state.update(changed)
        if "size" in changed:
            n = changed.pop("size")
            p.set(custom_size=True, width=n, height=n)
        if changed:
            p.set(**changed)

    for item in layout(doc, profile.columns):
        if isinstance(item, Line):
            style(align=item.align, bold=item.bold, size=item.size, invert=item.invert)
            p.text(fold_text(item.text.rstrip() if item.align == "left" else item.text.strip(), profile.codepage) + "\n")
        elif isinstance(item, QR):
            style(align=item.align, bold=False, size=1, invert=False)
            _qr(p, item, profile)
        elif isinstance(item, Barcode):
            style(align=item.align, bold=False, size=1, invert=False)
            _barcode(p, item, profile)
        elif isinstance(item, Image):
            style(align=item.align, bold=False, size=1, invert=False)
            from PIL import Image as PILImage

            img = PILImage.open(io.BytesIO(item.png))
            if img.width > profile.dots:
                img = img.resize((profile.dots, max(1, img.height * profile.dots // img.width)))
            p.image(img, impl="bitImageRaster")
        elif isinstance(item, Feed):
            p.print_and_feed(max(0, min(255, item.lines)))
        elif isinstance(item, Cut):
            if profile.cutter:
                p.cut(mode="PART")
            else:
                p.print_and_feed(4)  # past the tear bar
    return p.output


_EC = {"L": "QR_ECLEVEL_L", "M": "QR_ECLEVEL_M", "Q": "QR_ECLEVEL_Q", "H": "QR_ECLEVEL_H"}


def _qr(p, item: QR, profile: Profile) -> None:
    if profile.native_qr:
        ec = getattr(escpos_lib().constants, _EC.get(item.ec, "QR_ECLEVEL_M"))
        p.qr(item.data, ec=ec, size=max(1, min(16, item.size)), native=True)
        p.text("\n")
        return
    from kiosk.printing.bitmaps import qr_image

    # Double-density raster: each bit prints as 2x2 dots, a quarter of the bytes for the same QR.
    scale = 2 if profile.double_density_raster and item.size % 2 == 0 else 1
    img = qr_image(item.data, module=item.size // scale, ec=item.ec)
    p.image(img, high_density_vertical=scale == 1, high_density_horizontal=scale == 1, impl="bitImageRaster")


def _barcode(p, item: Barcode, profile: Profile) -> None:
    if profile.hw_barcode and item.kind.upper() == "CODE128":
        # Printer-drawn: a few bytes. (Not Escpos.barcode(): it prints its choice to stdout.)
        p._hw_barcode("{B" + item.data, "CODE128", height=max(1, min(255, item.height)), width=2, pos="BELOW",
                      font="A", align_ct=item.align == "center", function_type="B", check=False)
        p.text("\n")
        return
    from kiosk.printing.bitmaps import barcode_image

    p.image(barcode_image(item.data, item.kind, item.height), impl="bitImageRaster")
    p.text(fold_text(item.data, profile.codepage) + "\n")
