"""The operator's counter app (keyboard first): login, queue, application intake, search, supervisor tools.

F1 Panggil berikutnya · F2 Panggil ulang · F3 Layani · F4 Selesai · F5 Tidak hadir · F6 Transfer.
Every action is one domain call in one transaction (`UiContext.write`); rules and validation live in
`kiosk.tickets` / `kiosk.applications`, and their messages are shown where the operator is looking.
"""

from __future__ import annotations

import json
import os
from datetime import date

from kiosk.clock import SITE_TZ
from kiosk.errors import KioskError
from kiosk.ui import i18n
from kiosk.ui.admin import login_operator
from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDate,
    QDateEdit,
    QDesktopServices,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QShortcut,
    QSplitter,
    QStackedWidget,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimer,
    QUrl,
    QVBoxLayout,
    QWidget,
)
from kiosk.ui.widgets.common import LoginForm, clear_layout, error_label, set_prop
from kiosk.ui.widgets.indicators import PrinterIndicator, SyncIndicator

DRAFT_DELAY_MS = 400
SUPERVISOR_ROLES = ("supervisor", "technician")


def _show(label: QLabel, text: str | None, name: str | None = None) -> None:
    if name:
        label.setObjectName(name)
        label.style().unpolish(label)
        label.style().polish(label)
    label.setText(text or "")
    label.setVisible(bool(text))


# --- login -----------------------------------------------------------------------------------------------

class LoginPage(Translatable, QWidget):
    def __init__(self, view: CounterView):
        super().__init__()
        self.view = view
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame()
        card.setObjectName("loginCard")
        card.setMinimumWidth(460)
        card.setMaximumWidth(560)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        self.title = QLabel()
        self.title.setObjectName("loginTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.form = LoginForm()
        self.username, self.pin = self.form.username, self.form.pin
        layout.addLayout(self.form)
        self.error = error_label()
        layout.addWidget(self.error)
        self.login_button = QPushButton()
        self.login_button.setProperty("tone", "blue")
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.submit)
        self.pin.returnPressed.connect(self.submit)
        layout.addWidget(self.login_button)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Loket {n} — masuk petugas").format(n=self.view.ctx.counter))
        self.form.set_labels(self.tr("Nama pengguna"), self.tr("PIN"))
        self.login_button.setText(self.tr("Masuk"))

    def submit(self) -> None:
        try:
            operator = login_operator(self.view.ctx, self.username.text(), self.pin.text())
        except KioskError as exc:
            self.pin.clear()
            _show(self.error, str(exc))
            return
        _show(self.error, None)
        self.pin.clear()
        self.view.logged_in(operator)


# --- queue -------------------------------------------------------------------------------------------------

class TransferDialog(Translatable, QDialog):
    def __init__(self, services: list[dict], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transfer ke layanan lain"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Alihkan warga ini ke layanan:")))
        self.combo = QComboBox()
        for s in services:
            self.combo.addItem(f"{s['prefix']}  {s['name']}", s["code"])
        layout.addWidget(self.combo)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("Transfer"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setProperty("tone", "blue")
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> str:
        return self.combo.currentData()


class QueueTab(Translatable, QWidget):
    """Current ticket (large) with F1–F6 actions; the waiting tickets this counter can call."""

    ACTIONS = ("call", "recall", "start", "finish", "no_show", "transfer", "return")
    KEYS = {"call": "F1", "recall": "F2", "start": "F3", "finish": "F4", "no_show": "F5", "transfer": "F6"}

    def __init__(self, view: CounterView):
        super().__init__()
        self.view = view
        self.active: dict | None = None
        self.waiting: list[dict] = []
        layout = QHBoxLayout(self)
        layout.setSpacing(16)

        card = QFrame()
        card.setObjectName("card")
        left = QVBoxLayout(card)
        left.setSpacing(10)
        self.current_title = QLabel()
        self.current_title.setObjectName("pageTitle")
        self.number = QLabel("—")
        self.number.setObjectName("currentNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.info = QLabel()
        self.info.setObjectName("currentInfo")
        self.info.setWordWrap(True)
        self.info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.current_title)
        left.addWidget(self.number)
        left.addWidget(self.info)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for index, action in enumerate(self.ACTIONS):
            button = QPushButton()
            button.setProperty("action", True)
            if action == "call":
                button.setProperty("tone", "green")
            elif action == "finish":
                button.setProperty("tone", "blue")
            button.clicked.connect(lambda _=False, a=action: self.run(a))
            grid.addWidget(button, index // 2, index % 2)
            self.buttons[action] = button
        left.addLayout(grid)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        left.addWidget(self.message)
        left.addStretch(1)
        layout.addWidget(card, 5)

        right = QVBoxLayout()
        self.waiting_title = QLabel()
        self.waiting_title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        right.addWidget(self.waiting_title)
        right.addWidget(self.summary)
        right.addWidget(self.table, 1)
        layout.addLayout(right, 6)

        for action, key in self.KEYS.items():
            shortcut = QShortcut(QKeySequence(key), view)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda a=action: self.view.is_logged_in() and self.run(a))
        self.retranslate()

    def retranslate(self) -> None:
        labels = {
            "call": self.tr("Panggil berikutnya"), "recall": self.tr("Panggil ulang"), "start": self.tr("Layani"),
            "finish": self.tr("Selesai"), "no_show": self.tr("Tidak hadir"), "transfer": self.tr("Transfer…"),
            "return": self.tr("Kembalikan ke antrian"),
        }
        for action, button in self.buttons.items():
            key = self.KEYS.get(action)
            button.setText(f"{key}   {labels[action]}" if key else labels[action])
        self.waiting_title.setText(self.tr("Menunggu"))
        self.table.setHorizontalHeaderLabels([self.tr("Nomor"), self.tr("Layanan"), self.tr("Prioritas"),
                                              self.tr("Menunggu")])
        self.show_data()

    def refresh(self) -> None:
        from kiosk.ui import readmodel

        ctx = self.view.ctx
        now = ctx.now()
        try:
            data = ctx.read(lambda s: readmodel.waiting_for_counter(s, ctx.counter, now))
        except KioskError as exc:
            self.active, self.waiting = None, []
            self._not_configured = str(exc)
        else:
            self._not_configured = None
            self.active, self.waiting = data["active"], data["waiting"]
        self.show_data()

    def show_data(self) -> None:
        active = self.active
        lang = self.language()
        if active is None:
            self.current_title.setText(self.tr("Tidak ada tiket aktif"))
            self.number.setText("—")
            self.info.setText(self.tr("Tekan F1 untuk memanggil nomor berikutnya."))
        else:
            self.current_title.setText(self.tr("Sedang dilayani") if active["status"] == "serving"
                                       else self.tr("Dipanggil"))
            self.number.setText(active["number"])
            parts = [self.view.service_label(active["service"])]
            if active.get("priority"):
                parts.append("★ " + i18n.label(i18n.PRIORITY, active["priority"], lang))
            if active.get("recall_count"):
                parts.append(self.tr("dipanggil ulang {n}×").format(n=active["recall_count"]))
            self.info.setText("  ·  ".join(parts))
        status = active["status"] if active else None
        enabled = {
            "call": status is None, "recall": status == "called", "start": status == "called",
            "finish": status == "serving", "no_show": status == "called", "transfer": status == "serving",
            "return": status == "called",
        }
        for action, button in self.buttons.items():
            button.setEnabled(enabled[action])
        now = self.view.ctx.now()
        self.table.setRowCount(len(self.waiting))
        counts: dict[str, int] = {}
        for row, t in enumerate(self.waiting):
            counts[t["service"]] = counts.get(t["service"], 0) + 1
            minutes = max(0, int((now - t["arrival_at"]).total_seconds() // 60))
            priority = ("★ " + i18n.label(i18n.PRIORITY, t["priority"], lang)) if t["priority"] else ""
            values = [t["number"], self.view.service_label(t["service"]), priority,
                      self.tr("{m} menit").format(m=minutes)]
            for col, value in enumerate(values):
                item = self.table.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, col, item)
                item.setText(value)
        if getattr(self, "_not_configured", None):
            self.summary.setText(self._not_configured)
        else:
            summary = "  ·  ".join(f"{code}: {n}" for code, n in sorted(counts.items()))
            self.summary.setText(summary or self.tr("Tidak ada yang menunggu."))

    def say(self, text: str | None, error: bool = False) -> None:
        _show(self.message, text, "fieldError" if error else "fieldOk")

    def run(self, action: str) -> None:
        """One button = one domain call in one transaction."""
        from kiosk import tickets

        ctx, op = self.view.ctx, self.view.operator
        if op is None:
            return
        actor, counter, now = op["username"], ctx.counter, ctx.now()
        ref = self.active["id"] if self.active else None
        if action == "transfer":
            target = self.view.ask_transfer(self.active["service"] if self.active else None)
            if not target:
                return
            self.transfer_to(target)
            return
        simple = {"recall": tickets.recall, "start": tickets.start_service, "finish": tickets.finish,
                  "no_show": tickets.no_show, "return": tickets.return_to_queue}
        try:
            if action == "call":
                result = ctx.write(lambda s: tickets.ticket_dict(s, tickets.call_next(
                    s, counter, now=now, actor=actor, max_priority_in_row=ctx.settings.max_priority_in_row),
                    with_estimate=False))
            elif ref is None:
                return
            else:
                result = ctx.write(lambda s: tickets.ticket_dict(
                    s, simple[action](s, ref, counter, now=now, actor=actor), with_estimate=False))
        except KioskError as exc:
            self.say(str(exc), error=True)
            self.refresh()
            return
        done = {
            "call": self.tr("Nomor {n} dipanggil ke loket {c}."), "recall": self.tr("Nomor {n} dipanggil ulang."),
            "start": self.tr("Melayani {n}."), "finish": self.tr("{n} selesai."),
            "no_show": self.tr("{n} tidak hadir."), "return": self.tr("{n} dikembalikan ke antrian."),
        }[action]
        self.say(done.format(n=result["number"], c=counter))
        self.refresh()

    def transfer_to(self, service_code: str) -> None:
        from kiosk import tickets

        ctx, op = self.view.ctx, self.view.operator
        if op is None or self.active is None:
            return
        ref, now, bridge = self.active["id"], ctx.now(), ctx.bridge

        def move(s) -> dict:
            ticket = tickets.transfer(s, ref, service_code, ctx.counter, now=now, actor=op["username"])
            data = tickets.ticket_dict(s, ticket, with_estimate=False)
            data["print"] = bridge.queue_print_in(s, "ticket", ticket.id, actor=op["username"])
            return data

        try:
            new = ctx.write(move)
        except KioskError as exc:
            self.say(str(exc), error=True)
            return
        bridge.jobs_queued(new["print"])
        self.say(self.tr("Dialihkan: nomor baru {n} ({s}); tiketnya dicetak untuk warga.").format(
            n=new["number"], s=new["service"]))
        self.refresh()


# --- intake --------------------------------------------------------------------------------------------------

class IntakeTab(Translatable, QWidget):
    """Permohonan baru. Inline validation by the domain's own validators; the draft survives interruptions."""

    def __init__(self, view: CounterView):
        super().__init__()
        self.view = view
        self.doc_boxes: dict[str, QCheckBox] = {}
        self._loading = False
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
        form.addRow(self.labels["nik"], self.nik)
        form.addRow("", self.nik_msg)
        form.addRow(self.labels["name"], self.name)
        form.addRow(self.labels["phone"], self.phone)
        form.addRow("", self.phone_msg)
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

    # --- set-up ---------------------------------------------------------------------------------------------

    def load(self) -> None:
        """Fill the pickers (services of this site, desa of this kecamatan) and restore the draft."""
        from kiosk import catalog
        from kiosk.resources import desa_of

        self._loading = True
        try:
            self._services = self.view.ctx.read(lambda s: [
                {"code": x.code, "name": x.name, "prefix": x.prefix, "requirements": list(x.requirements or []),
                 "mode": x.mode} for x in catalog.services(s) if x.mode != "online"])
            self.service.clear()
            for s in self._services:
                self.service.addItem(f"{s['name']}  ({s['code']})", s["code"])
            site = self.view.ctx.site()
            self.desa.clear()
            self.desa.addItem("", None)
            if site:
                for code, name in sorted(desa_of(site[0]).items(), key=lambda kv: kv[1]):
                    self.desa.addItem(f"{name}  ({code})", code)
            self._service_changed()
        finally:
            self._loading = False
        self.restore_draft()

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

    # --- inline validation (the domain's validators) --------------------------------------------------------

    def check_nik(self) -> bool:
        from kiosk import applications

        text = "".join(self.nik.text().split())
        if not text:
            _show(self.nik_msg, None)
            set_prop(self.nik, "invalid", False)
            set_prop(self.nik, "valid", False)
            return False
        if len(text) < 16 and text.isdigit():
            _show(self.nik_msg, self.tr("{n} dari 16 angka").format(n=len(text)), "fieldWarn")
            set_prop(self.nik, "invalid", False)
            set_prop(self.nik, "valid", False)
            return False
        today = self.view.ctx.now().astimezone(SITE_TZ).date()
        try:
            warnings = applications.validate_nik(text, today)
            born, sex = applications.nik_birth_date(text, today)
        except KioskError as exc:
            _show(self.nik_msg, str(exc), "fieldError")
            set_prop(self.nik, "invalid", True)
            set_prop(self.nik, "valid", False)
            return False
        sex_text = self.tr("perempuan") if sex == "P" else self.tr("laki-laki")
        message = "✓ " + self.tr("lahir {d}, {s}").format(d=born.strftime("%d-%m-%Y"), s=sex_text)
        if warnings:
            _show(self.nik_msg, message + " · ⚠ " + "; ".join(warnings), "fieldWarn")
        else:
            _show(self.nik_msg, message, "fieldOk")
        set_prop(self.nik, "invalid", False)
        set_prop(self.nik, "valid", True)
        return True

    def check_phone(self) -> bool:
        from kiosk import applications

        text = self.phone.text().strip()
        if not text:
            _show(self.phone_msg, None)
            set_prop(self.phone, "invalid", False)
            return True
        try:
            normal = applications.normalise_phone(text)
        except KioskError as exc:
            _show(self.phone_msg, str(exc), "fieldError")
            set_prop(self.phone, "invalid", True)
            return False
        _show(self.phone_msg, "✓ " + normal, "fieldOk")
        set_prop(self.phone, "invalid", False)
        return True

    # --- draft ----------------------------------------------------------------------------------------------

    def draft_path(self):
        return self.view.ctx.app.data_dir / "drafts" / f"intake-loket-{self.view.ctx.counter}.json"

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
        """Kept in the data dir, so a phone call, a logout or a power cut loses nothing typed."""
        values = self.form_values()
        path = self.draft_path()
        if self._is_empty(values):
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)

    def restore_draft(self) -> bool:
        path = self.draft_path()
        try:
            values = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
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
        _show(self.form_error, None)
        self._draft_timer.stop()
        self.draft_path().unlink(missing_ok=True)

    # --- save -------------------------------------------------------------------------------------------------

    def save(self) -> dict | None:
        """Simpan & Cetak Tanda Terima: one new_application in one transaction, then the receipt print."""
        from kiosk import applications

        nik_ok = self.check_nik()
        if not nik_ok and not self.nik_msg.isVisible():
            _show(self.nik_msg, self.tr("NIK wajib diisi (16 angka)"), "fieldError")
            set_prop(self.nik, "invalid", True)
        phone_ok = self.check_phone()
        if not nik_ok or not phone_ok:
            _show(self.form_error, self.tr("Periksa isian yang ditandai merah."))
            (self.nik if not nik_ok else self.phone).setFocus()
            return None
        values = self.form_values()
        desa_text = values["desa_text"].strip()
        if values["desa"] is None and desa_text:
            _show(self.form_error, self.tr("Pilih desa/kelurahan dari daftar (atau kosongkan)."))
            self.desa.setFocus()
            return None
        ctx, op = self.view.ctx, self.view.operator
        if op is None:
            return None
        ticket_id = self.view.queue_tab.active["id"] if values["link_ticket"] and self.view.queue_tab.active else None
        now, bridge = ctx.now(), ctx.bridge
        copies: list[str | None] = [None]
        if self.two_copies.isChecked():
            from kiosk.printing.templates import RECEIPT_COPIES

            copies = list(RECEIPT_COPIES)

        def take_in(s) -> dict:
            # The application and its receipt job(s) in one transaction.
            application = applications.new_application(
                s, service_code=values["service"] or "", nik=values["nik"], name=values["name"],
                phone=values["phone"] or None, desa_code=values["desa"], address=values["address"] or None,
                documents=values["documents"], notes=values["notes"] or None, ticket_id=ticket_id,
                operator=op["username"], now=now)
            data = applications.application_dict(application)
            data["prints"] = [bridge.queue_print_in(s, "receipt", application.registration_number,
                                                    copy_label=label, actor=op["username"]) for label in copies]
            return data

        try:
            data = ctx.write(take_in)
        except KioskError as exc:
            _show(self.form_error, str(exc))
            return None
        _show(self.form_error, None)
        bridge.jobs_queued(*data["prints"])
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
        _show(self.result, text, "formOk")
        self.clear_form()
        self.nik.setFocus()
        return data


# --- applications ------------------------------------------------------------------------------------------

class ApplicationsTab(Translatable, QWidget):
    """Search by registration number / NIK / name; timeline; hand over; reprint the receipt."""

    def __init__(self, view: CounterView):
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
        self.reprint_button.setText(self.tr("Cetak ulang tanda terima"))
        self._show_detail()

    def search(self) -> None:
        """Search (audited, as every look at citizens' records is)."""
        from kiosk import applications, audit

        ctx, op = self.view.ctx, self.view.operator
        text = self.query.text().strip()
        if op is None or not text:
            return
        now = ctx.now()

        def find(s):
            found = applications.search_applications(s, text)
            audit.record(s, op["username"], "search", now, "application", None, f"{len(found)} hasil")
            return [applications.application_dict(a) for a in found]

        try:
            self.results = ctx.write(find)
        except KioskError as exc:
            _show(self.message, str(exc))
            return
        _show(self.message, None if self.results else self.tr("Tidak ditemukan."))
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
        from kiosk import applications

        ctx, op = self.view.ctx, self.view.operator
        if op is None:
            return
        now = ctx.now()
        try:
            self.current = ctx.write(lambda s: applications.application_dict(
                applications.view_application(s, regno, actor=op["username"], now=now)))
        except KioskError as exc:
            _show(self.message, str(exc))
            return
        _show(self.detail_message, None)
        self._show_detail()

    def _show_detail(self) -> None:
        a = self.current
        self.timeline.clear()
        if a is None:
            self.detail_title.setText(self.tr("Pilih permohonan dari daftar"))
            self.detail_body.setText("")
            self.hand_over_button.setEnabled(False)
            self.reprint_button.setEnabled(False)
            return
        lang = self.language()
        self.detail_title.setText(f"{a['registration_number']}\n{a['service_name']}")
        docs = [f"{'✓' if ok else '✗'} {name}" for name, ok in a["documents"].items()]
        status = i18n.label(i18n.APPLICATION_STATUS, a["status"], lang)
        lines = [self.tr("Nama: {v}").format(v=a["name"]), f"NIK: {a['nik']}",
                 self.tr("No. HP: {v}").format(v=a["phone"] or "–"),
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
        self.hand_over_button.setEnabled(a["status"] == "ready")
        self.reprint_button.setEnabled(True)

    def hand_over(self) -> None:
        from kiosk import applications

        ctx, op = self.view.ctx, self.view.operator
        if op is None or self.current is None:
            return
        regno, now = self.current["registration_number"], ctx.now()
        try:
            self.current = ctx.write(lambda s: applications.application_dict(
                applications.hand_over(s, regno, actor=op["username"], now=now)))
        except KioskError as exc:
            _show(self.detail_message, str(exc), "fieldError")
            return
        _show(self.detail_message, self.tr("Hasil diserahkan kepada pemohon."), "fieldOk")
        self._show_detail()

    def reprint(self) -> None:
        if self.current is None:
            return
        op = self.view.operator or {}
        job = self.view.ctx.bridge.submit_print("receipt", self.current["registration_number"],
                                                actor=op.get("username", "system"))
        if job.get("state") == "unavailable":
            _show(self.detail_message, job.get("error"), "fieldError")
        else:
            _show(self.detail_message, self.tr("Salinan tanda terima sedang dicetak."), "fieldOk")


# --- supervisor -------------------------------------------------------------------------------------------

class SupervisorTab(Translatable, QWidget):
    """Daily report (PDF) and the print queue (retry, reprint)."""

    def __init__(self, view: CounterView):
        super().__init__()
        self.view = view
        self.report_path = None
        self._date_set = False
        layout = QVBoxLayout(self)
        self.report_box = QGroupBox()
        r = QHBoxLayout(self.report_box)
        self.report_date = QDateEdit()
        self.report_date.setCalendarPopup(True)
        self.report_date.setDisplayFormat("dd-MM-yyyy")
        self.report_button = QPushButton()
        self.report_button.setProperty("tone", "blue")
        self.report_button.clicked.connect(self.make_report)
        self.open_button = QPushButton()
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_report)
        self.report_message = QLabel()
        self.report_message.setWordWrap(True)
        self.ikm = QLabel()
        r.addWidget(self.report_date)
        r.addWidget(self.report_button)
        r.addWidget(self.open_button)
        r.addWidget(self.report_message, 1)
        layout.addWidget(self.report_box)
        layout.addWidget(self.ikm)
        self.jobs_box = QGroupBox()
        j = QVBoxLayout(self.jobs_box)
        self.jobs = QTableWidget(0, 6)
        self.jobs.verticalHeader().hide()
        self.jobs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.jobs.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.jobs.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.jobs.horizontalHeader().setStretchLastSection(True)
        row = QHBoxLayout()
        self.retry_button = QPushButton()
        self.retry_button.clicked.connect(self.retry_selected)
        self.retry_all_button = QPushButton()
        self.retry_all_button.clicked.connect(lambda: self._retry(None))
        self.reprint_button = QPushButton()
        self.reprint_button.clicked.connect(self.reprint_selected)
        for button in (self.retry_button, self.retry_all_button, self.reprint_button):
            row.addWidget(button)
        row.addStretch(1)
        j.addWidget(self.jobs, 1)
        j.addLayout(row)
        layout.addWidget(self.jobs_box, 1)
        self._jobs: list[dict] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.report_box.setTitle(self.tr("Laporan harian"))
        self.report_button.setText(self.tr("Buat laporan PDF"))
        self.open_button.setText(self.tr("Buka"))
        self.jobs_box.setTitle(self.tr("Antrian cetak"))
        self.jobs.setHorizontalHeaderLabels([self.tr("No."), self.tr("Jenis"), self.tr("Referensi"),
                                             self.tr("Status"), self.tr("Percobaan"), self.tr("Kesalahan terakhir")])
        self.retry_button.setText(self.tr("Ulangi yang dipilih"))
        self.retry_all_button.setText(self.tr("Ulangi semua yang gagal"))
        self.reprint_button.setText(self.tr("Cetak ulang (salinan)"))

    def refresh(self) -> None:
        from kiosk import survey

        today = self.view.ctx.clock.local(self.view.ctx.now()).date()
        if not self._date_set:
            self.report_date.setDate(QDate(today.year, today.month, today.day))
            self._date_set = True
        result = self.view.ctx.read(lambda s: survey.ikm(s, date_from=today, date_to=today))
        if result["respondents"]:
            self.ikm.setText(self.tr("IKM hari ini: {v} (mutu {m}) dari {n} responden").format(
                v=result["ikm"], m=result["mutu"], n=result["respondents"]))
        else:
            self.ikm.setText(self.tr("Belum ada survei kepuasan hari ini."))
        self._jobs = self.view.ctx.bridge.print_jobs()
        self.jobs.setRowCount(len(self._jobs))
        for row, job in enumerate(self._jobs):
            lang = self.language()
            kind = i18n.label(i18n.PRINT_JOB_KIND, job.get("kind"), lang)
            values = [job.get("id"), kind + (" (SALINAN)" if job.get("is_copy") else ""), job.get("ref"),
                      i18n.label(i18n.PRINT_JOB_STATE, job.get("state"), lang), job.get("attempts"),
                      job.get("last_error") or ""]
            for col, value in enumerate(values):
                self.jobs.setItem(row, col, QTableWidgetItem("" if value is None else str(value)))

    def _selected_job(self) -> dict | None:
        rows = self.jobs.selectionModel().selectedRows()
        return self._jobs[rows[0].row()] if rows else None

    def _retry(self, job_id: int | None) -> None:
        try:
            jobs = self.view.ctx.bridge.retry_print(job_id)
        except (KioskError, ModuleNotFoundError) as exc:
            self.report_message.setText(str(exc))
        else:
            self.report_message.setText(self.tr("{n} cetakan dikirim ulang.").format(n=len(jobs)))
        self.refresh()

    def retry_selected(self) -> None:
        job = self._selected_job()
        if job:
            self._retry(job.get("id"))

    def reprint_selected(self) -> None:
        job = self._selected_job()
        if job:
            try:
                self.view.ctx.bridge.reprint(job["id"])
            except (KioskError, ModuleNotFoundError) as exc:
                self.report_message.setText(str(exc))
            self.refresh()

    def make_report(self) -> None:
        """The PDF is rendered off the GUI thread; the button says when it is ready."""
        qdate = self.report_date.date()
        day = date(qdate.year(), qdate.month(), qdate.day())
        out = self.view.ctx.app.data_dir / "reports" / f"laporan-{day.isoformat()}.pdf"
        self.report_button.setEnabled(False)
        self.report_message.setText(self.tr("Membuat laporan…"))

        def work():
            from kiosk.ui.bridge import daily_report

            return daily_report(self.view.ctx.app, day, out)

        def done(path) -> None:
            self.report_button.setEnabled(True)
            self.report_path = path
            self.open_button.setEnabled(True)
            self.report_message.setText(self.tr("Laporan tersimpan: {p}").format(p=path))

        def failed(exc) -> None:
            self.report_button.setEnabled(True)
            self.report_message.setText(str(exc))

        self.view.ctx.bridge.run_in_thread(work, done, failed)

    def open_report(self) -> None:
        if self.report_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report_path)))


# --- the window ------------------------------------------------------------------------------------------

class CounterView(Translatable, QMainWindow):
    """Loket N: login, then tabs Antrian / Permohonan baru / Cari permohonan / Supervisor."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.operator: dict | None = None
        self._service_names: dict[str, dict] = {}
        self.setObjectName("counterWindow")
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.login_page = LoginPage(self)
        self.stack.addWidget(self.login_page)

        work = QWidget()
        w = QVBoxLayout(work)
        top = QHBoxLayout()
        self.who = QLabel()
        self.who.setObjectName("pageTitle")
        self.logout_button = QPushButton()
        self.logout_button.clicked.connect(self.logout)
        top.addWidget(self.who, 1)
        top.addWidget(self.logout_button)
        w.addLayout(top)
        self.tabs = QTabWidget()
        self.queue_tab = QueueTab(self)
        self.intake_tab = IntakeTab(self)
        self.applications_tab = ApplicationsTab(self)
        self.supervisor_tab = SupervisorTab(self)
        self.tabs.addTab(self.queue_tab, "")
        self.tabs.addTab(self.intake_tab, "")
        self.tabs.addTab(self.applications_tab, "")
        self.tabs.addTab(self.supervisor_tab, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        w.addWidget(self.tabs, 1)
        self.stack.addWidget(work)
        self.work_page = work

        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        self.site_label = QLabel()
        self.counter_label = QLabel()
        self.operator_label = QLabel()
        self.sync_indicator = SyncIndicator(ctx.bridge)
        self.printer_indicator = PrinterIndicator(ctx.bridge)
        for widget in (self.site_label, self.counter_label, self.operator_label):
            bar.addWidget(widget)
        bar.addPermanentWidget(self.sync_indicator)
        bar.addPermanentWidget(self.printer_indicator)
        ctx.bridge.queueChanged.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        site = self.ctx.site()
        self.setWindowTitle(self.tr("Loket {n} — {site}").format(n=self.ctx.counter, site=self.ctx.site_title()))
        self.site_label.setText(f"{site[1]} ({site[0]})" if site else self.tr("Situs belum disiapkan"))
        self.counter_label.setText(self.tr("Loket {n}").format(n=self.ctx.counter))
        self.operator_label.setText(self.tr("Petugas: {name}").format(name=self.operator["username"])
                                    if self.operator else self.tr("Belum masuk"))
        self.logout_button.setText(self.tr("Keluar"))
        if self.operator:
            self.who.setText(self.tr("{name} ({role}) · Loket {n}").format(
                name=self.operator["name"], role=self.operator["role"], n=self.ctx.counter))
        self.tabs.setTabText(0, self.tr("Antrian"))
        self.tabs.setTabText(1, self.tr("Permohonan baru"))
        self.tabs.setTabText(2, self.tr("Cari permohonan"))
        self.tabs.setTabText(3, self.tr("Supervisor"))
        for page in (self.login_page, self.queue_tab, self.intake_tab, self.applications_tab, self.supervisor_tab):
            page.retranslate()

    def is_logged_in(self) -> bool:
        return self.operator is not None

    def logged_in(self, operator: dict) -> None:
        from kiosk.ui import readmodel

        self.operator = operator
        self._service_names = self.ctx.read(readmodel.service_names)
        self.tabs.setTabVisible(3, operator["role"] in SUPERVISOR_ROLES)
        self.stack.setCurrentWidget(self.work_page)
        self.tabs.setCurrentIndex(0)
        self.intake_tab.load()
        self.retranslate()
        self.refresh()

    def logout(self) -> None:
        self.intake_tab.save_draft()
        self.operator = None
        self.stack.setCurrentWidget(self.login_page)
        self.login_page.username.setFocus()
        self.retranslate()

    def refresh(self) -> None:
        if self.operator is None:
            return
        self.queue_tab.refresh()
        self.intake_tab._update_link_text()
        if self.tabs.currentWidget() is self.supervisor_tab:
            self.supervisor_tab.refresh()

    def _tab_changed(self, _index: int) -> None:
        if self.operator is not None and self.tabs.currentWidget() is self.supervisor_tab:
            self.supervisor_tab.refresh()

    def service_label(self, code: str) -> str:
        info = self._service_names.get(code)
        return i18n.service_name(info, self.language()) if info else code

    def ask_transfer(self, current: str | None) -> str | None:
        services = [{"code": c, **v} for c, v in sorted(self._service_names.items(), key=lambda kv: kv[1]["prefix"])
                    if c != current]
        dialog = TransferDialog(services, self)
        return dialog.chosen() if dialog.exec() else None

    def closeEvent(self, event) -> None:
        self.intake_tab.save_draft()
        super().closeEvent(event)
