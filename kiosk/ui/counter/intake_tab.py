"""The intake tab (Permohonan baru): the form, live NIK / phone checks, the draft, Simpan & Cetak."""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from kiosk.errors import KioskError
from kiosk.ops import catalog, intake
from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from kiosk.ui.widgets.common import clear_layout, error_label, set_prop, show_message

if TYPE_CHECKING:
    from kiosk.ui.counter.host import CounterHost

log = logging.getLogger(__name__)
DRAFT_DELAY_MS = 400


class IntakeTab(Translatable, QWidget):
    """Permohonan baru. Inline validation by the domain's own validators; the draft survives interruptions."""

    def __init__(self, view: CounterHost):
        super().__init__()
        self.view = view
        self.doc_boxes: dict[str, QCheckBox] = {}
        self._loading = False
        self._loaded = False  # the pickers and the draft are in: from now on the form is the draft
        self._nik_ok = self._phone_ok = False
        self._banner_for_fields = False  # the banner says "Periksa isian…": it goes once they are right
        self._services: list[dict] = []
        self.last_result: dict | None = None
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)

        outer = QVBoxLayout(self)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        outer.addWidget(self.result)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.scroll = scroll
        columns = QHBoxLayout(body)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.service = QComboBox()
        self.nik = QLineEdit()
        self.nik.setMaxLength(20)
        self.nik_msg = error_label()
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        self.phone = QLineEdit()
        self.phone.setMaxLength(20)
        self.phone_msg = error_label()
        self.desa = QComboBox()
        self.desa.setEditable(True)
        self.desa.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.desa.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.desa.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.address = QLineEdit()
        self.address.setMaxLength(300)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        self.link_ticket = QCheckBox()
        self.two_copies = QCheckBox()
        self.labels = {key: QLabel() for key in ("service", "nik", "name", "phone", "desa", "address", "notes")}
        form.addRow(self.labels["service"], self.service)
        # A field's message sits beside it, so messages appearing never make the form taller (no scrolling).
        form.addRow(self.labels["nik"], self._beside(self.nik, self.nik_msg))
        form.addRow(self.labels["name"], self.name)
        form.addRow(self.labels["phone"], self._beside(self.phone, self.phone_msg))
        form.addRow(self.labels["desa"], self.desa)
        form.addRow(self.labels["address"], self.address)
        form.addRow(self.labels["notes"], self.notes)
        form.addRow("", self.link_ticket)
        form.addRow("", self.two_copies)
        columns.addLayout(form, 3)
        self.docs_group = QGroupBox()
        self.docs_layout = QVBoxLayout(self.docs_group)
        docs_column = QVBoxLayout()
        docs_column.addWidget(self.docs_group)
        docs_column.addStretch(1)
        columns.addLayout(docs_column, 2)

        self.form_error = QLabel()
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        outer.addWidget(self.form_error)
        buttons = QHBoxLayout()
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear_form)
        self.save_button = QPushButton()
        self.save_button.setProperty("tone", "green")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)

        self.service.currentIndexChanged.connect(self._service_changed)
        self.nik.textChanged.connect(self.check_nik)
        self.phone.textChanged.connect(self.check_phone)
        for widget in (self.nik, self.name, self.phone, self.address):
            widget.textChanged.connect(self._changed)
        self.desa.currentTextChanged.connect(self._changed)
        self.notes.textChanged.connect(self._changed)
        self.link_ticket.toggled.connect(self._changed)
        self.retranslate()

    @staticmethod
    def _beside(field: QLineEdit, message: QLabel) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        field.setMaximumWidth(260)
        field.setMinimumWidth(200)
        message.setWordWrap(True)
        row.addWidget(field)
        row.addWidget(message, 1)
        return row

    # --- set-up ---------------------------------------------------------------------------------------------

    def load(self) -> None:
        """Fill the pickers (services a counter takes in, desa of this kecamatan) and restore the draft."""
        ctx = self.view.ctx
        self._loading = True
        try:
            self._services = self.view.act(intake.intake_services)
            self.service.clear()
            for s in self._services:
                self.service.addItem(f"{s['name']}  ({s['code']})", s["code"])
            site = ctx.site()
            self.desa.clear()
            self.desa.addItem("", None)
            if site:
                for desa in sorted(ctx.run(catalog.list_desa, site=site["code"]), key=lambda d: d["name"]):
                    self.desa.addItem(f"{desa['name']}  ({desa['code']})", desa["code"])
            self._service_changed()
        finally:
            self._loading = False
        self.restore_draft()
        self._loaded = True

    def retranslate(self) -> None:
        texts = {"service": self.tr("Layanan"), "nik": self.tr("NIK"), "name": self.tr("Nama pemohon"),
                 "phone": self.tr("No. HP"), "desa": self.tr("Desa/Kelurahan"), "address": self.tr("Alamat"),
                 "notes": self.tr("Catatan")}
        for key, label in self.labels.items():
            label.setText(texts[key])
        self.nik.setPlaceholderText(self.tr("16 angka sesuai KTP/KK"))
        self.phone.setPlaceholderText(self.tr("mis. 0812-3456-7890 (boleh kosong)"))
        self.desa.lineEdit().setPlaceholderText(self.tr("ketik untuk mencari desa/kelurahan"))
        self.address.setPlaceholderText(self.tr("RT, jalan, nomor rumah"))
        self.docs_group.setTitle(self.tr("Dokumen yang diterima"))
        self.clear_button.setText(self.tr("Kosongkan formulir"))
        self.save_button.setText(self.tr("Simpan && Cetak Tanda Terima"))
        self.two_copies.setText(self.tr("Cetak 2 lembar (pemohon + arsip)"))
        self._update_link_text()

    def _update_link_text(self) -> None:
        active = self.view.queue_tab.active if hasattr(self.view, "queue_tab") else None
        if active:
            self.link_ticket.setText(self.tr("Tautkan ke tiket {n} yang sedang dilayani").format(n=active["number"]))
            self.link_ticket.setEnabled(True)
        else:
            self.link_ticket.setText(self.tr("Tidak ada tiket yang sedang dilayani"))
            self.link_ticket.setChecked(False)
            self.link_ticket.setEnabled(False)

    def current_service(self) -> dict | None:
        code = self.service.currentData()
        return next((s for s in self._services if s["code"] == code), None)

    def _service_changed(self) -> None:
        clear_layout(self.docs_layout)
        self.doc_boxes = {}
        service = self.current_service()
        for requirement in (service or {}).get("requirements", []):
            box = QCheckBox(requirement)
            box.toggled.connect(self._changed)
            self.docs_layout.addWidget(box)
            self.doc_boxes[requirement] = box
        if not self.doc_boxes:
            self.docs_layout.addWidget(QLabel(self.tr("Layanan ini tidak punya daftar persyaratan.")))
        self._changed()

    # --- inline validation (the domain's validators, through `application.check_nik/check_phone`) -----------

    def _fields_fixed(self) -> None:
        """A "Periksa isian…" banner goes once the fields it pointed at are right (no stale red)."""
        if self._banner_for_fields and self.form_error.isVisible() and self._nik_ok and self._phone_ok:
            show_message(self.form_error, None)
            self._banner_for_fields = False

    def check_nik(self) -> bool:
        self._nik_ok = ok = self._check_nik()
        self._fields_fixed()
        return ok

    def check_phone(self) -> bool:
        self._phone_ok = ok = self._check_phone()
        self._fields_fixed()
        return ok

    def _check_nik(self) -> bool:
        found = self.view.ctx.run(intake.check_nik, nik=self.nik.text())
        if not found["digits"]:
            show_message(self.nik_msg, None)
            set_prop(self.nik, "invalid", False)
            set_prop(self.nik, "valid", False)
            return False
        if not found["complete"]:
            show_message(self.nik_msg, self.tr("{n} dari 16 angka").format(n=found["digits"]), "fieldWarn")
            set_prop(self.nik, "invalid", False)
            set_prop(self.nik, "valid", False)
            return False
        if not found["ok"]:
            show_message(self.nik_msg, found["error"], "fieldError")
            set_prop(self.nik, "invalid", True)
            set_prop(self.nik, "valid", False)
            return False
        born = date.fromisoformat(found["birth_date"])
        sex_text = self.tr("perempuan") if found["sex"] == "P" else self.tr("laki-laki")
        message = "✓ " + self.tr("lahir {d}, {s}").format(d=born.strftime("%d-%m-%Y"), s=sex_text)
        if found["warnings"]:
            show_message(self.nik_msg, message + " · ⚠ " + "; ".join(found["warnings"]), "fieldWarn")
        else:
            show_message(self.nik_msg, message, "fieldOk")
        set_prop(self.nik, "invalid", False)
        set_prop(self.nik, "valid", True)
        return True

    def _check_phone(self) -> bool:
        found = self.view.ctx.run(intake.check_phone, phone=self.phone.text())
        if not found["ok"]:
            show_message(self.phone_msg, found["error"], "fieldError")
            set_prop(self.phone, "invalid", True)
            return False
        if found["phone"] is None:  # nothing typed: the number is optional
            show_message(self.phone_msg, None)
        else:
            show_message(self.phone_msg, "✓ " + found["phone"], "fieldOk")
        set_prop(self.phone, "invalid", False)
        return True

    # --- draft (`application.save_draft/load_draft/clear_draft`: a file in the data dir) --------------------

    def form_values(self) -> dict:
        return {
            "service": self.service.currentData(), "nik": self.nik.text(), "name": self.name.text(),
            "phone": self.phone.text(), "desa": self.desa.currentData() if self.desa.currentIndex() > 0 else None,
            "desa_text": self.desa.currentText(), "address": self.address.text(),
            "documents": [req for req, box in self.doc_boxes.items() if box.isChecked()],
            "notes": self.notes.toPlainText(), "link_ticket": self.link_ticket.isChecked(),
        }

    def _is_empty(self, values: dict) -> bool:
        return not any(values[k] for k in ("nik", "name", "phone", "address", "notes", "documents"))

    def _changed(self, *_args) -> None:
        if not self._loading:
            self._draft_timer.start()

    def save_draft(self) -> None:
        """Kept for this counter, so a phone call, a logout or a power cut loses nothing typed."""
        if not self._loaded:  # never signed in: the form is not the draft (closing must not wipe it)
            return
        values, counter = self.form_values(), self.view.ctx.counter
        try:
            if self._is_empty(values):
                self.view.ctx.run(intake.clear_draft, counter=counter)
            else:
                self.view.ctx.run(intake.save_draft, counter=counter, draft=values)
        except KioskError as exc:  # the form itself is intact: the operator carries on
            log.warning("intake draft not saved: %s", exc)

    def restore_draft(self) -> bool:
        values = self.view.ctx.run(intake.load_draft, counter=self.view.ctx.counter)
        if values is None:
            return False
        self._loading = True
        try:
            index = self.service.findData(values.get("service"))
            if index >= 0:
                self.service.setCurrentIndex(index)
            self.nik.setText(values.get("nik", ""))
            self.name.setText(values.get("name", ""))
            self.phone.setText(values.get("phone", ""))
            index = self.desa.findData(values.get("desa")) if values.get("desa") else -1
            if index >= 0:
                self.desa.setCurrentIndex(index)
            else:
                self.desa.setEditText(values.get("desa_text", ""))
            self.address.setText(values.get("address", ""))
            for req in values.get("documents", []):
                if req in self.doc_boxes:
                    self.doc_boxes[req].setChecked(True)
            self.notes.setPlainText(values.get("notes", ""))
        finally:
            self._loading = False
        return True

    def clear_form(self) -> None:
        self._loading = True
        try:
            for widget in (self.nik, self.name, self.phone, self.address):
                widget.clear()
            self.desa.setCurrentIndex(0)
            self.notes.clear()
            for box in self.doc_boxes.values():
                box.setChecked(False)
            self.link_ticket.setChecked(False)
        finally:
            self._loading = False
        show_message(self.form_error, None)
        self._draft_timer.stop()
        self.view.ctx.run(intake.clear_draft, counter=self.view.ctx.counter)

    # --- save -------------------------------------------------------------------------------------------------

    def save(self) -> dict | None:
        """Simpan & Cetak Tanda Terima: `application.new` with its receipt(s) queued in the same transaction."""
        nik_ok = self.check_nik()
        if not nik_ok and not self.nik_msg.isVisible():
            show_message(self.nik_msg, self.tr("NIK wajib diisi (16 angka)"), "fieldError")
            set_prop(self.nik, "invalid", True)
        phone_ok = self.check_phone()
        if not nik_ok or not phone_ok:
            show_message(self.form_error, self.tr("Periksa isian yang ditandai merah."))
            self._banner_for_fields = True
            (self.nik if not nik_ok else self.phone).setFocus()
            return None
        values = self.form_values()
        desa_text = values["desa_text"].strip()
        if values["desa"] is None and desa_text:
            show_message(self.form_error, self.tr("Pilih desa/kelurahan dari daftar (atau kosongkan)."))
            self._banner_for_fields = False
            self.desa.setFocus()
            return None
        if self.view.operator is None:
            return None
        active = self.view.queue_tab.active
        try:
            data = self.view.act(
                intake.new_application, service=values["service"] or "", nik=values["nik"], name=values["name"],
                phone=values["phone"] or None, desa=values["desa"], address=values["address"] or None,
                documents=values["documents"], notes=values["notes"] or None,
                ticket=active["id"] if values["link_ticket"] and active else None,
                print=True, copies=2 if self.two_copies.isChecked() else 1)
        except KioskError as exc:
            show_message(self.form_error, str(exc))
            self._banner_for_fields = False
            return None
        show_message(self.form_error, None)
        job = data["prints"][0]
        self.last_result = {**data, "print": job}
        text = self.tr("Tersimpan: {r} — {n} ({s}).").format(r=data["registration_number"], n=data["name"],
                                                               s=data["service"])
        if job.get("state") == "unavailable":
            text += " " + self.tr("Tanda terima belum tercetak: {e}").format(e=job.get("error"))
        else:
            text += " " + self.tr("Tanda terima sedang dicetak.")
        for warning in data.get("warnings") or []:
            text += "\n⚠ " + warning
        show_message(self.result, text, "formOk")
        self.clear_form()
        self.nik.setFocus()
        return data
