"""The counter's sign-in page: username and PIN; a refusal is said under the form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.errors import KioskError
from kiosk.ops import operators
from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from kiosk.ui.widgets.common import LoginForm, error_label, show_message

if TYPE_CHECKING:
    from kiosk.ui.counter.host import CounterHost


class LoginPage(Translatable, QWidget):
    def __init__(self, view: CounterHost):
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
        """One sign-in attempt (`operator.sign_in`: a failure counts towards the lockout)."""
        try:
            operator = self.view.ctx.run(operators.sign_in, username=self.username.text(), pin=self.pin.text())
        except KioskError as exc:
            self.pin.clear()
            show_message(self.error, str(exc))
            return
        show_message(self.error, None)
        self.pin.clear()
        self.view.logged_in(operator)
