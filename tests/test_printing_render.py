"""PNG previews at the paper's dot width; PDFs with embedded fonts, reproducible, and readable by pypdf."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from kiosk import applications, tickets
from kiosk.ops.printing import receipt_content, ticket_content
from kiosk.printing import templates
from kiosk.printing.document import Document, Image, Text, mark_copy
from kiosk.printing.escpos import get_profile
from kiosk.printing.pdf import render_pdf
from kiosk.printing.preview import render_image, render_png
from kiosk.printing.templates import info_document, receipt_document, ticket_document

NIK = "6402124101900001"


@pytest.fixture
def application(store, clock):
    with store.transaction() as s:
        app = applications.new_application(s, service_code="KTP", nik=NIK, name="Siti Aminah", operator="petugas1",
                                           documents=["Fotokopi Kartu Keluarga (KK)"], now=clock.now())
        return app.registration_number


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("width,dots", [(58, 384), (80, 576)])
def test_png_preview_is_as_wide_as_the_paper(store, clock, width, dots):
    with store.transaction() as s:
        doc = ticket_document(ticket_content(s, tickets.issue_ticket(s, "KK", now=clock.now())))
    from PIL import Image as PILImage

    png = render_png(doc, get_profile("default", width))
    img = PILImage.open(io.BytesIO(png))
    assert img.width == dots
    assert img.mode == "1"
    assert img.height > 300


def test_receipt_pdf_text(store, clock, application):
    with store.read() as s:
        doc = receipt_document(receipt_content(s, applications.find_application(s, application), copy_label="Lembar Arsip"))
    pdf = render_pdf(doc, get_profile("default", 80))
    text = _text(pdf)
    for expected in ("TANDA TERIMA PERMOHONAN", application, "6402**********01", "Siti Aminah", "Lembar Arsip",
                     "[x] Fotokopi Kartu Keluarga (KK)", "Mini MPP Kec. Tabang", "Perkiraan selesai",
                     "Selasa, 1 Des 2026"):
        assert expected in text, expected
    assert "Pengaduan" not in text  # no complaint channel set for this site: none printed
    assert NIK not in text  # the full NIK never goes on paper
    assert b"/FontFile2" in pdf  # TrueType embedded


def test_the_receipt_prints_the_sites_complaint_channel_when_set(store, clock, application, tmp_path):
    from kiosk import config
    from kiosk.ops.printing import document_for

    settings = config.load(tmp_path)
    with store.read() as s:
        content = receipt_content(s, applications.find_application(s, application))
    unset = _text(render_pdf(document_for("receipt", content, settings=settings, printer_uri="pdf://x",
                                          now=clock.now()), get_profile("default", 80)))
    assert "Pengaduan" not in unset and "xxxx" not in unset
    config.save(settings, {"site.complaint_channel": "WA Pengaduan Kec. Tabang 0812-5550-1234"})
    settings = config.load(tmp_path)
    text = _text(render_pdf(document_for("receipt", content, settings=settings, printer_uri="pdf://x",
                                         now=clock.now()), get_profile("default", 80)))
    assert "Pengaduan: WA Pengaduan Kec. Tabang 0812-5550-1234" in " ".join(text.split())
    with pytest.raises(config.InputError, match="xxxx"):
        config.parse_value("site.complaint_channel", "WA 0812-xxxx-xxxx")


def test_no_placeholder_number_anywhere_in_the_catalog():
    from mpp.catalog import BUNDLED_CATALOG

    assert "xxxx" not in BUNDLED_CATALOG.read_text(encoding="utf-8")


def test_forward_service_result_at_mpp_induk(store, clock):
    with store.transaction() as s:
        app = applications.new_application(s, service_code="PBG", nik=NIK, name="Budi", operator="op",
                                           now=clock.now())
        doc = receipt_document(receipt_content(s, app))
    assert "MPP Induk Tenggarong" in _text(render_pdf(doc, get_profile("default", 58)))


def test_pdf_is_reproducible(store, clock, application):
    with store.read() as s:
        doc = receipt_document(receipt_content(s, applications.find_application(s, application)))
    profile = get_profile("pos58", 58)
    assert render_pdf(doc, profile) == render_pdf(doc, profile)
    assert render_png(doc, profile) == render_png(doc, profile)


def test_info_sheet_and_test_page(store, clock):
    from kiosk.catalog import get_service, service_detail

    with store.read() as s:
        info = info_document(service_detail(get_service(s, "KTP")), now=clock.now())
    text = _text(render_pdf(info, get_profile("default", 80)))
    assert "Persyaratan" in text and "Fotokopi Kartu Keluarga" in text and "Gratis" in text
    page = templates.test_page_document(printer_uri="escpos+tcp://10.0.0.5:9100", profile=get_profile("tm-t20", 80),
                              now=clock.now())
    text = _text(render_pdf(page, get_profile("tm-t20", 80)))
    assert "HALAMAN UJI PRINTER" in text and "CP858" in text and "tm-t20" in text


def test_document_json_round_trip_and_copy_mark():
    from kiosk.printing.bitmaps import qr_image

    buf = io.BytesIO()
    qr_image("x", 2).save(buf, format="PNG")
    doc = Document("ticket", "id-1", "Tiket", [Text("A-001", size=4), Image(buf.getvalue())])
    again = Document.from_json(doc.to_json())
    assert again == doc
    copy = mark_copy(again)
    assert copy.blocks[0].text.startswith("*** SALINAN") and copy.blocks[-1].text.startswith("*** SALINAN")
    assert render_image(copy, get_profile("default", 58)).width == 384
