"""The admin panel behind the kiosk's hidden gesture: supervisor PIN, then exit / printer / sync / the TV's voice."""

from __future__ import annotations

from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    Qt,
    QTimer,
    QVBoxLayout,
)
from kiosk.ui.widgets.common import LoginForm, error_label, min_touch_px, show_message
from kiosk.ui.widgets.keypad import OnScreenKeypad


def login_operator(ctx, username: str, pin: str, permission: str | None = None) -> dict:
    """One sign-in attempt (failures count even when refused): the operator's dict, or AuthError."""
    from kiosk.ops import operators

    return ctx.run(operators.sign_in, username=username, pin=pin, permission=permission)


PIN_TIMEOUT_SECONDS = 30  # the supervisor PIN dialog closes after this long without a key


class PinDialog(Translatable, QDialog):
    """Supervisor username + PIN, typed on an on-screen keyboard (the kiosk has no keyboard)."""

    def __init__(self, ctx, parent=None, permission: str = "admin_panel"):
        super().__init__(parent)
        self.ctx = ctx
        self.permission = permission
        self.operator: dict | None = None
        self.setObjectName("pinDialog")
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        layout.addWidget(self.title)
        self.form = LoginForm()
        self.username, self.pin = self.form.username, self.form.pin
        layout.addLayout(self.form)
        self.error = error_label()
        layout.addWidget(self.error)
        self.keypad = OnScreenKeypad("alnum")
        self.keypad.set_target(self.username)
        layout.addWidget(self.keypad, 1)
        app = QApplication.instance()
        app.focusChanged.connect(self._focus_changed)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton()
        self.cancel_button.setProperty("nav", True)
        self.ok_button = QPushButton()
        self.ok_button.setProperty("tone", "green")
        self.ok_button.setProperty("primary", True)
        for button in (self.cancel_button, self.ok_button):
            button.setMinimumHeight(min_touch_px(self))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.submit)
        self.pin.returnPressed.connect(self.submit)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        self.resize(760, 600)
        # Left open on a public kiosk, the dialog closes by itself; every key typed gives it more time.
        self.timeout = QTimer(self)
        self.timeout.setSingleShot(True)
        self.timeout.setInterval(int(PIN_TIMEOUT_SECONDS * 1000))
        self.timeout.timeout.connect(self.reject)
        for field in (self.username, self.pin):
            field.textChanged.connect(lambda _text: self.timeout.start())
        self.timeout.start()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Masuk supervisor"))
        self.title.setText(self.tr("Masuk supervisor"))
        self.form.set_labels(self.tr("Nama pengguna"), self.tr("PIN"))
        self.cancel_button.setText(self.tr("Batal"))
        self.ok_button.setText(self.tr("Masuk"))
        self.keypad.retranslate()

    def _focus_changed(self, _old, new) -> None:
        if new is self.username or new is self.pin:
            self.keypad.set_target(new)

    def done(self, result: int) -> None:
        self.timeout.stop()
        try:
            QApplication.instance().focusChanged.disconnect(self._focus_changed)
        except (RuntimeError, TypeError):
            pass
        super().done(result)

    def submit(self) -> None:
        from kiosk.errors import KioskError

        try:
            self.operator = login_operator(self.ctx, self.username.text(), self.pin.text(), self.permission)
        except KioskError as exc:
            self.pin.clear()
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()


class VoiceSettingsBox(Translatable, QGroupBox):
    """The TV's voice settings (`voice.*` in config.toml, the same keys as `kiosk config set`)."""

    CHECKS = ("voice.enabled", "voice.speaker", "voice.chime", "voice.service")

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        settings = ctx.settings
        grid = QGridLayout(self)
        self.checks = {key: QCheckBox() for key in self.CHECKS}
        for key, box in self.checks.items():
            box.setChecked(bool(settings.get(key)))
        for index, key in enumerate(self.CHECKS):
            grid.addWidget(self.checks[key], index // 2, index % 2)
        self.volume_label, self.speed_label = QLabel(), QLabel()
        self.volume, self.speed = QSlider(Qt.Orientation.Horizontal), QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.speed.setRange(50, 200)
        self.volume.setValue(int(settings.get("voice.volume")))
        self.speed.setValue(int(settings.get("voice.speed")))
        self.numbers_label, self.quiet_label = QLabel(), QLabel()
        self.numbers = QComboBox()
        self.numbers.addItem("", "cardinal")
        self.numbers.addItem("", "digits")
        self.numbers.setCurrentIndex(max(0, self.numbers.findData(settings.get("voice.numbers"))))
        self.quiet = QLineEdit(str(settings.get("voice.quiet_hours")))
        self.quiet.setPlaceholderText("12:00-13:00")
        for row, (label, widget) in enumerate(((self.volume_label, self.volume), (self.speed_label, self.speed),
                                               (self.numbers_label, self.numbers), (self.quiet_label, self.quiet)),
                                              start=2):
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
        self.test_button, self.save_button = QPushButton(), QPushButton()
        for button in (self.test_button, self.save_button):
            button.setMinimumHeight(min_touch_px(self))
        self.test_button.clicked.connect(self.test)
        self.save_button.clicked.connect(self.save)
        self.result = QLabel()
        self.result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        grid.addLayout(row, 6, 0, 1, 2)
        grid.addWidget(self.result, 7, 0, 1, 2)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Suara layar TV"))
        texts = {"voice.enabled": self.tr("Suara panggilan aktif"), "voice.speaker": self.tr("PC ini yang bersuara"),
                 "voice.chime": self.tr("Bel sebelum panggilan"), "voice.service": self.tr("Sebut nama layanan")}
        for key, box in self.checks.items():
            box.setText(texts[key])
        self.volume_label.setText(self.tr("Volume"))
        self.speed_label.setText(self.tr("Kecepatan bicara"))
        self.numbers_label.setText(self.tr("Cara membaca nomor"))
        self.numbers.setItemText(0, self.tr("dua puluh lima (bilangan)"))
        self.numbers.setItemText(1, self.tr("nol dua lima (per angka)"))
        self.quiet_label.setText(self.tr("Jam tenang (JJ:MM-JJ:MM)"))
        self.test_button.setText(self.tr("Uji suara"))
        self.save_button.setText(self.tr("Simpan pengaturan suara"))

    def values(self) -> dict:
        """The form as validated config values; raises InputError with the first bad one."""
        from kiosk import config

        raw = {key: box.isChecked() for key, box in self.checks.items()}
        raw.update({"voice.volume": self.volume.value(), "voice.speed": self.speed.value(),
                    "voice.numbers": self.numbers.currentData(), "voice.quiet_hours": self.quiet.text()})
        return dict(config.parse_value(key, value) for key, value in raw.items())

    def save(self) -> bool:
        """Write the voice settings; the display uses them from its next call on."""
        from kiosk.errors import KioskError
        from kiosk.ops import maintenance

        try:
            self.ctx.run(maintenance.config_set_many, values=self.values())
        except KioskError as exc:
            self.result.setText(str(exc))
            return False
        self.result.setText(self.tr("Pengaturan suara disimpan."))
        return True

    def test(self) -> None:
        """Play the sample announcement with the settings on the form (off the GUI thread)."""
        from kiosk.errors import KioskError

        try:
            values = self.values()
        except KioskError as exc:
            self.result.setText(str(exc))
            return
        self.test_button.setEnabled(False)
        self.result.setText(self.tr("Memutar contoh panggilan…"))

        def done(played: dict) -> None:
            self.test_button.setEnabled(True)
            self.result.setText(self.tr("Contoh diputar ({backend}).").format(backend=played["backend"]))

        def failed(exc) -> None:
            self.test_button.setEnabled(True)
            self.result.setText(str(exc))

        from kiosk.ops import voice

        self.ctx.run_async(voice.test, settings=values, done=done, failed=failed)


class AdminPanel(Translatable, QDialog):
    """Exit the kiosk, check the printer, sync now. Opened only after a supervisor PIN."""

    def __init__(self, ctx, kiosk=None, operator: dict | None = None, parent=None):
        super().__init__(parent)
        from kiosk.ui.widgets.indicators import PrinterIndicator, SyncIndicator

        self.ctx = ctx
        self.kiosk = kiosk
        self.operator = operator or {}
        self.setObjectName("adminPanel")
        self.setModal(True)
        self.setStyleSheet("QLabel#syncIndicator, QLabel#printerIndicator { color: #111111; font-weight: bold; }"
                           "QDialog#adminPanel { background: #F2F4F7; }"
                           # A supervisor's panel, not a citizen's page: text at desk size so it fits the
                           # kiosk's 800 px; white on the coloured buttons (>= 4.5:1, WCAG AA).
                           "QDialog#adminPanel QWidget { font-size: 17px; }"
                           "QDialog#adminPanel QLabel#pageTitle { font-size: 28px; font-weight: bold; }"
                           "QDialog#adminPanel QPushButton[tone=\"red\"], QDialog#adminPanel "
                           "QPushButton[tone=\"green\"] { color: #FFFFFF; }")
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        layout.addWidget(self.title)
        self.who = QLabel()
        layout.addWidget(self.who)

        self.printer_box = QGroupBox()
        box = QVBoxLayout(self.printer_box)
        self.printer_state = PrinterIndicator(ctx.bridge)
        self.printer_uri = QLabel(ctx.settings.printer_uri)
        self.printer_uri.setObjectName("hint")
        self.printer_uri.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_button = QPushButton()
        self.retry_button = QPushButton()
        self.test_button.clicked.connect(self.print_test)
        self.retry_button.clicked.connect(self.retry)
        self.print_result = QLabel()
        self.print_result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.retry_button)
        row.addStretch(1)
        box.addWidget(self.printer_state)
        box.addWidget(self.printer_uri)
        box.addLayout(row)
        box.addWidget(self.print_result)
        layout.addWidget(self.printer_box)

        self.sync_box = QGroupBox()
        box = QVBoxLayout(self.sync_box)
        self.sync_state = SyncIndicator(ctx.bridge)
        self.server = QLabel(ctx.settings.server_url or "–")
        self.server.setObjectName("hint")
        self.sync_button = QPushButton()
        self.sync_button.clicked.connect(ctx.sync_now)
        box.addWidget(self.sync_state)
        row = QHBoxLayout()
        row.addWidget(self.sync_button)
        row.addWidget(self.server, 1)
        box.addLayout(row)
        # Enrolling later (the wizard's "Lewati"): the server's address and the code from MPP Induk.
        enroll_row = QHBoxLayout()
        self.enroll_server = QLineEdit(ctx.settings.server_url or "")
        self.enroll_code = QLineEdit()
        self.enroll_code.setMaxLength(64)
        self.enroll_button = QPushButton()
        self.enroll_button.clicked.connect(self.enroll)
        box.addWidget(self.enroll_server)
        enroll_row.addWidget(self.enroll_code, 1)
        enroll_row.addWidget(self.enroll_button)
        box.addLayout(enroll_row)
        self.enroll_result = QLabel()
        self.enroll_result.setWordWrap(True)
        self.enroll_result.hide()
        box.addWidget(self.enroll_result)
        layout.addWidget(self.sync_box)

        self.voice_box = VoiceSettingsBox(ctx)
        layout.addWidget(self.voice_box)

        row = QHBoxLayout()
        self.exit_button = QPushButton()
        self.exit_button.setProperty("tone", "red")
        self.exit_button.clicked.connect(self.exit_app)
        self.close_button = QPushButton()
        self.close_button.setProperty("tone", "green")
        self.close_button.clicked.connect(self.accept)
        for button in (self.test_button, self.retry_button, self.sync_button, self.enroll_button, self.exit_button,
                       self.close_button):
            button.setMinimumHeight(min_touch_px(self))
        row.addWidget(self.exit_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addStretch(1)
        layout.addLayout(row)
        self.resize(760, 820)
        self.retranslate()

    def retranslate(self) -> None:
        self.voice_box.retranslate()
        self.setWindowTitle(self.tr("Panel admin"))
        self.title.setText(self.tr("Panel admin kiosk"))
        who = self.operator.get("name") or self.operator.get("username") or ""
        self.who.setText(self.tr("Masuk sebagai: {who}").format(who=who) if who else "")
        self.printer_box.setTitle(self.tr("Printer"))
        self.test_button.setText(self.tr("Cetak halaman uji"))
        self.retry_button.setText(self.tr("Ulangi cetakan tertunda"))
        self.sync_box.setTitle(self.tr("Sinkronisasi dengan MPP Induk"))
        self.sync_button.setText(self.tr("Sinkronkan sekarang"))
        self.enroll_server.setPlaceholderText(self.tr("Alamat server MPP Induk, mis. https://mpp.kukarkab.go.id"))
        self.enroll_code.setPlaceholderText(self.tr("Kode pendaftaran"))
        self.enroll_button.setText(self.tr("Daftarkan ke MPP Induk"))
        self.exit_button.setText(self.tr("Keluar dari aplikasi kiosk"))
        self.close_button.setText(self.tr("Kembali ke kiosk"))

    def print_test(self) -> None:
        from kiosk.ops import printing

        self.ctx.run_async(printing.print_test, actor=self.operator.get("username") or "kiosk",
                           done=lambda _job: self.print_result.setText(self.tr("Halaman uji dikirim ke printer.")),
                           failed=lambda exc: self.print_result.setText(str(exc)))

    def retry(self) -> None:
        from kiosk.ops import printing

        self.ctx.run_async(printing.retry, all=True,
                           done=lambda jobs: self.print_result.setText(
                               self.tr("{n} cetakan dikirim ulang.").format(n=len(jobs))),
                           failed=lambda exc: self.print_result.setText(str(exc)))

    def enroll(self) -> None:
        """`setup.enroll` off the GUI thread (network); the result in plain words, the panel stays usable."""
        from kiosk.ops import setup

        self.enroll_button.setEnabled(False)
        show_message(self.enroll_result, self.tr("Mendaftarkan…"), "fieldOk")

        def done(result: dict) -> None:
            self.enroll_button.setEnabled(True)
            if result.get("ok"):
                self.server.setText(self.ctx.settings.server_url or "–")
                self.enroll_code.clear()
                show_message(self.enroll_result, self.tr("Terdaftar untuk situs {s}. Sinkronisasi berjalan.").format(
                    s=result.get("site")), "fieldOk")
                self.ctx.sync_now()
            else:
                show_message(self.enroll_result, self.tr("Belum terdaftar: {e}").format(e=result.get("error")),
                             "fieldError")

        def failed(exc) -> None:
            self.enroll_button.setEnabled(True)
            show_message(self.enroll_result, str(exc), "fieldError")

        self.ctx.run_async(setup.enroll_device, done=done, failed=failed, actor=self.operator.get("username"),
                           server=self.enroll_server.text(), code=self.enroll_code.text())

    def exit_app(self) -> None:
        """The only way out of a locked kiosk."""
        if self.kiosk is not None:
            self.kiosk.allow_close()
        self.accept()
        QApplication.quit()
