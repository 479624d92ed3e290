"""Small charts as inline SVG, drawn on the server: no script, a few hundred bytes each."""

from __future__ import annotations

from markupsafe import Markup, escape


def bars(series: list[tuple[str, float]], *, width: int = 560, height: int = 160, title: str = "",
         highlight_last: bool = True) -> Markup:
    """Vertical bars with their labels under them and the value over each."""
    n = max(1, len(series))
    top = max((v for _, v in series), default=0) or 1
    pad_bottom, pad_top = 18, 16
    slot = width / n
    bar_w = max(4.0, slot * 0.7)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
             f"<title>{escape(title)}</title>"]
    for i, (label, value) in enumerate(series):
        h = (height - pad_bottom - pad_top) * (value / top)
        x = i * slot + (slot - bar_w) / 2
        y = height - pad_bottom - h
        cls = "bar now" if highlight_last and i == n - 1 else "bar"
        parts.append(f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}"/>')
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" class="v">{int(value)}</text>')
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{height - 4}" class="l">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def hbars(series: list[tuple[str, float, float]], *, width: int = 560, row: int = 18, title: str = "",
          unit: str = "") -> Markup:
    """Horizontal stacked bars (label, first part, second part): e.g. files in time and overdue per site."""
    label_w, value_w = 150, 60
    height = row * max(1, len(series)) + 4
    top = max((a + b for _, a, b in series), default=0) or 1
    span = width - label_w - value_w
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
             f"<title>{escape(title)}</title>"]
    for i, (label, a, b) in enumerate(series):
        y = i * row + 2
        wa, wb = span * a / top, span * b / top
        parts.append(f'<text x="{label_w - 6}" y="{y + row - 6}" class="hl">{escape(label)}</text>')
        parts.append(f'<rect class="bar" x="{label_w}" y="{y}" width="{wa:.1f}" height="{row - 5}"/>')
        parts.append(f'<rect class="bar late" x="{label_w + wa:.1f}" y="{y}" width="{wb:.1f}" height="{row - 5}"/>')
        parts.append(f'<text x="{label_w + wa + wb + 4:.1f}" y="{y + row - 6}" class="hv">{int(a + b)}{unit}'
                     + (f" ({int(b)})" if b else "") + "</text>")
    parts.append("</svg>")
    return Markup("".join(parts))


def qr_svg(data: str, *, scale: int = 6) -> Markup:
    """A QR code as an inline SVG path (qrcode's SVG factory, no image library involved)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=scale, border=2)
    text = image.to_string(encoding="unicode")
    if text.startswith("<?xml"):
        text = text.split("?>", 1)[1]
    return Markup(text)
