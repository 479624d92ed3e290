"""The QR and barcode bitmaps every renderer shares (ESC/POS where the printer draws no QR itself,
the PNG preview, the PDF), drawn by qrcode and python-barcode at the printer's dots."""

from __future__ import annotations

_EC_LEVELS = {"L": 1, "M": 0, "Q": 3, "H": 2}  # qrcode.constants.ERROR_CORRECT_*


def qr_matrix(data: str, ec: str = "M") -> list[list[bool]]:
    """The QR modules (no quiet zone: the paper around it is white)."""
    import qrcode

    code = qrcode.QRCode(version=None, error_correction=_EC_LEVELS.get(ec, 0), border=0)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def qr_image(data: str, module: int = 3, ec: str = "M"):
    """The QR as a 1-bit image, `module` pixels per module, black = print."""
    from PIL import Image as PILImage

    matrix = qr_matrix(data, ec)
    n = len(matrix)
    img = PILImage.frombytes("L", (n, n), bytes(0 if dark else 255 for row in matrix for dark in row))
    return img.resize((n * module, n * module), PILImage.NEAREST).convert("1")


def barcode_image(data: str, kind: str = "CODE128", height: int = 48, module_dots: int = 2):
    """A 1-D barcode drawn by python-barcode at the printer's 203 dpi, cropped to the bars."""
    import barcode
    from barcode.writer import ImageWriter
    from PIL import ImageOps

    code = barcode.get_barcode_class(kind.lower())(data, writer=ImageWriter())
    img = code.render({"module_width": module_dots * 25.4 / 203, "module_height": height * 25.4 / 203,
                       "quiet_zone": 0, "write_text": False, "dpi": 203})
    gray = img.convert("L")
    box = ImageOps.invert(gray).getbbox()
    return (gray.crop(box) if box else gray).convert("1")
