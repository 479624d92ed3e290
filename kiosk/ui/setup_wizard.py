"""First-run setup for the technician (< 5 minutes): language, kecamatan, role, counter and services,
server + enrollment code (or stay offline), printer with a test print and preview, first supervisor.

Every page validates with the domain's own checks and explains; nothing is written before the last
page, where `kiosk.ops.setup.apply_plan` (the same code as `kiosk setup --non-interactive`) writes
the site, counter, supervisor and config.toml, then enrolls off the GUI thread.
"""

from __future__ import annotations

from kiosk.errors import KioskError
from kiosk.ops.setup import COUNTER_ROLES, SetupPlan
from kiosk.ui import i18n
from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPixmap,
    QPushButton,
    QRadioButton,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWizard,
    QWizardPage,
    Signal,
)

PAGE_LANGUAGE, PAGE_SITE, PAGE_ROLE, PAGE_COUNTER, PAGE_SERVER, PAGE_PRINTER, PAGE_SUPERVISOR, PAGE_DONE = range(8)


def _hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def _error() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


def _say(label: QLabel, text: str | None, name: str = "fieldError") -> None:
    label.setObjectName(name)
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text or "")
    label.setVisible(bool(text))


class LanguagePage(Translatable, QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.wiz = wizard
        layout = QVBoxLayout(self)
        self.hint = _hint()
        layout.addWidget(self.hint)
        self.group = QButtonGroup(self)
        self.indonesian = QRadioButton("Bahasa Indonesia")
        self.english = QRadioButton("English")
        for button in (self.indonesian, self.english):
            button.setMinimumHeight(48)
            self.group.addButton(button)
            layout.addWidget(button)
        (self.english if i18n.app_language() == "en" else self.indonesian).setChecked(True)
        self.group.buttonToggled.connect(self._changed)
        layout.addStretch(1)

    def language(self) -> str:  # noqa: D401 - the chosen language (also what Translatable asks)
        return "en" if self.english.isChecked() else "id"

    def _changed(self, *_args) -> None:
        i18n.set_app_language(self.language())
        self.wiz.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Bahasa"))
        self.setSubTitle(self.tr("Bahasa tampilan petugas di PC ini. Kiosk warga selalu mulai dalam Bahasa Indonesia."))
        self.hint.setText(self.tr("Pilih bahasa:"))


class SitePage(Translatable, QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        from kiosk.ops import catalog

        self.wiz = wizard
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.textChanged.connect(self._filter)
        self.list = QListWidget()
        for site in sorted(wizard.ctx.run(catalog.list_sites), key=lambda row: row["name"]):
            item = QListWidgetItem(f"{site['name']}   ({site['code']})")
            item.setData(Qt.ItemDataRole.UserRole, site["code"])
            self.list.addItem(item)
        self.list.currentItemChanged.connect(lambda *_: self.completeChanged.emit())
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        self.hint = _hint()
        layout.addWidget(self.hint)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Kecamatan"))
        self.setSubTitle(self.tr("Mini MPP ini berada di kecamatan mana? (20 kecamatan Kutai Kartanegara)"))
        self.search.setPlaceholderText(self.tr("Ketik untuk mencari, mis. Tabang"))
        self.hint.setText(self.tr("Kode kecamatan menjadi bagian dari setiap nomor registrasi permohonan."))

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        first_visible = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(needle) and needle not in item.text().lower()
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = item
        current = self.list.currentItem()
        if (current is None or current.isHidden()) and first_visible is not None:
            self.list.setCurrentItem(first_visible)

    def select(self, code: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == code:
                self.list.setCurrentRow(row)

    def site(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and not item.isHidden() else None

    def isComplete(self) -> bool:
        return self.site() is not None


class RolePage(Translatable, QWizardPage):
    ROLES = ("kiosk", "counter", "display", "all")

    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.wiz = wizard
        layout = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        self.hints: dict[str, QLabel] = {}
        for role in self.ROLES:
            button = QRadioButton()
            button.setMinimumHeight(40)
            self.group.addButton(button)
            self.buttons[role] = button
            self.hints[role] = _hint()
            self.hints[role].setContentsMargins(36, 0, 0, 8)
            layout.addWidget(button)
            layout.addWidget(self.hints[role])
        self.buttons["all"].setChecked(True)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Peran PC ini"))
        self.setSubTitle(self.tr("Apa yang dikerjakan PC ini?"))
        texts = {
            "kiosk": (self.tr("Kiosk warga (layar sentuh)"),
                      self.tr("Ambil antrian, info layanan, cek status, survei. Layar penuh, tidak bisa ditutup warga.")),
            "counter": (self.tr("Loket petugas"), self.tr("Panggil antrian, terima permohonan, cetak tanda terima.")),
            "display": (self.tr("Layar TV antrian"), self.tr("Nomor yang dipanggil per loket, layar penuh.")),
            "all": (self.tr("Semua dalam satu PC"), self.tr("Kiosk, loket dan layar TV sekaligus (satu jendela per layar).")),
        }
        for role, (title, hint) in texts.items():
            self.buttons[role].setText(title)
            self.hints[role].setText(hint)

    def role(self) -> str:
        return next(role for role, button in self.buttons.items() if button.isChecked())

    def set_role(self, role: str) -> None:
        self.buttons[role].setChecked(True)

    def nextId(self) -> int:
        return PAGE_COUNTER if self.role() in COUNTER_ROLES else PAGE_SERVER


class CounterPage(Translatable, QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        from kiosk.ops import setup

        self.wiz = wizard
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.number = QSpinBox()
        self.number.setRange(1, 99)
        self.number.setMaximumWidth(120)
        self.number_label = QLabel()
        form.addRow(self.number_label, self.number)
        layout.addLayout(form)
        self.services_label = QLabel()
        layout.addWidget(self.services_label)
        self.services = QListWidget()
        for s in wizard.ctx.run(setup.catalog_services):
            item = QListWidgetItem(f"{s['prefix']}   {s['name']}   ({s['code']})")
            item.setData(Qt.ItemDataRole.UserRole, s["code"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.services.addItem(item)
        self.services.itemChanged.connect(lambda *_: self.completeChanged.emit())
        layout.addWidget(self.services, 1)
        self.error = _error()
        layout.addWidget(self.error)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Loket dan layanannya"))
        self.setSubTitle(self.tr("Nomor loket PC ini dan layanan yang dipanggil di loket ini."))
        self.number_label.setText(self.tr("Nomor loket"))
        self.services_label.setText(self.tr("Layanan di loket ini (centang paling sedikit satu):"))

    def chosen(self) -> list[str]:
        return [self.services.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.services.count())
                if self.services.item(i).checkState() == Qt.CheckState.Checked]

    def check(self, codes: list[str]) -> None:
        for i in range(self.services.count()):
            item = self.services.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in codes
                               else Qt.CheckState.Unchecked)

    def isComplete(self) -> bool:
        return bool(self.chosen())


class ServerPage(Translatable, QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.wiz = wizard
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.url = QLineEdit()
        self.code = QLineEdit()
        self.url_label, self.code_label = QLabel(), QLabel()
        form.addRow(self.url_label, self.url)
        form.addRow(self.code_label, self.code)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.test_button = QPushButton()
        self.test_button.clicked.connect(self.test_connection)
        row.addWidget(self.test_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = _error()
        layout.addWidget(self.result)
        self.skip = QCheckBox()
        self.skip.toggled.connect(self._skip_toggled)
        layout.addWidget(self.skip)
        self.hint = _hint()
        layout.addWidget(self.hint)
        layout.addStretch(1)
        for widget in (self.url, self.code):
            widget.textChanged.connect(lambda *_: self.completeChanged.emit())

    def retranslate(self) -> None:
        self.setTitle(self.tr("Server MPP Induk"))
        self.setSubTitle(self.tr("Alamat server pusat dan kode pendaftaran sekali pakai dari MPP Induk."))
        self.url_label.setText(self.tr("Alamat server"))
        self.code_label.setText(self.tr("Kode pendaftaran"))
        self.url.setPlaceholderText("https://mpp.kukarkab.go.id")
        self.test_button.setText(self.tr("Uji koneksi"))
        self.skip.setText(self.tr("Lewati, tetap offline (daftarkan nanti dengan `kiosk enroll`)"))
        self.hint.setText(self.tr("Tanpa jaringan pun semua pekerjaan tersimpan di PC ini dan dikirim saat tersambung."))

    def _skip_toggled(self, skip: bool) -> None:
        for widget in (self.url, self.code, self.test_button):
            widget.setEnabled(not skip)
        self.completeChanged.emit()

    def server(self) -> tuple[str | None, str | None]:
        if self.skip.isChecked():
            return None, None
        return self.url.text().strip() or None, self.code.text().strip() or None

    def isComplete(self) -> bool:
        return self.skip.isChecked() or bool(self.url.text().strip() and self.code.text().strip())

    def validatePage(self) -> bool:
        from kiosk.ops import setup

        if self.skip.isChecked():
            return True
        try:
            self.wiz.ctx.run(setup.check, server=self.url.text())
        except KioskError as exc:
            _say(self.result, str(exc))
            return False
        return True

    def test_connection(self) -> None:
        """GET /healthz off the GUI thread (a VSAT link can take seconds)."""
        from kiosk.ops import setup

        try:
            url = self.wiz.ctx.run(setup.check, server=self.url.text())["server"]
        except KioskError as exc:
            _say(self.result, str(exc))
            return
        self.test_button.setEnabled(False)
        _say(self.result, self.tr("Menghubungi server…"), "fieldWarn")

        def work():
            import urllib.request

            with urllib.request.urlopen(f"{url}/healthz", timeout=8) as response:  # noqa: S310 (http(s) checked)
                return response.status

        def done(status) -> None:
            self.test_button.setEnabled(not self.skip.isChecked())
            if status == 200:
                _say(self.result, self.tr("✓ Server menjawab. Pendaftaran dilakukan di langkah terakhir."), "fieldOk")
            else:
                _say(self.result, self.tr("Server menjawab dengan status {s}.").format(s=status))

        def failed(exc) -> None:
            self.test_button.setEnabled(not self.skip.isChecked())
            _say(self.result, self.tr("Server tidak dapat dihubungi: {e}. Periksa alamat dan jaringan, atau "
                                      "lewati dan daftarkan nanti.").format(e=getattr(exc, "reason", exc)))

        self.wiz.ctx.in_background(work, done, failed)


class PrinterPage(Translatable, QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.wiz = wizard
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.found = QComboBox()
        self.found.currentIndexChanged.connect(self._picked)
        self.found_label = QLabel()
        form.addRow(self.found_label, self.found)
        self.uri = QLineEdit()
        self.uri_label = QLabel()
        form.addRow(self.uri_label, self.uri)
        self.width_label = QLabel()
        widths = QHBoxLayout()
        self.width58 = QRadioButton("58 mm")
        self.width80 = QRadioButton("80 mm")
        self.width80.setChecked(True)
        widths.addWidget(self.width58)
        widths.addWidget(self.width80)
        widths.addStretch(1)
        form.addRow(self.width_label, widths)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.test_button = QPushButton()
        self.test_button.clicked.connect(self.test_print)
        row.addWidget(self.test_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = _error()
        layout.addWidget(self.result)
        self.preview = QLabel()
        self.preview.setObjectName("previewImage")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(160)
        layout.addWidget(self.preview, 1)
        self._fill()

    def _fill(self) -> None:
        from kiosk.ops import printing

        self.found.clear()
        for choice in self.wiz.ctx.run(printing.detect_printers):
            self.found.addItem(choice["label"], choice["uri"])
        self.found.setCurrentIndex(0)
        self._picked()

    def _picked(self, *_args) -> None:
        uri = self.found.currentData()
        if uri:
            self.uri.setText(uri)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Printer"))
        self.setSubTitle(self.tr("Pilih printer yang terdeteksi atau ketik URI-nya, lalu cetak halaman uji."))
        self.found_label.setText(self.tr("Printer terdeteksi"))
        self.uri_label.setText(self.tr("URI printer"))
        self.uri.setPlaceholderText(self.tr("mis. escpos+usb://04b8:0202 atau escpos+tcp://192.168.1.50:9100"))
        self.width_label.setText(self.tr("Lebar kertas"))
        self.test_button.setText(self.tr("Cetak uji (dengan pratinjau)"))

    def printer_uri(self) -> str:
        return self.uri.text().strip()

    def set_uri(self, uri: str) -> None:
        index = self.found.findData(uri)
        if index >= 0:
            self.found.setCurrentIndex(index)
        self.uri.setText(uri)

    def width(self) -> int:
        return 58 if self.width58.isChecked() else 80

    def validatePage(self) -> bool:
        from kiosk.ops import setup

        try:
            self.wiz.ctx.run(setup.check, printer=self.printer_uri())
        except KioskError as exc:
            _say(self.result, str(exc))
            return False
        return True

    def test_print(self) -> None:
        """Render the test page preview and send it to the printer, off the GUI thread."""
        from kiosk.ops import printing

        if not self.validatePage():
            return
        uri, width = self.printer_uri(), self.width()
        self.test_button.setEnabled(False)
        _say(self.result, self.tr("Mencetak halaman uji…"), "fieldWarn")

        def done(result: dict) -> None:
            self.test_button.setEnabled(True)
            png = result.get("preview_png")
            if png:
                pixmap = QPixmap()
                pixmap.loadFromData(png)
                room = max(self.preview.height() - 8, 160)
                self.preview.setPixmap(pixmap.scaledToHeight(min(pixmap.height(), room),
                                                             Qt.TransformationMode.SmoothTransformation))
            if result.get("ok"):
                _say(self.result, self.tr("✓ Halaman uji terkirim. Periksa kertasnya: sama dengan pratinjau?"), "fieldOk")
            else:
                _say(self.result, self.tr("Cetak uji gagal: {e}").format(e=result.get("error")))

        def failed(exc) -> None:
            self.test_button.setEnabled(True)
            _say(self.result, self.tr("Cetak uji gagal: {e}").format(e=exc))

        self.wiz.ctx.run_async(printing.try_printer, uri=uri, width=width, done=done, failed=failed)


class SupervisorPage(Translatable, QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.wiz = wizard
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.username = QLineEdit()
        self.full_name = QLineEdit()
        self.pin = QLineEdit()
        self.pin2 = QLineEdit()
        for pin in (self.pin, self.pin2):
            pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.labels = [QLabel() for _ in range(4)]
        for label, field in zip(self.labels, (self.username, self.full_name, self.pin, self.pin2), strict=True):
            form.addRow(label, field)
        layout.addLayout(form)
        self.existing = QCheckBox()
        self.existing.toggled.connect(self._existing_toggled)
        layout.addWidget(self.existing)
        self.error = _error()
        layout.addWidget(self.error)
        self.hint = _hint()
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self._has_supervisor = False

    def initializePage(self) -> None:
        from kiosk.ops import operators

        try:
            ops = [o["username"] for o in self.wiz.ctx.run(operators.list_operators)
                   if o["active"] and o["role"] == "supervisor"]
        except KioskError:
            ops = []
        self._has_supervisor = bool(ops)
        self.existing.setVisible(self._has_supervisor)
        self.existing.setText(self.tr("Sudah ada supervisor ({names}); lewati").format(names=", ".join(ops)))

    def _existing_toggled(self, skip: bool) -> None:
        for field in (self.username, self.full_name, self.pin, self.pin2):
            field.setEnabled(not skip)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Supervisor pertama"))
        self.setSubTitle(self.tr("Akun ini membuka panel admin kiosk dan membuat akun petugas lain."))
        for label, text in zip(self.labels, (self.tr("Nama pengguna"), self.tr("Nama lengkap"), self.tr("PIN"),
                                             self.tr("Ulangi PIN")), strict=True):
            label.setText(text)
        self.username.setPlaceholderText(self.tr("mis. sari.supervisor"))
        self.hint.setText(self.tr("PIN paling sedikit 6 angka. Simpan di tempat aman; PIN tidak bisa dibaca kembali."))

    def skipped(self) -> bool:
        return self._has_supervisor and self.existing.isChecked()

    def validatePage(self) -> bool:
        from kiosk.ops import setup

        if self.skipped():
            return True
        try:
            self.wiz.ctx.run(setup.check, supervisor=self.username.text(), supervisor_name=self.full_name.text(),
                             pin=self.pin.text(), pin_again=self.pin2.text())
        except KioskError as exc:
            _say(self.error, str(exc))
            return False
        _say(self.error, None)
        return True


class DonePage(Translatable, QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.wiz = wizard
        self.applied: dict | None = None
        self.enrolling = False
        self.enroll_tried = False
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.status = _error()
        layout.addWidget(self.status)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Selesai"))
        self.setSubTitle(self.tr("Periksa ringkasan, lalu tekan Selesai untuk menyimpan dan memulai."))

    def initializePage(self) -> None:
        plan = self.wiz.plan()
        lines = [
            self.tr("Kecamatan: {v}").format(v=plan.site),
            self.tr("Peran: {v}").format(v=plan.role),
            self.tr("Loket: {n} — {s}").format(n=plan.counter, s=", ".join(plan.services)) if plan.services else "",
            self.tr("Server: {v}").format(v=plan.server or self.tr("offline (daftarkan nanti)")),
            self.tr("Printer: {v} ({w} mm)").format(v=plan.printer, w=plan.printer_width),
            self.tr("Supervisor: {v}").format(v=plan.supervisor or self.tr("(sudah ada)")),
        ]
        self.summary.setText("\n".join(line for line in lines if line))

    def validatePage(self) -> bool:
        from dataclasses import asdict

        from kiosk.ops import setup

        if self.enrolling:
            return False
        plan = self.wiz.plan()
        if self.applied is None:
            try:
                self.applied = self.wiz.ctx.run(setup.apply, enroll=False, **asdict(plan))
            except KioskError as exc:
                _say(self.status, str(exc))
                return False
        if plan.server and not self.enroll_tried:
            self.enrolling = True
            self.wiz.button(QWizard.WizardButton.FinishButton).setEnabled(False)
            _say(self.status, self.tr("Mendaftarkan PC ini ke server…"), "fieldWarn")

            def done(result: dict) -> None:
                self.enrolling = False
                self.enroll_tried = True
                self.wiz.button(QWizard.WizardButton.FinishButton).setEnabled(True)
                self.applied["enrollment"] = result
                if result.get("ok"):
                    self.wiz.accept()
                else:
                    _say(self.status, self.tr("Pendaftaran gagal: {e}. Tekan Selesai untuk mulai bekerja offline; "
                                              "daftarkan nanti dengan `kiosk enroll`.").format(e=result.get("error")))

            self.wiz.ctx.run_async(setup.enroll_device, server=plan.server, code=plan.code, done=done,
                                   failed=lambda exc: done({"ok": False, "error": str(exc)}))
            return False
        return True


class SetupWizard(Translatable, QWizard):
    """`finishedSetup(result)` after the configuration is written; the caller starts the chosen role."""

    finishedSetup = Signal(dict)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("setupWizard")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.language_page = LanguagePage(self)
        self.site_page = SitePage(self)
        self.role_page = RolePage(self)
        self.counter_page = CounterPage(self)
        self.server_page = ServerPage(self)
        self.printer_page = PrinterPage(self)
        self.supervisor_page = SupervisorPage(self)
        self.done_page = DonePage(self)
        for page_id, page in enumerate(self.pages()):
            self.setPage(page_id, page)
        self._prefill()
        self.accepted.connect(self._accepted)
        self.retranslate()

    def pages(self):
        return (self.language_page, self.site_page, self.role_page, self.counter_page, self.server_page,
                self.printer_page, self.supervisor_page, self.done_page)

    def _prefill(self) -> None:
        """Re-running setup starts from what this data dir already has."""
        settings = self.ctx.settings
        site = self.ctx.site()
        if site:
            self.site_page.select(site["code"])
        self.role_page.set_role(str(settings.get("ui.role")))
        self.counter_page.number.setValue(int(settings.get("ui.counter")))
        if settings.server_url:
            self.server_page.url.setText(settings.server_url)
        if settings.values.get("printer.uri"):
            self.printer_page.set_uri(str(settings.values["printer.uri"]))
        (self.printer_page.width58 if settings.printer_width == 58 else self.printer_page.width80).setChecked(True)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Penyiapan Mini MPP Kiosk"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Lanjut >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Kembali"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Selesai dan mulai"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Batal"))
        for page in self.pages():
            page.retranslate()

    def plan(self) -> SetupPlan:
        role = self.role_page.role()
        server, code = self.server_page.server()
        supervisor = None if self.supervisor_page.skipped() else self.supervisor_page.username.text().strip() or None
        return SetupPlan(
            site=self.site_page.site() or "",
            role=role,
            language=self.language_page.language(),
            counter=self.counter_page.number.value() if role in COUNTER_ROLES else None,
            services=self.counter_page.chosen() if role in COUNTER_ROLES else [],
            printer=self.printer_page.printer_uri(),
            printer_width=self.printer_page.width(),
            server=server,
            code=code,
            supervisor=supervisor,
            supervisor_name=self.supervisor_page.full_name.text() if supervisor else None,
            pin=self.supervisor_page.pin.text() if supervisor else None,
        )

    def _accepted(self) -> None:
        # Connected to `accepted`: Qt's own Finish button does not go through a Python accept() override.
        result = self.done_page.applied
        if result is not None:
            self.ctx.forget_site()
            self.finishedSetup.emit(result)
