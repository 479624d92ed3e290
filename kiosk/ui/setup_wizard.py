"""First-run setup for the technician (< 5 minutes). A Mini MPP is one site on several PCs (DESIGN.md §3a):
the first PC holds the site (the hub), the others join it; so the wizard never sets up a lone kiosk PC
whose tickets no counter can see.

Language → this PC and its site: "holds the site (hub)" or "joins the site's hub", and its own role (kiosk,
counter, TV, all) → for a hub: kecamatan; for a joining PC: the hub (found on the LAN, or typed), its
pairing code and this PC's name → counter and its services → for a hub: the central server (test the
connection, or skip and enroll later) → printer (what is really detected, a network scan on request, test
print with preview) → for a hub: first supervisor → summary in names, then Finish.

Every page validates with the ops' own checks and explains in words; nothing is written before the last
page, where `kiosk.ops.setup.apply` (the same code as `kiosk setup --non-interactive`) writes or joins off
the GUI thread, then enrolls. A new hub then shows a pairing code for the next PC.
"""

from __future__ import annotations

import socket

from kiosk.errors import KioskError
from kiosk.ops.setup import COUNTER_ROLES, SetupPlan
from kiosk.ui import i18n
from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
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

(PAGE_LANGUAGE, PAGE_ROLE, PAGE_JOIN, PAGE_SITE, PAGE_COUNTER, PAGE_SERVER, PAGE_PRINTER, PAGE_SUPERVISOR,
 PAGE_DONE) = range(9)
PAIRING_MINUTES = 60  # the code a new hub shows: long enough to walk to the other PCs


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


class RolePage(Translatable, QWizardPage):
    """This PC and its site: it holds the site (hub) or joins the site's hub; and its own role."""

    ROLES = ("kiosk", "counter", "display", "all")
    MODES = ("serve", "join")

    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.wiz = wizard
        layout = QVBoxLayout(self)
        self.site_label = QLabel()
        self.site_label.setObjectName("groupTitle")
        layout.addWidget(self.site_label)
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        self.mode_hints: dict[str, QLabel] = {}
        for mode in self.MODES:
            button = QRadioButton()
            button.setMinimumHeight(36)
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
            self.mode_hints[mode] = _hint()
            self.mode_hints[mode].setContentsMargins(30, 0, 0, 4)
            layout.addWidget(button)
            layout.addWidget(self.mode_hints[mode])
        self.mode_buttons["serve"].setChecked(True)
        self.mode_group.buttonClicked.connect(self._mode_clicked)
        layout.addSpacing(8)
        self.role_label = QLabel()
        self.role_label.setObjectName("groupTitle")
        layout.addWidget(self.role_label)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        self.hints: dict[str, QLabel] = {}
        for role in self.ROLES:
            button = QRadioButton()
            button.setMinimumHeight(32)
            self.group.addButton(button)
            self.buttons[role] = button
            self.hints[role] = _hint()
            self.hints[role].setContentsMargins(30, 0, 0, 2)
            layout.addWidget(button)
            layout.addWidget(self.hints[role])
        self.buttons["all"].setChecked(True)
        self.group.buttonClicked.connect(lambda *_: setattr(self, "_role_chosen", True))
        self._role_chosen = False
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.setTitle(self.tr("PC ini dan situsnya"))
        self.setSubTitle(self.tr("Satu Mini MPP = satu situs: satu PC memegang datanya (hub), PC lain bergabung."))
        self.site_label.setText(self.tr("Situs"))
        self.role_label.setText(self.tr("Peran PC ini"))
        modes = self.mode_texts()
        for mode, (title, hint) in modes.items():
            self.mode_buttons[mode].setText(title)
            self.mode_hints[mode].setText(hint)
        for role, (title, hint) in self.role_texts().items():
            self.buttons[role].setText(title)
            self.hints[role].setText(hint)

    def mode_texts(self) -> dict[str, tuple[str, str]]:
        return {
            "serve": (self.tr("PC ini memegang data situs (hub)"),
                      self.tr("PC pertama Mini MPP ini, biasanya PC kiosk. Loket dan TV di PC lain bergabung ke sini.")),
            "join": (self.tr("Gabung ke hub situs ini"),
                     self.tr("Hub sudah disiapkan di PC lain: PC ini memakai antrian dan data yang sama.")),
        }

    def role_texts(self) -> dict[str, tuple[str, str]]:
        return {
            "kiosk": (self.tr("Kiosk warga (layar sentuh)"),
                      self.tr("Ambil antrian, info layanan, cek status, survei. Layar penuh, tidak bisa ditutup warga.")),
            "counter": (self.tr("Loket petugas"), self.tr("Panggil antrian, terima permohonan, cetak tanda terima.")),
            "display": (self.tr("Layar TV antrian"), self.tr("Nomor yang dipanggil per loket, layar penuh.")),
            "all": (self.tr("Semua dalam satu PC"), self.tr("Kiosk, loket dan layar TV sekaligus (satu jendela per layar).")),
        }

    def _mode_clicked(self, *_args) -> None:
        # A PC joining a hub is most often a counter; a choice the technician made stays.
        if self.mode() == "join" and not self._role_chosen and self.role() == "all":
            self.buttons["counter"].setChecked(True)

    def mode(self) -> str:
        return next(mode for mode, button in self.mode_buttons.items() if button.isChecked())

    def set_mode(self, mode: str) -> None:
        self.mode_buttons[mode].setChecked(True)
        self._mode_clicked()

    def role(self) -> str:
        return next(role for role, button in self.buttons.items() if button.isChecked())

    def set_role(self, role: str) -> None:
        self.buttons[role].setChecked(True)
        self._role_chosen = True

    def nextId(self) -> int:
        return PAGE_JOIN if self.mode() == "join" else PAGE_SITE


class JoinPage(Translatable, QWizardPage):
    """The site's hub: found on the LAN (mDNS) or typed, checked (no code spent), then the pairing code."""

    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.wiz = wizard
        self.found: list[dict] = []
        self.probed: dict | None = None  # the last answer of hub.probe for the address shown
        self.searching = False
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.found_label = QLabel()
        top.addWidget(self.found_label, 1)
        self.search_button = QPushButton()
        self.search_button.clicked.connect(self.search)
        top.addWidget(self.search_button)
        layout.addLayout(top)
        self.list = QListWidget()
        self.list.setMaximumHeight(120)
        self.list.currentItemChanged.connect(self._picked)
        layout.addWidget(self.list)
        self.search_state = _hint()
        layout.addWidget(self.search_state)
        form = QFormLayout()
        self.address = QLineEdit()
        self.address.textEdited.connect(self._address_edited)
        self.address.textChanged.connect(lambda *_: self.completeChanged.emit())
        self.test_button = QPushButton()
        self.test_button.clicked.connect(self.test_hub)
        row = QHBoxLayout()
        row.addWidget(self.address, 1)
        row.addWidget(self.test_button)
        self.address_label = QLabel()
        form.addRow(self.address_label, row)
        self.code = QLineEdit()
        self.code.setMaxLength(12)
        self.code.textChanged.connect(lambda *_: self.completeChanged.emit())
        self.code_label = QLabel()
        form.addRow(self.code_label, self.code)
        self.name = QLineEdit(_default_pc_name())
        self.name_label = QLabel()
        form.addRow(self.name_label, self.name)
        layout.addLayout(form)
        self.result = _error()
        layout.addWidget(self.result)
        self.hint = _hint()
        layout.addWidget(self.hint)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Hub situs"))
        self.setSubTitle(self.tr("Pilih hub yang ditemukan di jaringan atau ketik alamatnya, lalu kode pasangan."))
        self.found_label.setText(self.tr("Hub di jaringan ini:"))
        self.search_button.setText(self.tr("Cari lagi"))
        self.address_label.setText(self.tr("Alamat hub"))
        self.address.setPlaceholderText("https://192.168.1.10:8710")
        self.test_button.setText(self.tr("Uji"))
        self.code_label.setText(self.tr("Kode pasangan"))
        self.code.setPlaceholderText(self.tr("mis. K7QM-4TZ9 (tampil di PC hub)"))
        self.name_label.setText(self.tr("Nama PC ini"))
        self.name.setPlaceholderText(self.tr("mis. loket-2"))
        self.hint.setText(self.tr("Kode pasangan tampil di PC hub setelah penyiapannya (atau `kiosk hub pair`). "
                                  "Satu kode untuk satu PC."))

    def initializePage(self) -> None:
        if not self.found and not self.searching:
            self.search()

    def search(self) -> None:
        """Look for hubs on the LAN off the GUI thread (about three seconds)."""
        from kiosk.ops import hub

        self.searching = True
        self.search_button.setEnabled(False)
        self.search_state.setText(self.tr("Mencari hub di jaringan…"))

        def done(found: list[dict]) -> None:
            self.searching = False
            self.search_button.setEnabled(True)
            self.found = found
            self.list.clear()
            for entry in found:
                where = entry.get("site_name") or entry.get("site") or "?"
                item = QListWidgetItem(self.tr("Kecamatan {site} — {url}").format(site=where, url=entry["url"]))
                item.setData(Qt.ItemDataRole.UserRole, entry)
                self.list.addItem(item)
            self.search_state.setText(self.tr("{n} hub ditemukan.").format(n=len(found)) if found else
                                      self.tr("Tidak ada hub yang ditemukan: ketik alamatnya (tampil di PC hub)."))

        def failed(exc) -> None:
            self.searching = False
            self.search_button.setEnabled(True)
            self.search_state.setText(str(exc))

        self.wiz.ctx.run_async(hub.find, owner=self, done=done, failed=failed)

    def _picked(self, item, _previous=None) -> None:
        if item is None:
            return
        entry = item.data(Qt.ItemDataRole.UserRole)
        self.address.setText(entry["url"])
        self.test_hub(entry["urls"])

    def _address_edited(self, *_args) -> None:
        self.probed = None
        _say(self.result, None)
        self.completeChanged.emit()

    def test_hub(self, addresses: list[str] | None = None) -> None:
        """Ask the hub who it is (off the GUI thread): its kecamatan and PC name, or why it does not answer."""
        from kiosk.ops import hub

        targets = addresses if isinstance(addresses, list) else [self.address.text().strip()]
        if not targets[0]:
            return
        self.test_button.setEnabled(False)
        _say(self.result, self.tr("Menghubungi hub…"), "fieldWarn")

        def done(result: dict) -> None:
            self.test_button.setEnabled(True)
            self.probed = result
            if result["ok"]:
                self.address.setText(result["url"])
                _say(self.result, self.tr("✓ Hub Kecamatan {site} (PC {name}) menjawab. Sidik jari: {fp}…").format(
                    site=result["site_name"] or result["site"], name=result["name"], fp=result["fingerprint"][:23]),
                    "fieldOk")
            else:
                _say(self.result, self.tr("Hub tidak bisa dihubungi: {e}.").format(e=result["error"]))
            self.completeChanged.emit()

        def failed(exc) -> None:
            self.test_button.setEnabled(True)
            self.probed = {"ok": False, "error": str(exc)}
            _say(self.result, str(exc))
            self.completeChanged.emit()

        self.wiz.ctx.run_async(hub.probe, owner=self, hub=targets, done=done, failed=failed)

    def hub_site_name(self) -> str | None:
        return (self.probed or {}).get("site_name") if (self.probed or {}).get("ok") else None

    def isComplete(self) -> bool:
        if self.probed is not None and not self.probed.get("ok"):
            return False  # a hub that did not answer: fix the address first
        return bool(self.address.text().strip() and self.code.text().strip() and self.name.text().strip())

    def validatePage(self) -> bool:
        from kiosk.ops import setup

        try:
            self.wiz.ctx.run(setup.check, hub=self.address.text(), pairing_code=self.code.text(),
                             device_name=self.name.text())
        except KioskError as exc:
            _say(self.result, str(exc))
            return False
        return True

    def nextId(self) -> int:
        return PAGE_COUNTER if self.wiz.role_page.role() in COUNTER_ROLES else PAGE_PRINTER


def _default_pc_name() -> str:
    """This computer's name as a hub knows PCs (lower case, a-z 0-9 - _ .)."""
    name = "-".join(socket.gethostname().strip().lower().split())
    name = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in name)[:64].strip("-")
    return name if len(name) >= 2 else "pc-mpp"


class SitePage(Translatable, QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        from kiosk.ops import catalog

        self.wiz = wizard
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.names: dict[str, str] = {}
        for site in sorted(wizard.ctx.run(catalog.list_sites), key=lambda row: row["name"]):
            item = QListWidgetItem(f"{site['name']}   ({site['code']})")
            item.setData(Qt.ItemDataRole.UserRole, site["code"])
            self.list.addItem(item)
            self.names[site["code"]] = site["name"]
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

    def nextId(self) -> int:
        return PAGE_COUNTER if self.wiz.role_page.role() in COUNTER_ROLES else PAGE_SERVER


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
        self.names: dict[str, str] = {}
        for s in wizard.ctx.run(setup.catalog_services):
            item = QListWidgetItem(f"{s['prefix']}   {s['name']}   ({s['code']})")
            item.setData(Qt.ItemDataRole.UserRole, s["code"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.services.addItem(item)
            self.names[s["code"]] = s["name"]
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

    def nextId(self) -> int:
        return PAGE_PRINTER if self.wiz.role_page.mode() == "join" else PAGE_SERVER


class ServerPage(Translatable, QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.wiz = wizard
        self.test_failed = False  # the last connection test failed: Lanjut waits for a fix or "Lewati"
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
            widget.textChanged.connect(self._edited)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Server MPP Induk"))
        self.setSubTitle(self.tr("Alamat server pusat dan kode pendaftaran sekali pakai dari MPP Induk."))
        self.url_label.setText(self.tr("Alamat server"))
        self.code_label.setText(self.tr("Kode pendaftaran"))
        self.url.setPlaceholderText("https://mpp.kukarkab.go.id")
        self.test_button.setText(self.tr("Uji koneksi"))
        self.skip.setText(self.tr("Lewati, tetap offline (daftarkan nanti dengan `kiosk enroll`)"))
        self.hint.setText(self.tr("Tanpa jaringan pun semua pekerjaan tersimpan di PC ini dan dikirim saat tersambung."))

    def _edited(self, *_args) -> None:
        if self.test_failed:
            self.test_failed = False
            _say(self.result, None)
        self.completeChanged.emit()

    def _skip_toggled(self, skip: bool) -> None:
        for widget in (self.url, self.code, self.test_button):
            widget.setEnabled(not skip)
        self.completeChanged.emit()

    def server(self) -> tuple[str | None, str | None]:
        if self.skip.isChecked():
            return None, None
        return self.url.text().strip() or None, self.code.text().strip() or None

    def isComplete(self) -> bool:
        if self.skip.isChecked():
            return True
        return bool(self.url.text().strip() and self.code.text().strip()) and not self.test_failed

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
        """Ask central's /healthz off the GUI thread (a VSAT link can take seconds)."""
        from kiosk.ops import setup

        try:
            self.wiz.ctx.run(setup.check, server=self.url.text())
        except KioskError as exc:
            _say(self.result, str(exc))
            return
        self.test_button.setEnabled(False)
        _say(self.result, self.tr("Menghubungi server…"), "fieldWarn")

        def done(result: dict) -> None:
            self.test_button.setEnabled(not self.skip.isChecked())
            self.test_failed = not result["ok"]
            if result["ok"]:
                _say(self.result, self.tr("✓ Server menjawab. Pendaftaran dilakukan di langkah terakhir."), "fieldOk")
            else:
                _say(self.result, self.tr("Server tidak dapat dihubungi: {e}. Perbaiki alamatnya, atau centang "
                                          "Lewati dan daftarkan nanti.").format(e=result["error"]))
            self.completeChanged.emit()

        def failed(exc) -> None:
            self.test_button.setEnabled(not self.skip.isChecked())
            self.test_failed = True
            _say(self.result, str(exc))
            self.completeChanged.emit()

        self.wiz.ctx.run_async(setup.test_server, owner=self, server=self.url.text(), done=done, failed=failed)


class PrinterPage(Translatable, QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.wiz = wizard
        self.detected: list[dict] = []
        self.detecting = False
        # What "Pindai jaringan" asks: this PC's own /24 on the raw port (a test points it at loopback).
        self.scan_subnet: str | None = None
        self.scan_port = 9100
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.found = QComboBox()
        self.found.currentIndexChanged.connect(self._picked)
        self.found_label = QLabel()
        found_row = QHBoxLayout()
        found_row.addWidget(self.found, 1)
        self.scan_button = QPushButton()
        self.scan_button.clicked.connect(lambda: self.detect(scan=True))
        found_row.addWidget(self.scan_button)
        form.addRow(self.found_label, found_row)
        self.detect_state = _hint()
        form.addRow("", self.detect_state)
        self.uri = QLineEdit()
        self.uri_label = QLabel()
        uri_row = QHBoxLayout()
        uri_row.addWidget(self.uri, 1)
        self.pdf_button = QPushButton()
        self.pdf_button.clicked.connect(self.use_pdf)
        uri_row.addWidget(self.pdf_button)
        form.addRow(self.uri_label, uri_row)
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
        self.preview.setMinimumHeight(120)
        layout.addWidget(self.preview, 1)

    def initializePage(self) -> None:
        if not self.detected and not self.detecting:
            self.detect(scan=False)

    def detect(self, scan: bool = False) -> None:
        """What is really connected (and, when asked, ESC/POS printers on the LAN), off the GUI thread."""
        from kiosk.ops import printing

        self.detecting = True
        self.scan_button.setEnabled(False)
        self.detect_state.setText(self.tr("Memindai jaringan (port 9100)…") if scan else
                                  self.tr("Mencari printer di PC ini…"))

        def done(found: list[dict]) -> None:
            self.detecting = False
            self.scan_button.setEnabled(True)
            self.show_detected(found, scanned=scan)

        def failed(exc) -> None:
            self.detecting = False
            self.scan_button.setEnabled(True)
            self.detect_state.setText(str(exc))

        self.wiz.ctx.run_async(printing.detect_printers, owner=self, scan=scan, subnet=self.scan_subnet if scan else None,
                               port=self.scan_port, done=done, failed=failed)

    def show_detected(self, found: list[dict], scanned: bool = False) -> None:
        keep = self.uri.text().strip()
        self.detected = found
        self.found.blockSignals(True)
        self.found.clear()
        if not found:
            self.found.addItem(self.tr("(tidak ada printer terdeteksi)"), None)
        for entry in found:
            self.found.addItem(f"{entry['label']} — {entry['status']}", entry["uri"])
        self.found.blockSignals(False)
        networked = sum(1 for entry in found if entry["kind"] == "network")
        if scanned:
            self.detect_state.setText(self.tr("{n} printer jaringan menjawab di port 9100.").format(n=networked))
        else:
            self.detect_state.setText(self.tr("Printer jaringan? Tekan Pindai jaringan."))
        index = self.found.findData(keep) if keep else -1
        if index >= 0:
            self.found.setCurrentIndex(index)
        elif not keep and found:
            self.found.setCurrentIndex(0)
            self._picked()

    def _picked(self, *_args) -> None:
        uri = self.found.currentData()
        if uri:
            self.uri.setText(uri)

    def use_pdf(self) -> None:
        """No printer yet: tickets and receipts become PDF files in the data dir (printable later)."""
        self.uri.setText(f"pdf://{(self.wiz.ctx.app.data_dir / 'prints').as_posix()}")

    def printer_label(self) -> str:
        uri = self.printer_uri()
        found = next((entry for entry in self.detected if entry["uri"] == uri), None)
        if found is not None:
            return found["label"]
        if uri.startswith("pdf://"):
            return self.tr("tanpa printer: berkas PDF")
        if uri.startswith("dummy://"):
            return self.tr("printer uji (tidak mencetak)")
        return uri

    def retranslate(self) -> None:
        self.setTitle(self.tr("Printer"))
        self.setSubTitle(self.tr("Pilih printer yang terdeteksi atau ketik URI-nya, lalu cetak halaman uji."))
        self.found_label.setText(self.tr("Printer terdeteksi"))
        self.scan_button.setText(self.tr("Pindai jaringan"))
        self.uri_label.setText(self.tr("URI printer"))
        self.uri.setPlaceholderText(self.tr("mis. escpos+usb://04b8:0202 atau escpos+tcp://192.168.1.50:9100"))
        self.pdf_button.setText(self.tr("Tanpa printer (PDF)"))
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
                room = max(self.preview.height() - 8, 120)
                self.preview.setPixmap(pixmap.scaledToHeight(min(pixmap.height(), room),
                                                             Qt.TransformationMode.SmoothTransformation))
            if result.get("ok"):
                _say(self.result, self.tr("✓ Halaman uji terkirim. Periksa kertasnya: sama dengan pratinjau?"), "fieldOk")
            else:
                _say(self.result, self.tr("Cetak uji gagal: {e}").format(e=result.get("error")))

        def failed(exc) -> None:
            self.test_button.setEnabled(True)
            _say(self.result, self.tr("Cetak uji gagal: {e}").format(e=exc))

        self.wiz.ctx.run_async(printing.try_printer, owner=self, uri=uri, width=width, done=done, failed=failed)

    def nextId(self) -> int:
        return PAGE_DONE if self.wiz.role_page.mode() == "join" else PAGE_SUPERVISOR


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
    """The summary in names; Finish writes (or joins) off the GUI thread, enrolls a hub, and shows a new hub
    the pairing code for the next PC before it starts."""

    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.wiz = wizard
        self.applied: dict | None = None
        self.busy = False
        self.enroll_tried = False
        self.pairing: dict | None = None
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.status = _error()
        layout.addWidget(self.status)
        self.pairing_box = QFrame()
        self.pairing_box.setObjectName("pairingBox")
        box = QVBoxLayout(self.pairing_box)
        self.pairing_intro, self.pairing_code, self.pairing_details = QLabel(), QLabel(), QLabel()
        self.pairing_code.setObjectName("pairingCode")
        for label in (self.pairing_intro, self.pairing_code, self.pairing_details):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.addWidget(label)
        self.pairing_box.hide()
        layout.addWidget(self.pairing_box)
        row = QHBoxLayout()
        self.new_code = QPushButton()
        self.new_code.clicked.connect(self.make_pairing_code)
        self.new_code.hide()
        row.addWidget(self.new_code)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Selesai"))
        self.setSubTitle(self.tr("Periksa ringkasan, lalu tekan Selesai untuk menyimpan dan memulai."))
        self.new_code.setText(self.tr("Kode untuk PC berikutnya"))
        self._show_pairing()
        if self.isVisible():
            self.initializePage()

    def lines(self) -> list[str]:
        """The summary: names, not codes."""
        wiz = self.wiz
        plan = wiz.plan()
        role_name = wiz.role_page.role_texts()[plan.role][0]
        lines = []
        if plan.hub_mode == "join":
            where = wiz.join_page.hub_site_name()
            lines.append(self.tr("Situs: bergabung ke hub {url}").format(url=plan.hub)
                         + (self.tr(" (Kecamatan {name})").format(name=where) if where else ""))
            lines.append(self.tr("Nama PC ini di hub: {name}").format(name=plan.device_name))
        else:
            name = wiz.site_page.names.get(plan.site, plan.site)
            lines.append(self.tr("Kecamatan: {name} ({code})").format(name=name, code=plan.site))
            lines.append(self.tr("Situs: PC ini memegang data situs (hub); loket dan TV lain bergabung ke sini"))
        lines.append(self.tr("Peran PC ini: {role}").format(role=role_name))
        if plan.services:
            names = ", ".join(wiz.counter_page.names.get(code, code) for code in plan.services)
            lines.append(self.tr("Loket {n}: {services}").format(n=plan.counter, services=names))
        if plan.hub_mode != "join":
            lines.append(self.tr("Server MPP Induk: {v}").format(v=plan.server) if plan.server
                         else self.tr("Server MPP Induk: belum (offline; daftarkan nanti)"))
        lines.append(self.tr("Printer: {label}, kertas {w} mm").format(label=wiz.printer_page.printer_label(),
                                                                       w=plan.printer_width))
        if plan.hub_mode != "join":
            supervisor = (self.tr("Supervisor: {name} ({user})").format(name=plan.supervisor_name,
                                                                         user=plan.supervisor)
                          if plan.supervisor else self.tr("Supervisor: yang sudah ada"))
            lines.append(supervisor)
        return lines

    def initializePage(self) -> None:
        self.summary.setText("\n".join(self.lines()))

    def validatePage(self) -> bool:
        """Finish: apply (once), enroll (a hub with a server), show a new hub's pairing code, then start."""
        from dataclasses import asdict

        from kiosk.ops import setup

        if self.busy:
            return False
        if self.applied is None:
            self._working(self.tr("Menyimpan penyiapan…") if self.wiz.role_page.mode() == "serve"
                          else self.tr("Bergabung ke hub…"))

            def done(result: dict) -> None:
                self.busy = False
                self.applied = result
                self._finish_button().setEnabled(True)
                self.wiz.button(QWizard.WizardButton.BackButton).hide()  # written: no going back to change it
                self._after_apply()

            def failed(exc) -> None:
                self.busy = False
                self._finish_button().setEnabled(True)
                _say(self.status, str(exc))

            self.wiz.ctx.run_async(setup.apply, owner=self, enroll=False, **asdict(self.wiz.plan()), done=done, failed=failed)
            return False
        return self._ready()

    def _working(self, text: str) -> None:
        self.busy = True
        self._finish_button().setEnabled(False)
        _say(self.status, text, "fieldWarn")

    def _finish_button(self) -> QPushButton:
        return self.wiz.button(QWizard.WizardButton.FinishButton)

    def _after_apply(self) -> None:
        from kiosk.ops import setup

        plan = self.wiz.plan()
        if plan.server and not self.enroll_tried:
            self._working(self.tr("Mendaftarkan PC ini ke server…"))

            def done(result: dict) -> None:
                self.busy = False
                self.enroll_tried = True
                self._finish_button().setEnabled(True)
                self.applied["enrollment"] = result
                if not result.get("ok"):
                    _say(self.status, self.tr("Pendaftaran gagal: {e}. PC ini tetap bekerja offline; daftarkan "
                                              "nanti dengan `kiosk enroll`.").format(e=result.get("error")))
                self._after_apply()

            self.wiz.ctx.run_async(setup.enroll_device, owner=self, server=plan.server, code=plan.code, done=done,
                                   failed=lambda exc: done({"ok": False, "error": str(exc)}))
            return
        if plan.hub_mode == "serve" and self.pairing is None:
            self.make_pairing_code()
            self.wiz.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Mulai"))
            return
        if self._ready():
            self.wiz.accept()

    def _ready(self) -> bool:
        return self.applied is not None and not self.busy

    def make_pairing_code(self) -> None:
        """A one-time code (valid PAIRING_MINUTES) for the next PC to join this new hub."""
        from kiosk.ops import hub

        try:
            self.pairing = self.wiz.ctx.run(hub.pair, minutes=PAIRING_MINUTES)
        except KioskError as exc:
            _say(self.status, str(exc))
            return
        enrollment = (self.applied or {}).get("enrollment")
        if enrollment is None or enrollment.get("ok"):  # an enrollment failure stays on screen
            _say(self.status, self.tr("✓ Tersimpan. PC ini hub situs."), "fieldOk")
        self._show_pairing()
        self.pairing_box.show()
        self.new_code.show()

    def _show_pairing(self) -> None:
        p = self.pairing
        if p is None:
            return
        self.pairing_intro.setText(self.tr("Untuk setiap PC loket atau TV: jalankan penyiapan di PC itu, pilih "
                                           "\"Gabung ke hub situs ini\" dan ketik kode pasangan:"))
        self.pairing_code.setText(p["code"])
        self.pairing_details.setText(self.tr("Alamat hub: {urls}\nSidik jari: {fp}…\nBerlaku {m} menit, satu kode "
                                             "untuk satu PC.").format(urls=", ".join(p["urls"][:2]),
                                                                      fp=p["fingerprint"][:23], m=PAIRING_MINUTES))


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
        self.role_page = RolePage(self)
        self.join_page = JoinPage(self)
        self.site_page = SitePage(self)
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
        return (self.language_page, self.role_page, self.join_page, self.site_page, self.counter_page,
                self.server_page, self.printer_page, self.supervisor_page, self.done_page)

    def _prefill(self) -> None:
        """Re-running setup starts from what this data dir already has."""
        settings = self.ctx.settings
        site = self.ctx.site()
        if site:
            self.site_page.select(site["code"])
        self.role_page.set_role(str(settings.get("ui.role")))
        self.role_page._role_chosen = False
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
        self.setButtonText(QWizard.WizardButton.FinishButton,
                           self.tr("Mulai") if self.done_page.pairing else self.tr("Selesai dan mulai"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Batal"))
        for page in self.pages():
            page.retranslate()

    def plan(self) -> SetupPlan:
        role = self.role_page.role()
        mode = self.role_page.mode()
        counter = self.counter_page.number.value() if role in COUNTER_ROLES else None
        services = self.counter_page.chosen() if role in COUNTER_ROLES else []
        common = {"role": role, "language": self.language_page.language(), "counter": counter,
                  "services": services, "printer": self.printer_page.printer_uri(),
                  "printer_width": self.printer_page.width(), "hub_mode": mode}
        if mode == "join":
            page = self.join_page
            return SetupPlan(site="", hub=page.address.text().strip() or None,
                             pairing_code=page.code.text().strip() or None,
                             device_name=page.name.text().strip() or None, **common)
        server, code = self.server_page.server()
        supervisor = None if self.supervisor_page.skipped() else self.supervisor_page.username.text().strip() or None
        return SetupPlan(
            site=self.site_page.site() or "", server=server, code=code, supervisor=supervisor,
            supervisor_name=self.supervisor_page.full_name.text() if supervisor else None,
            pin=self.supervisor_page.pin.text() if supervisor else None, **common)

    def _accepted(self) -> None:
        # Connected to `accepted`: Qt's own Finish button does not go through a Python accept() override.
        result = self.done_page.applied
        if result is not None:
            self.ctx.forget_site()
            self.finishedSetup.emit(result)
