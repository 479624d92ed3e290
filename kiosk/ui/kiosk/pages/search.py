"""Cari layanan: everyday words ("ktp", "akta lahir", "pindah") -> the matching services, one touch each.

Common words are buttons (one touch fills the field); what is typed is matched by the `catalog.search` op
(the catalog's names and the everyday words of mpp/data/service_words.toml). Services no counter serves
here are not offered; when only such a service matches, the page says so.
"""

from __future__ import annotations

from kiosk.errors import KioskError
from kiosk.ui import i18n
from kiosk.ui.i18n import Translatable
from kiosk.ui.kiosk.pages.common import KIOSK_ACTOR, add_nav, page_layout, scroll_area
from kiosk.ui.qt import QGridLayout, QHBoxLayout, QLineEdit, QPushButton, Qt, QVBoxLayout, QWidget, Signal
from kiosk.ui.widgets.common import clear_layout, make_label, min_touch_px
from kiosk.ui.widgets.keyboard import TextKeyboard
from kiosk.ui.widgets.tiles import BigTile

QUICK_WORDS = ("KTP", "KK", "Akta", "Pindah", "BPJS", "SKCK", "Paspor", "STNK")
MAX_RESULTS = 6


class SearchPage(Translatable, QWidget):
    """`chosen(code)` when the citizen touches a service found."""

    chosen = Signal(str)
    back = Signal()
    home = Signal()

    def __init__(self, ctx, catalog, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.catalog = catalog  # () -> the kiosk's catalog (with availability)
        self.tiles: dict[str, BigTile] = {}
        self._found: list[dict] = []
        self._unavailable: list[dict] = []
        layout = page_layout(self, 10)
        top = QHBoxLayout()
        top.setSpacing(16)
        self.title = make_label(name="pageTitle")
        top.addWidget(self.title)
        self.input = QLineEdit()
        self.input.setObjectName("searchInput")
        self.input.setMaxLength(40)
        self.input.textChanged.connect(self.search)
        top.addWidget(self.input, 1)
        layout.addLayout(top)
        words = QHBoxLayout()
        words.setSpacing(10)
        self.word_buttons = []
        for word in QUICK_WORDS:
            button = QPushButton(word)
            button.setProperty("choice", True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(min_touch_px(self))
            button.clicked.connect(lambda _=False, w=word: self.input.setText(w))
            words.addWidget(button)
            self.word_buttons.append(button)
        layout.addLayout(words)
        results = QWidget()
        column = QVBoxLayout(results)
        column.setContentsMargins(0, 0, 0, 0)
        self.hint = make_label(name="pageHint", wrap=True)
        column.addWidget(self.hint)
        self.grid = QGridLayout()
        self.grid.setSpacing(14)
        column.addLayout(self.grid)
        column.addStretch(1)
        self.results = scroll_area(results, kinetic=False)
        self.results.setMinimumHeight(min_touch_px(self) + 16)  # one row of tiles, whole
        layout.addWidget(self.results, 1)
        self.keyboard = TextKeyboard(limit=40)
        self.keyboard.set_target(self.input)
        layout.addWidget(self.keyboard, 0)
        self.nav = add_nav(layout, self.back, self.home)
        self.retranslate()

    def reset(self) -> None:
        self.input.clear()
        self.search()
        self.input.setFocus()

    def search(self) -> None:
        """Match the field's words (the op), keep the available services, show them as tiles."""
        from kiosk.ops import catalog as catalog_ops

        text = self.input.text().strip()
        codes: list[str] = []
        if text:
            try:
                codes = self.ctx.run(catalog_ops.search_services, actor=KIOSK_ACTOR, text=text)
            except KioskError:
                codes = []
        by_code = {s["code"]: s for s in self.catalog()}
        found = [by_code[c] for c in codes if c in by_code]
        self._found = [s for s in found if s.get("available", True)][:MAX_RESULTS]
        self._unavailable = [s for s in found if not s.get("available", True)]
        self._build()

    def _build(self) -> None:
        clear_layout(self.grid)
        self.tiles = {}
        columns = max(1, min(3, len(self._found)))  # one row of tiles above the keyboard
        for index, service in enumerate(self._found):
            tile = BigTile(icon_name="ticket", tone="green", horizontal=True, icon_size=40)
            tile.setProperty("small", True)
            tile.clicked.connect(lambda _=False, k=service["code"]: self.chosen.emit(k))
            self.grid.addWidget(tile, index // columns, index % columns)
            self.tiles[service["code"]] = tile
        self._relabel()

    def _relabel(self) -> None:
        lang = self.language()
        for service in self._found:
            label = service.get("label_en" if lang == "en" else "label") or service["name"]
            subtitle = i18n.service_name(service, lang)
            if service.get("notice"):
                subtitle += " · " + self.tr("Loket sedang istirahat")
            self.tiles[service["code"]].set_texts(label, subtitle if subtitle != label else "")
        text = self.input.text().strip()
        if not text:
            self.hint.setText(self.tr("Ketik apa yang ingin Anda urus, atau sentuh salah satu kata di atas."))
        elif self._found:
            self.hint.setText("")  # the tiles say it: room for them above the keyboard
        elif self._unavailable:
            names = ", ".join(i18n.service_name(s, lang) for s in self._unavailable)
            self.hint.setText(self.tr("{names} belum dilayani di sini; silakan tanyakan petugas.").format(names=names))
        else:
            self.hint.setText(self.tr("Tidak ditemukan. Coba kata lain, mis. KTP, KK, akta, pindah."))

        self.hint.setVisible(bool(self.hint.text()))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Cari layanan"))
        self.input.setPlaceholderText(self.tr("mis. KTP, kartu keluarga, akta lahir"))
        self.keyboard.retranslate()
        self.nav.retranslate()
        self._relabel()
