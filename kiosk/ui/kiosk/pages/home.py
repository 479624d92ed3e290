"""The home page: four big tiles (Ambil Antrian, Info Layanan, Cek Status, Survei Kepuasan)."""

from __future__ import annotations

from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import QGridLayout, QLabel, Qt, QVBoxLayout, QWidget, Signal
from kiosk.ui.widgets.tiles import BigTile


class HomePage(Translatable, QWidget):
    chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 28)
        layout.setSpacing(20)
        self.prompt = QLabel()
        self.prompt.setObjectName("homePrompt")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.prompt)
        grid = QGridLayout()
        grid.setSpacing(24)
        self.tiles = {
            "ticket": BigTile(icon_name="ticket", tone="green", icon_size=96),
            "info": BigTile(icon_name="info", tone="blue", icon_size=96),
            "status": BigTile(icon_name="status", tone="orange", icon_size=96),
            "survey": BigTile(icon_name="survey", tone="purple", icon_size=96),
        }
        for index, (key, tile) in enumerate(self.tiles.items()):
            tile.clicked.connect(lambda _=False, k=key: self.chosen.emit(k))
            grid.addWidget(tile, index // 2, index % 2)
        layout.addLayout(grid, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.prompt.setText(self.tr("Selamat datang! Sentuh salah satu tombol di bawah ini."))
        self.tiles["ticket"].set_texts(self.tr("Ambil Antrian"), self.tr("Ambil nomor untuk dilayani di loket"))
        self.tiles["info"].set_texts(self.tr("Info Layanan"), self.tr("Persyaratan, waktu dan biaya"))
        self.tiles["status"].set_texts(self.tr("Cek Status"), self.tr("Lihat perkembangan permohonan Anda"))
        self.tiles["survey"].set_texts(self.tr("Survei Kepuasan"), self.tr("Beri nilai pelayanan kami"))
