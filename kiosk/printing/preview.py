"""PNG preview via Pillow: what the paper will look like, at the paper's dot width (384 or 576 dots).

It draws the same laid-out lines as the printer (fixed 12 x 24-dot cells of font A, magnified by size), with
the text folded to the printer's code page, the QR at the same dots per module, in 1-bit like thermal paper.
"""

from __future__ import annotations

import io
from functools import cache

from kiosk.printing.bitmaps import barcode_image, qr_image
from kiosk.printing.document import QR, Barcode, Cut, Document, Feed, Image, Line, layout
from kiosk.printing.escpos import Profile, fold_text
from kiosk.resources import resource

CELL_W, CELL_H, LINE_H = 12, 24, 30  # font A cell and default line pitch (1/6 inch), in dots
MARGIN = 16


def font_path(name: str = "DejaVuSansMono") -> str:
    """A bundled TTF (resources/fonts), so previews and PDFs look the same on every PC."""
    return str(resource(f"fonts/{name}.ttf"))


@cache
def _font(bold: bool, size: int):
    from PIL import ImageFont

    # DejaVu Sans Mono advances 0.602 em: 20 px per 12-dot cell.
    return ImageFont.truetype(font_path("DejaVuSansMono-Bold" if bold else "DejaVuSansMono"), 20 * size)


def render_image(doc: Document, profile: Profile):
    """The document as a 1-bit Pillow image `profile.dots` wide."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    width = profile.dots
    pieces: list[tuple[str, object]] = []
    height = MARGIN
    for item in layout(doc, profile.columns):
        if isinstance(item, Line):
            pieces.append(("line", item))
            height += CELL_H * item.size + (LINE_H - CELL_H)
        elif isinstance(item, QR | Barcode | Image):
            if isinstance(item, QR):
                img = qr_image(item.data, item.size, item.ec)
            elif isinstance(item, Barcode):
                img = barcode_image(item.data, item.kind, item.height)
            else:
                img = PILImage.open(io.BytesIO(item.png)).convert("1")
            if img.width > width:
                img = img.resize((width, max(1, img.height * width // img.width)))
            pieces.append(("image", (item, img)))
            height += img.height + (LINE_H if isinstance(item, QR | Barcode) else 0)
        elif isinstance(item, Feed):
            pieces.append(("feed", item))
            height += LINE_H * item.lines
        elif isinstance(item, Cut):
            pieces.append(("cut", item))
            height += LINE_H
    height += MARGIN
    canvas = PILImage.new("1", (width, height), 1)
    draw = ImageDraw.Draw(canvas)
    y = MARGIN
    for what, item in pieces:
        if what == "line":
            text = fold_text(item.text.rstrip() if item.align == "left" else item.text.strip(), profile.codepage)
            cell_w, cell_h = CELL_W * item.size, CELL_H * item.size
            x0 = _x(item.align, len(text) * cell_w, width)
            if item.invert:
                draw.rectangle((x0, y, x0 + len(text) * cell_w - 1, y + cell_h - 1), fill=0)
            font = _font(item.bold, item.size)
            for i, char in enumerate(text):
                if char != " ":
                    draw.text((x0 + i * cell_w, y), char, font=font, fill=1 if item.invert else 0)
            y += cell_h + (LINE_H - CELL_H)
        elif what == "image":
            block, img = item
            canvas.paste(img, (_x(block.align, img.width, width), y))
            y += img.height + (LINE_H if isinstance(block, QR | Barcode) else 0)
        elif what == "feed":
            y += LINE_H * item.lines
        elif what == "cut":
            # Where the paper is cut (or torn off): a dashed line.
            for x in range(0, width, 12):
                draw.line((x, y + LINE_H // 2, x + 6, y + LINE_H // 2), fill=0)
            y += LINE_H
    return canvas


def _x(align: str, content: int, width: int) -> int:
    if align == "center":
        return max(0, (width - content) // 2)
    if align == "right":
        return max(0, width - content)
    return 0


def render_png(doc: Document, profile: Profile) -> bytes:
    """The preview as PNG bytes."""
    buf = io.BytesIO()
    render_image(doc, profile).save(buf, format="PNG", optimize=True)
    return buf.getvalue()
