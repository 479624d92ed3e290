"""A grid of tiles to choose from: the agencies, then one agency's services."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.ui.i18n import Translatable
from kiosk.ui.kiosk.pages.common import add_nav, page_layout, scroll_area
from kiosk.ui.qt import QGridLayout, QWidget, Signal
from kiosk.ui.widgets.common import clear_layout, page_header
from kiosk.ui.widgets.tiles import BigTile


@dataclass(frozen=True)
class Choice:
    key: str
    title: str
    title_en: str = ""
    subtitle: str = ""
    subtitle_en: str = ""
    icon: str | None = None
    tone: str = "blue"


class ChoicePage(Translatable, QWidget):
    """A title and a grid of tiles (agencies or services); the tiles are reused when nothing changed."""

    chosen = Signal(str)
    back = Signal()
    home = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[Choice] = []
        self.tiles: dict[str, BigTile] = {}
        layout = page_layout(self, 16)
        self.title, self.hint = page_header(layout)
        self.grid = QGridLayout()
        self.grid.setSpacing(18)
        holder = QWidget()
        holder.setLayout(self.grid)
        self.scroll = scroll_area(holder)
        layout.addWidget(self.scroll, 1)
        self.nav = add_nav(layout, self.back, self.home)
        self._title_key: tuple[str, str] = ("", "")

    def show_choices(self, title: str, hint: str, items: list[Choice]) -> None:
        self._title_key = (title, hint)
        self.title.setText(title)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        if items != self.items:
            self.items = list(items)
            self._build()
        else:
            self._relabel()

    def _build(self) -> None:
        clear_layout(self.grid)
        self.tiles = {}
        count = len(self.items)
        columns = 1 if count <= 3 else 2 if count <= 8 else 3
        small = count > 4
        for index, item in enumerate(self.items):
            tile = BigTile(icon_name=item.icon, tone=item.tone, horizontal=True, icon_size=56 if small else 72)
            tile.setProperty("small", small)
            tile.clicked.connect(lambda _=False, k=item.key: self.chosen.emit(k))
            self.grid.addWidget(tile, index // columns, index % columns)
            self.tiles[item.key] = tile
        rows = (count + columns - 1) // columns
        for row in range(rows):
            self.grid.setRowStretch(row, 1)
        self._relabel()

    def _relabel(self) -> None:
        english = self.language() == "en"
        for item in self.items:
            tile = self.tiles[item.key]
            title = item.title_en if english and item.title_en else item.title
            subtitle = item.subtitle_en if english and item.subtitle_en else item.subtitle
            tile.set_texts(title, subtitle)

    def retranslate(self) -> None:
        self.nav.retranslate()
        self._relabel()
