"""Ambil Antrian, last question: is the citizen a priority (elderly, disabled, pregnant)?"""

from __future__ import annotations

from kiosk.ui.i18n import Translatable
from kiosk.ui.kiosk.pages.common import add_nav, page_layout
from kiosk.ui.qt import QHBoxLayout, QWidget, Signal
from kiosk.ui.widgets.common import page_header
from kiosk.ui.widgets.tiles import BigTile


class PriorityPage(Translatable, QWidget):
    chosen = Signal(object)  # None | "lansia" | "disabilitas" | "hamil"
    back = Signal()
    home = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = page_layout(self, 18)
        self.title, self.hint = page_header(layout)
        row = QHBoxLayout()
        row.setSpacing(18)
        self.tiles = {
            "lansia": BigTile(icon_name="lansia", tone="teal", icon_size=88),
            "disabilitas": BigTile(icon_name="disabilitas", tone="teal", icon_size=88),
            "hamil": BigTile(icon_name="hamil", tone="teal", icon_size=88),
        }
        for key, tile in self.tiles.items():
            tile.setProperty("small", True)
            tile.clicked.connect(lambda _=False, k=key: self.chosen.emit(k))
            row.addWidget(tile)
        layout.addLayout(row, 3)
        self.none_tile = BigTile(icon_name="person", tone="green", horizontal=True, icon_size=80)
        self.none_tile.clicked.connect(lambda: self.chosen.emit(None))
        layout.addWidget(self.none_tile, 2)
        self.nav = add_nav(layout, self.back, self.home)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Apakah Anda termasuk prioritas?"))
        self.hint.setText(self.tr("Lansia, penyandang disabilitas dan ibu hamil dilayani lebih dulu."))
        self.tiles["lansia"].set_texts(self.tr("Lansia"), self.tr("60 tahun ke atas"))
        self.tiles["disabilitas"].set_texts(self.tr("Disabilitas"), self.tr("Penyandang disabilitas"))
        self.tiles["hamil"].set_texts(self.tr("Ibu Hamil"), "")
        self.none_tile.set_texts(self.tr("Tidak, bukan prioritas"), self.tr("Ambil nomor antrian biasa"))
        self.nav.retranslate()
