"""The layout model: what a printout says, independent of the printer, and the line layout all renderers share.

A `Document` is a list of blocks (text, rule, columns, QR, barcode, image, feed, cut). It is stored as JSON in
a print job, so a job can be re-sent after a restart exactly as it was queued. `layout()` turns it into lines
for a paper of N columns (32 on 58 mm, 48 on 80 mm): the ESC/POS, PDF and PNG renderers all draw the same
lines, so the preview wraps where the paper does.
"""

from __future__ import annotations

import base64
import json
import textwrap
from dataclasses import asdict, dataclass, field, replace

ALIGNS = ("left", "center", "right")
MAX_SIZE = 8  # ESC/POS GS ! accepts 1..8 times


@dataclass(frozen=True)
class Text:
    """A paragraph, wrapped to the paper width; `size` magnifies width and height (1..8)."""

    text: str
    align: str = "left"
    bold: bool = False
    size: int = 1
    invert: bool = False
    indent: int = 0  # continuation lines start this many columns in (checklists)


@dataclass(frozen=True)
class Rule:
    """A full-width line."""

    char: str = "-"


@dataclass(frozen=True)
class Columns:
    """A label on the left and a value on the right of one line; wraps under the label when too long."""

    left: str
    right: str
    bold: bool = False


@dataclass(frozen=True)
class QR:
    """A QR code; `size` is printer dots per module."""

    data: str
    size: int = 6
    align: str = "center"
    ec: str = "M"


@dataclass(frozen=True)
class Barcode:
    """A 1-D barcode (CODE128 by default); `height` in printer dots."""

    data: str
    kind: str = "CODE128"
    height: int = 48
    align: str = "center"


@dataclass(frozen=True)
class Image:
    """A bitmap (PNG bytes), printed 1-bit at its pixel size; keep it small (a logo, not text)."""

    png: bytes
    align: str = "center"


@dataclass(frozen=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True)
class Cut:
    """Cut the paper here (only where the printer has a cutter; elsewhere a tear-off feed)."""


Block = Text | Rule | Columns | QR | Barcode | Image | Feed | Cut
_TYPES: dict[str, type] = {"text": Text, "rule": Rule, "columns": Columns, "qr": QR, "barcode": Barcode,
                           "image": Image, "feed": Feed, "cut": Cut}
_NAMES = {cls: name for name, cls in _TYPES.items()}


@dataclass
class Document:
    """A printout: what it is (`kind`, `ref`), a title for files and job names, and its blocks."""

    kind: str
    ref: str
    title: str = ""
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self

    # --- JSON (the print job's stored form) --------------------------------------------------------

    def to_dict(self) -> dict:
        items = []
        for block in self.blocks:
            data = {"t": _NAMES[type(block)], **asdict(block)}
            if isinstance(block, Image):
                data["png"] = base64.b64encode(block.png).decode("ascii")
            items.append(data)
        return {"v": 1, "kind": self.kind, "ref": self.ref, "title": self.title, "blocks": items}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: dict) -> Document:
        blocks: list[Block] = []
        for item in data.get("blocks", []):
            item = dict(item)
            kind = _TYPES.get(item.pop("t", None))
            if kind is None:
                raise ValueError(f"unknown block in print document: {item!r}")
            if kind is Image:
                item["png"] = base64.b64decode(item["png"])
            blocks.append(kind(**item))
        return cls(kind=data.get("kind", ""), ref=data.get("ref", ""), title=data.get("title", ""), blocks=blocks)

    @classmethod
    def from_json(cls, text: str) -> Document:
        return cls.from_dict(json.loads(text))


COPY_MARK = "*** SALINAN / COPY ***"


def mark_copy(doc: Document) -> Document:
    """The same document marked as a copy (reprint, or re-sent after a failure that may have printed part)."""
    banner = Text(COPY_MARK, align="center", bold=True, invert=True)
    blocks = list(doc.blocks)
    # Before the final cut/feed, so the tear-off part carries the mark too.
    tail = len(blocks)
    while tail and isinstance(blocks[tail - 1], Cut | Feed):
        tail -= 1
    blocks = [banner, *blocks[:tail], banner, *blocks[tail:]]
    return replace(doc, blocks=blocks)


# --- layout ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    """One printed line of text: already wrapped, at most `columns // size` characters."""

    text: str
    align: str = "left"
    bold: bool = False
    size: int = 1
    invert: bool = False


Laid = Line | QR | Barcode | Image | Feed | Cut


def _check(block: Block) -> None:
    align = getattr(block, "align", "left")
    if align not in ALIGNS:
        raise ValueError(f"align must be one of {ALIGNS}, not {align!r}")
    if isinstance(block, Text) and not 1 <= block.size <= MAX_SIZE:
        raise ValueError(f"text size must be 1..{MAX_SIZE}, not {block.size}")


def wrap(text: str, width: int, indent: int = 0) -> list[str]:
    """Word-wrap to `width` characters; explicit newlines are kept, empty text is one empty line."""
    width = max(1, width)
    lines: list[str] = []
    for para in str(text).split("\n"):
        if not para.strip():
            lines.append("")
            continue
        lines += textwrap.wrap(para, width, subsequent_indent=" " * min(indent, width - 1),
                               break_long_words=True, break_on_hyphens=False) or [""]
    return lines


def layout(doc: Document, columns: int) -> list[Laid]:
    """The document as lines and graphics for a paper `columns` characters wide (font A)."""
    out: list[Laid] = []
    for block in doc.blocks:
        _check(block)
        if isinstance(block, Text):
            for text in wrap(block.text, columns // block.size, block.indent):
                out.append(Line(text, block.align, block.bold, block.size, block.invert))
        elif isinstance(block, Rule):
            out.append(Line((block.char or "-")[0] * columns))
        elif isinstance(block, Columns):
            left, right = " ".join(block.left.split()), " ".join(block.right.split())
            if len(left) + 1 + len(right) <= columns:
                out.append(Line(left + " " * (columns - len(left) - len(right)) + right, bold=block.bold))
            else:
                out += [Line(t, bold=block.bold) for t in wrap(left, columns)]
                out += [Line("  " + t, bold=block.bold) for t in wrap(right, columns - 2)]
        else:
            out.append(block)
    return out
