"""The TV's running text: central's lines (shown) and the site's own (`announcement.add/remove`)."""

from __future__ import annotations

from kiosk.ops import catalog
from kiosk.ui.counter.supervisor.base import SupervisorPage, fill, make_table, selected_row
from kiosk.ui.qt import QDoubleSpinBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout


class AnnouncementsPage(SupervisorPage):
    def __init__(self, view):
        super().__init__(view)
        self.rows: list[dict] = []
        layout = QVBoxLayout(self)
        self.table = make_table(3)
        self.table.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.text = QLineEdit()
        self.text.setMaxLength(300)
        self.text.returnPressed.connect(self.add)
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 744)
        self.hours.setDecimals(0)
        self.add_button = QPushButton()
        self.add_button.setProperty("tone", "green")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove)
        row.addWidget(self.text, 1)
        row.addWidget(self.hours)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.retranslate()
        self._selected()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Teks berjalan"), self.tr("Dari"), self.tr("Sampai")])
        self.text.setPlaceholderText(self.tr("Teks untuk layar TV, mis. Loket 2 istirahat pukul 12.00–13.00"))
        self.hours.setSpecialValueText(self.tr("sampai dihapus"))
        self.hours.setSuffix(self.tr(" jam"))
        self.add_button.setText(self.tr("Tayangkan"))
        self.remove_button.setText(self.tr("Hapus"))

    def refresh(self) -> None:
        self.rows = self.act(catalog.list_announcements) or []

        def when(value):
            return value[:16].replace("T", " ") if value else "–"

        fill(self.table, [[a["text"] + ("" if a["own"] else "  " + self.tr("(MPP Induk)")), when(a["starts_at"]),
                           when(a["ends_at"])] for a in self.rows])
        self._selected()

    def _selected(self) -> None:
        row = selected_row(self.table)
        self.remove_button.setEnabled(row is not None and row < len(self.rows) and self.rows[row]["own"])

    def add(self) -> None:
        hours = self.hours.value() or None
        if self.act(catalog.add_announcement, text=self.text.text(), hours=hours):
            self.text.clear()
            self.refresh()
            self.say(self.tr("Teks berjalan tayang di layar TV."))

    def remove(self) -> None:
        row = selected_row(self.table)
        if row is not None and self.act(catalog.remove_announcement, id=self.rows[row]["id"]):
            self.refresh()
            self.say(self.tr("Teks berjalan dihapus."))
