"""PDF via reportlab: a roll-sized PDF of a document (the `pdf://` printer, CUPS/Windows office printers), and
the A4 page frame the daily report uses. Fonts are embedded from resources/fonts and the files are made with
reportlab's `invariant` mode, so the same document gives the same bytes (tests compare them).
"""

from __future__ import annotations

import io
from functools import cache

from kiosk.printing.bitmaps import qr_matrix
from kiosk.printing.document import QR, Barcode, Cut, Document, Feed, Image, Line, layout
from kiosk.printing.escpos import Profile
from kiosk.printing.preview import CELL_H, CELL_W, LINE_H, font_path

MM = 72 / 25.4
DOT = 25.4 / 203 * MM  # one printer dot, in points
MONO, MONO_BOLD, SANS, SANS_BOLD = "KioskMono", "KioskMono-Bold", "KioskSans", "KioskSans-Bold"


@cache
def register_fonts() -> None:
    """Register the bundled DejaVu fonts with reportlab (once per process)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in ((MONO, "DejaVuSansMono"), (MONO_BOLD, "DejaVuSansMono-Bold"),
                       (SANS, "DejaVuSans"), (SANS_BOLD, "DejaVuSans-Bold")):
        pdfmetrics.registerFont(TTFont(name, font_path(file)))
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(MONO, 0, 0, MONO)
    addMapping(MONO, 1, 0, MONO_BOLD)


def render_pdf(doc: Document, profile: Profile) -> bytes:
    """The document on a page as wide as the paper roll and as long as the printout."""
    from reportlab.pdfgen import canvas

    register_fonts()
    items = layout(doc, profile.columns)
    margin = (profile.width_mm * MM - profile.dots * DOT) / 2
    heights = []
    for item in items:
        if isinstance(item, Line):
            heights.append((CELL_H * item.size + LINE_H - CELL_H) * DOT)
        elif isinstance(item, QR):
            heights.append(len(qr_matrix(item.data, item.ec)) * item.size * DOT + LINE_H * DOT)
        elif isinstance(item, Barcode):
            heights.append((item.height + LINE_H) * DOT)
        elif isinstance(item, Image):
            from PIL import Image as PILImage

            heights.append(PILImage.open(io.BytesIO(item.png)).height * DOT)
        elif isinstance(item, Feed):
            heights.append(LINE_H * item.lines * DOT)
        else:
            heights.append(LINE_H * DOT)
    page_w, page_h = profile.width_mm * MM, sum(heights) + 2 * 6 * MM
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(page_w, page_h), invariant=1, pageCompression=1)
    c.setTitle(doc.title or f"{doc.kind} {doc.ref}")
    c.setAuthor("Mini MPP Kiosk")
    top = page_h - 6 * MM
    for item, h in zip(items, heights, strict=True):
        if isinstance(item, Line):
            _line(c, item, margin, top, profile)
        elif isinstance(item, QR):
            _qr(c, item, margin, top, profile)
        elif isinstance(item, Barcode):
            _barcode(c, item, margin, top, profile)
        elif isinstance(item, Image):
            _image(c, item, margin, top, profile)
        elif isinstance(item, Cut):
            c.setDash(2, 2)
            c.setLineWidth(0.3)
            c.line(0, top - h / 2, page_w, top - h / 2)
            c.setDash()
        top -= h
    c.showPage()
    c.save()
    return buf.getvalue()


def _x(align: str, content: float, margin: float, profile: Profile) -> float:
    room = profile.dots * DOT
    if align == "center":
        return margin + max(0.0, (room - content) / 2)
    if align == "right":
        return margin + max(0.0, room - content)
    return margin


def _line(c, item: Line, margin: float, top: float, profile: Profile) -> None:
    text = item.text.rstrip() if item.align == "left" else item.text.strip()
    cell_w, cell_h = CELL_W * item.size * DOT, CELL_H * item.size * DOT
    # DejaVu Sans Mono advances 0.602 em: pick the size whose advance is exactly one printer cell.
    size = cell_w / 0.602
    x = _x(item.align, len(text) * cell_w, margin, profile)
    baseline = top - cell_h * 0.8
    if item.invert:
        c.setFillGray(0)
        c.rect(x, top - cell_h, len(text) * cell_w, cell_h, stroke=0, fill=1)
        c.setFillGray(1)
    c.setFont(MONO_BOLD if item.bold else MONO, size)
    c.drawString(x, baseline, text)
    c.setFillGray(0)


def _qr(c, item: QR, margin: float, top: float, profile: Profile) -> None:
    matrix = qr_matrix(item.data, item.ec)
    module = item.size * DOT
    x0 = _x(item.align, len(matrix) * module, margin, profile)
    c.setFillGray(0)
    for r, row in enumerate(matrix):
        for col, dark in enumerate(row):
            if dark:
                c.rect(x0 + col * module, top - (r + 1) * module, module, module, stroke=0, fill=1)


def _barcode(c, item: Barcode, margin: float, top: float, profile: Profile) -> None:
    from reportlab.graphics.barcode import createBarcodeDrawing
    from reportlab.graphics.shapes import Drawing

    drawing: Drawing = createBarcodeDrawing(item.kind.capitalize() if item.kind.upper() != "CODE128" else "Code128",
                                            value=item.data, barWidth=2 * DOT, barHeight=item.height * DOT,
                                            humanReadable=False, quiet=False)
    drawing.drawOn(c, _x(item.align, drawing.width, margin, profile), top - item.height * DOT)


def _image(c, item: Image, margin: float, top: float, profile: Profile) -> None:
    from PIL import Image as PILImage
    from reportlab.lib.utils import ImageReader

    img = PILImage.open(io.BytesIO(item.png)).convert("1")
    w, h = img.width * DOT, img.height * DOT
    c.drawImage(ImageReader(img.convert("RGB")), _x(item.align, w, margin, profile), top - h, w, h)


def a4_document(buf, title: str, author: str = "Mini MPP Kiosk"):
    """An A4 platypus document with our fonts registered and reproducible output."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    register_fonts()
    return SimpleDocTemplate(buf, pagesize=A4, title=title, author=author, invariant=1,
                             leftMargin=18 * MM, rightMargin=18 * MM, topMargin=16 * MM, bottomMargin=16 * MM)
