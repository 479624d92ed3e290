"""ESC/POS rendering on python-escpos's Dummy printer: exact bytes, cut only with a cutter, QR, code pages."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kiosk import tickets
from kiosk.ops.printing import ticket_content
from kiosk.printing.document import QR, Columns, Cut, Document, Rule, Text, layout
from kiosk.printing.escpos import fold_text, get_profile, render_escpos
from kiosk.printing.templates import ticket_document
from tests.conftest import ROOT

ESC, GS = b"\x1b", b"\x1d"


def test_exact_bytes_of_a_small_document_with_cutter():
    doc = Document("ticket", "x", blocks=[Text("A-012", align="center", bold=True, size=4), Cut()])
    out = render_escpos(doc, get_profile("tm-t20", 80))
    assert out == (ESC + b"@"            # initialise
                   + ESC + b"t\x13"      # code page 19 = CP858 on the TM-T20II
                   + GS + b"!\x33"       # 4x width, 4x height
                   + ESC + b"E\x01"      # bold
                   + ESC + b"a\x01"      # centred
                   + b"A-012\n"
                   + ESC + b"d\x06"      # feed past the cutter
                   + GS + b"V\x01")      # partial cut


def test_exact_bytes_without_cutter_feed_to_tear_bar_and_cancel_kanji():
    doc = Document("ticket", "x", blocks=[Text("B-001"), Cut()])
    out = render_escpos(doc, get_profile("pos58", 58))
    assert out == ESC + b"@" + b"\x1c." + ESC + b"t\x00" + b"B-001\n" + ESC + b"d\x04"
    assert GS + b"V" not in out


@pytest.fixture
def ticket(store, clock):
    with store.transaction() as s:
        t = tickets.issue_ticket(s, "KTP", now=clock.now(), priority="lansia")
        tickets.issue_ticket(s, "KTP", now=clock.now())
        doc = ticket_document(ticket_content(s, t))
        yield t.number, t.id, doc


@pytest.mark.parametrize("profile,width,cutter,native", [
    ("pos58", 58, False, False), ("default", 58, False, False), ("default", 80, True, False),
    ("tm-t20", 80, True, True), ("sunmi-v2", 58, False, True), ("th230", 80, True, False)])
def test_ticket_has_number_qr_and_cut_only_with_cutter(ticket, profile, width, cutter, native):
    number, ticket_id, doc = ticket
    prof = get_profile(profile, width)
    assert (prof.cutter, prof.native_qr) == (cutter, native)
    out = render_escpos(doc, prof)
    assert b"NOMOR ANTRIAN\n" + GS + b"!\x33" + ESC + b"E\x01" + number.encode() + b"\n" in out
    assert (GS + b"V" in out) is cutter
    payload = f"T:{ticket_id.upper()}".encode()
    if native:
        # GS ( k: store the data (fn 80) then print it (fn 81)
        assert GS + b"(k" + bytes([len(payload) + 3, 0]) + b"1P0" + payload in out
        assert GS + b"(k\x03\x001Q0" in out
        assert len(out) <= 1024, len(out)
    else:
        # GS v 0 m=3: a double-density raster, only as wide as the QR (25 modules x 3 bits -> 10 bytes a row)
        start = out.index(GS + b"v0\x03")
        width_bytes = out[start + 4] + 256 * out[start + 5]
        assert width_bytes <= 10
        assert payload not in out
        assert len(out) <= 4096, len(out)
    assert b"PRIORITAS: LANSIA" in out


def test_qr_image_is_a_real_qr(tmp_path):
    """The bitmap sent to printers without native QR decodes back to the payload's modules."""
    from kiosk.printing.bitmaps import qr_image, qr_matrix

    img = qr_image("R:640212-261128-7KQ0012-X", module=3)
    matrix = qr_matrix("R:640212-261128-7KQ0012-X")
    assert img.size == (len(matrix) * 3, len(matrix) * 3)
    assert all((img.getpixel((c * 3 + 1, r * 3 + 1)) == 0) == dark
               for r, row in enumerate(matrix) for c, dark in enumerate(row))


def test_folding_is_predictable_and_leaves_no_stray_question_marks():
    assert fold_text("Pelayanan – “Rp 10.000” … café • ok", "CP437") == 'Pelayanan - "Rp 10.000" ... café * ok'
    assert fold_text("Łukasz Øre", "CP437") == "Lukasz Ore"
    assert fold_text("Mañana ĝ", "CP437") == "Mañana g"  # ñ is in CP437; ĝ folds to g
    text = "Jangka waktu: 1–3 hari • biaya “gratis” · Rp 0 — Kecamatan Tenggarong Seberang … 5×"
    doc = Document("info", "x", blocks=[Text(text), Columns("Biaya", "Rp 50.000 – Rp 100.000")])
    for profile, width in (("default", 58), ("tm-t20", 80), ("pos58", 58)):
        assert b"?" not in render_escpos(doc, get_profile(profile, width))


def test_layout_wraps_to_columns_and_justifies_columns():
    lines = layout(Document("x", "x", blocks=[Columns("Layanan", "KTP-el"), Rule(), Text("a " * 40, indent=2)]), 32)
    assert lines[0].text == "Layanan" + " " * (32 - 7 - 6) + "KTP-el"
    assert lines[1].text == "-" * 32
    assert all(len(line.text) <= 32 for line in lines)
    assert lines[3].text.startswith("  a")


def test_unknown_profile_is_input_error():
    from kiosk.errors import InputError

    with pytest.raises(InputError, match="profil printer tidak dikenal"):
        get_profile("no-such-printer", 58)
    assert get_profile("TM-T88V", 80).native_qr  # any python-escpos profile works too


def test_python_escpos_import_side_effects_are_contained(tmp_path):
    """No root logger handler, nothing on stdout, no temp dir per process."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    code = ("import logging\n"
            "from kiosk.printing.escpos import escpos_lib, render_escpos, get_profile\n"
            "from kiosk.printing.document import Document, Text, QR\n"
            "escpos_lib()\n"
            "render_escpos(Document('t', 'x', [Text('x'), QR('x')]), get_profile('default', 58))\n"
            "print('handlers', logging.getLogger().handlers)\n")
    env = {**os.environ, "TMPDIR": str(temp), "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    for _ in range(2):  # the second run loads the cached capabilities
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout == "handlers []\n"
        assert done.stderr == ""
        assert list(temp.iterdir()) == []
    assert "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ
    assert QR  # imported for the subprocess text above


def test_control_bytes_in_text_from_people_never_reach_the_printer():
    # A name pasted with ESC @ (reset), GS V (cut) and a NUL: printed as text, never as commands.
    doc = Document("receipt", "x", blocks=[Text("Siti\x1b@ Aminah\x1dV\x01\x00 RT\t01\r\n")])
    out = render_escpos(doc, get_profile("tm-t20", 80))
    body = out[out.index(ESC + b"t") + 3:]
    assert b"Siti@ AminahV RT" in body and b"01\n" in body
    assert not any(byte < 0x20 and byte != 0x0A for byte in body), body
    assert fold_text("a\x1b\x07b\u202ec") == "abc"
