"""The search tab (Cari permohonan): find an application, read its timeline, mark a local one ready or
rejected, hand over, reprint the receipt.

Every look at a citizen's record is audited (UU 27/2022): the ops record the search, the view and the print.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.errors import KioskError
from kiosk.ops import intake, printing
from kiosk.ui import i18n
from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from kiosk.ui.widgets.common import error_label, show_message

if TYPE_CHECKING:
    from kiosk.ui.counter.host import CounterHost


class ApplicationsTab(Translatable, QWidget):
    """Search by registration number / NIK / name; timeline; hand over; reprint the receipt."""

    def __init__(self, view: CounterHost):
        super().__init__()
        self.view = view
        self.results: list[dict] = []
        self.current: dict | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.query = QLineEdit()
        self.query.returnPressed.connect(self.search)
        self.search_button = QPushButton()
        self.search_button.setProperty("tone", "blue")
        self.search_button.clicked.connect(self.search)
        row.addWidget(self.query, 1)
        row.addWidget(self.search_button)
        layout.addLayout(row)
        self.message = error_label()
        layout.addWidget(self.message)
        splitter = QSplitter()
        self.table = QTableWidget(0, 4)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        splitter.addWidget(self.table)
        detail = QFrame()
        detail.setObjectName("card")
        d = QVBoxLayout(detail)
        self.detail_title = QLabel()
        self.detail_title.setObjectName("pageTitle")
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_body = QLabel()
        self.detail_body.setWordWrap(True)
        self.detail_body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.timeline = QListWidget()
        self.timeline.setObjectName("timeline")
        buttons = QHBoxLayout()
        self.hand_over_button = QPushButton()
        self.hand_over_button.setProperty("tone", "green")
        self.hand_over_button.clicked.connect(self.hand_over)
        self.reprint_button = QPushButton()
        self.reprint_button.clicked.connect(self.reprint)
        self.ready_button = QPushButton()
        self.ready_button.setProperty("tone", "blue")
        self.ready_button.clicked.connect(self.mark_ready)
        self.reject_button = QPushButton()
        self.reject_button.clicked.connect(self.reject)
        buttons.addWidget(self.ready_button)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.hand_over_button)
        buttons.addWidget(self.reprint_button)
        buttons.addStretch(1)
        self.detail_message = QLabel()
        self.detail_message.setWordWrap(True)
        self.detail_message.hide()
        d.addWidget(self.detail_title)
        d.addWidget(self.detail_body)
        d.addWidget(self.timeline, 1)
        d.addWidget(self.detail_message)
        d.addLayout(buttons)
        splitter.addWidget(detail)
        splitter.setSizes([500, 500])
        layout.addWidget(splitter, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.query.setPlaceholderText(self.tr("Nomor registrasi, NIK (16 angka) atau nama"))
        self.search_button.setText(self.tr("Cari"))
        self.table.setHorizontalHeaderLabels([self.tr("Nomor registrasi"), self.tr("Status"), self.tr("Nama"),
                                              self.tr("Layanan")])
        self.hand_over_button.setText(self.tr("Serahkan hasil"))
        self.ready_button.setText(self.tr("Tandai siap"))
        self.reject_button.setText(self.tr("Tolak (alasan)…"))
        self.reprint_button.setText(self.tr("Cetak ulang tanda terima"))
        self._show_detail()

    def search(self) -> None:
        """`application.search` (audited, as every look at citizens' records is)."""
        text = self.query.text().strip()
        if self.view.operator is None or not text:
            return
        try:
            self.results = self.view.act(intake.search_applications, query=text)
        except KioskError as exc:
            show_message(self.message, str(exc))
            return
        show_message(self.message, None if self.results else self.tr("Tidak ditemukan."))
        self.table.setRowCount(len(self.results))
        for row, r in enumerate(self.results):
            values = [r["registration_number"], i18n.label(i18n.APPLICATION_STATUS, r["status"], self.language()),
                      r["name"], r["service"]]
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.current = None
        self._show_detail()
        if len(self.results) == 1:
            self.table.selectRow(0)

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open(self.results[rows[0].row()]["registration_number"])

    def open(self, regno: str) -> None:
        """`application.show` (audited): the record and its timeline."""
        if self.view.operator is None:
            return
        try:
            self.current = self.view.act(intake.show_application, regno=regno)
        except KioskError as exc:
            show_message(self.message, str(exc))
            return
        show_message(self.detail_message, None)
        self._show_detail()

    def _show_detail(self) -> None:
        a = self.current
        self.timeline.clear()
        if a is None:
            self.detail_title.setText(self.tr("Pilih permohonan dari daftar"))
            self.detail_body.setText("")
            for button in (self.hand_over_button, self.reprint_button, self.ready_button, self.reject_button):
                button.setEnabled(False)
            return
        lang = self.language()
        self.detail_title.setText(f"{a['registration_number']}\n{a['service_name']}")
        docs = [f"{'✓' if ok else '✗'} {name}" for name, ok in a["documents"].items()]
        status = i18n.label(i18n.APPLICATION_STATUS, a["status"], lang)
        lines = [self.tr("Nama: {v}").format(v=a["name"]), f"NIK: {a['nik']}",
                 self.tr("No. HP: {v}").format(v=a["phone"] or "–"),
                 self.tr("Desa/kelurahan: {v}").format(v=a.get("desa_name") or a.get("desa_code") or "–"),
                 self.tr("Alamat: {v}").format(v=a["address"] or "–"),
                 self.tr("Status: {v}").format(v=status)]
        if a.get("reject_reason"):
            lines.append(self.tr("Alasan penolakan: {v}").format(v=a["reject_reason"]))
        self.detail_body.setText("\n".join(lines + docs))
        for h in a["history"]:
            when = h["at"][:16].replace("T", " ") if h["at"] else ""
            text = f"{when}   {i18n.label(i18n.APPLICATION_STATUS, h['to'], lang)}   ({h['actor']})"
            if h.get("reason"):
                text += f" — {h['reason']}"
            self.timeline.addItem(text)
        actions = self.view.ctx.run(intake.application_actions, status=a["status"], mode=a.get("service_mode"))
        self.hand_over_button.setEnabled(actions["hand_over"])
        self.ready_button.setEnabled(actions["ready"])
        self.reject_button.setEnabled(actions["reject"])
        self.reprint_button.setEnabled(True)

    def hand_over(self) -> None:
        if self.view.operator is None or self.current is None:
            return
        try:
            self.current = self.view.act(intake.hand_over, regno=self.current["registration_number"])
        except KioskError as exc:
            show_message(self.detail_message, str(exc), "fieldError")
            return
        show_message(self.detail_message, self.tr("Hasil diserahkan kepada pemohon."), "fieldOk")
        self._show_detail()

    def _set_status(self, status: str, reason: str | None = None) -> bool:
        """`application.set_status` (a service finished here; the op refuses one MPP Induk owns)."""
        try:
            self.current = self.view.act(intake.set_status, regno=self.current["registration_number"],
                                         status=status, reason=reason)
        except KioskError as exc:
            show_message(self.detail_message, str(exc), "fieldError")
            return False
        self._show_detail()
        return True

    def mark_ready(self) -> None:
        if self.view.operator is None or self.current is None:
            return
        if self._set_status("ready"):
            show_message(self.detail_message, self.tr("Ditandai siap diambil."), "fieldOk")

    def reject(self) -> None:
        if self.view.operator is None or self.current is None:
            return
        reason = self.view.ask_text(self.tr("Tolak permohonan"), self.tr("Alasan penolakan:"))
        if not reason:
            return
        if self._set_status("rejected", reason):
            show_message(self.detail_message, self.tr("Permohonan ditolak."), "fieldOk")

    def reprint(self) -> None:
        """`print.receipt`: one copy of the receipt, queued on this PC's printer."""
        if self.view.operator is None or self.current is None:
            return
        try:
            job = self.view.act(printing.print_receipt, regno=self.current["registration_number"])[0]
        except KioskError as exc:
            show_message(self.detail_message, str(exc), "fieldError")
            return
        if job.get("state") == "unavailable":
            show_message(self.detail_message, job.get("error"), "fieldError")
        else:
            show_message(self.detail_message, self.tr("Salinan tanda terima sedang dicetak."), "fieldOk")
