"""The home page: the most-used services one touch from a ticket, then Ambil Antrian (every service),
Info Layanan, Cek Status and Survei Kepuasan, and three smaller doors: search by everyday words, a
booking code, and the priority queue (optional, never a mandatory step).

A printer problem is said here first, before a citizen takes a ticket (tickets are still issued).
"""

from __future__ import annotations

from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import QGridLayout, QHBoxLayout, QLabel, QPushButton, Qt, QVBoxLayout, QWidget, Signal
from kiosk.ui.widgets.common import clear_layout, make_label, min_touch_px, set_prop
from kiosk.ui.widgets.tiles import BigTile


class HomePage(Translatable, QWidget):
    chosen = Signal(str)  # ticket | info | status | survey | search | booking | priority
    service_chosen = Signal(str)  # a popular service's code: a ticket at once

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 18, 32, 22)
        layout.setSpacing(16)
        self.prompt = QLabel()
        self.prompt.setObjectName("homePrompt")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        self.notice = make_label(name="homeNotice", wrap=True, align=Qt.AlignmentFlag.AlignCenter)
        self.notice.hide()
        layout.addWidget(self.notice)
        self.popular_row = QHBoxLayout()
        self.popular_row.setSpacing(20)
        layout.addLayout(self.popular_row, 5)
        self.popular: list[dict] = []
        self.popular_tiles: dict[str, BigTile] = {}  # code -> its tile, most used first
        self._tiles: list[BigTile] = []
        self.grid = QGridLayout()
        self.grid.setSpacing(20)
        self.tiles = {
            "ticket": BigTile(icon_name="ticket", tone="green", horizontal=True, icon_size=64),
            "info": BigTile(icon_name="info", tone="blue", horizontal=True, icon_size=64),
            "status": BigTile(icon_name="status", tone="orange", horizontal=True, icon_size=64),
            "survey": BigTile(icon_name="survey", tone="purple", horizontal=True, icon_size=64),
        }
        for index, (key, tile) in enumerate(self.tiles.items()):
            tile.setProperty("small", True)
            tile.clicked.connect(lambda _=False, k=key: self.chosen.emit(k))
            self.grid.addWidget(tile, index // 2, index % 2)
        layout.addLayout(self.grid, 5)
        doors = QGridLayout()
        doors.setSpacing(16)
        self.doors: dict[str, QPushButton] = {}
        for index, key in enumerate(("search", "booking", "priority")):
            button = QPushButton()
            button.setProperty("secondary", True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(min_touch_px(self))
            button.clicked.connect(lambda _=False, k=key: self.chosen.emit(k))
            doors.addWidget(button, index // 2, index % 2, 1, 2 if key == "priority" else 1)
            self.doors[key] = button
        layout.addLayout(doors)
        self._printer_problem = False
        self.retranslate()

    def set_popular(self, services: list[dict]) -> None:
        """The one-touch tiles: catalog entries ({code, label, label_en, name, notice...}), most used first.
        The tiles stay and are relabelled when only the order changes (it changes with every few tickets)."""
        if len(services) != len(self._tiles):
            clear_layout(self.popular_row)
            self._tiles = []
            for index in range(len(services)):
                tile = BigTile(icon_name="ticket", tone="teal", icon_size=72)
                tile.clicked.connect(lambda _=False, i=index: self.service_chosen.emit(self.popular[i]["code"]))
                self.popular_row.addWidget(tile, 1)
                self._tiles.append(tile)
        self.popular = list(services)
        self.popular_tiles = {service["code"]: tile for service, tile in zip(self.popular, self._tiles, strict=True)}
        self._relabel()

    def set_printer_problem(self, problem: bool) -> None:
        """Say before, not after, that tickets may not print (they are still issued)."""
        self._printer_problem = bool(problem)
        self.notice.setVisible(self._printer_problem)
        set_prop(self.notice, "tone", "error" if problem else "")
        self.retranslate()

    def _relabel(self) -> None:
        english = self.language() == "en"
        for service in self.popular:
            label = (service.get("label_en") if english else service.get("label")) or service["name"]
            if service.get("notice"):
                subtitle = self.tr("Loket sedang istirahat")
            else:
                subtitle = self.tr("Ambil nomor antrian")
            self.popular_tiles[service["code"]].set_texts(label, subtitle)

    def retranslate(self) -> None:
        self.prompt.setText(self.tr("Selamat datang! Mau mengurus apa hari ini? Sentuh untuk ambil nomor antrian."))
        self.notice.setText(self.tr("Printer sedang bermasalah — catat/foto nomor Anda setelah mengambil antrian."))
        self.tiles["ticket"].set_texts(self.tr("Ambil Antrian"), self.tr("Semua layanan, per instansi"))
        self.tiles["info"].set_texts(self.tr("Info Layanan"), self.tr("Persyaratan, waktu dan biaya"))
        self.tiles["status"].set_texts(self.tr("Cek Status"), self.tr("Lihat perkembangan permohonan Anda"))
        self.tiles["survey"].set_texts(self.tr("Survei Kepuasan"), self.tr("Beri nilai pelayanan kami"))
        self.doors["search"].setText(self.tr("Cari layanan"))
        self.doors["booking"].setText(self.tr("Punya kode booking?"))
        self.doors["priority"].setText(self.tr("Prioritas (lansia, disabilitas, ibu hamil)"))
        self._relabel()
