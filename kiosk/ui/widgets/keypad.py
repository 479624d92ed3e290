"""On-screen keypad for touch screens: digits, or digits and letters, typing into a QLineEdit.

Keys never take the keyboard focus, so a QR scanner (which types like a keyboard) keeps typing into
the same field while the keypad is on screen.
"""

from __future__ import annotations

from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import QGridLayout, QLineEdit, QPushButton, QSize, QSizePolicy, Qt, QWidget, Signal
from kiosk.ui.widgets.common import min_touch_px

BACKSPACE, CLEAR = "\b", "\x7f"
# Rows of keys; "Hapus semua" spans three columns so its label fits.
NUMERIC = [list("123"), list("456"), list("789"), [CLEAR, "0", BACKSPACE]]
ALNUM = [list("1234567890"), list("QWERTYUIOP"), list("ASDFGHJKL-"), list("ZXCVBNM.*") + [BACKSPACE],
         [CLEAR]]
WIDE = {CLEAR}


class OnScreenKeypad(Translatable, QWidget):
    """Big keys; `submitted` when OK is pressed (if `with_ok`)."""

    submitted = Signal()

    def __init__(self, mode: str = "numeric", with_ok: bool = False, parent=None):
        super().__init__(parent)
        self.setObjectName("keypad")
        self._target: QLineEdit | None = None
        self.keys: dict[str, QPushButton] = {}
        rows = NUMERIC if mode == "numeric" else ALNUM
        columns = len(rows[0])
        grid = QGridLayout(self)
        grid.setSpacing(8)
        grid.setContentsMargins(0, 0, 0, 0)
        side = min_touch_px(self)
        for r, row in enumerate(rows):
            c = 0
            for key in row:
                span = 3 if key in WIDE and mode != "numeric" else 1
                button = QPushButton()
                button.setProperty("key", True)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.setMinimumSize(QSize(side, side))
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
                button.setAutoRepeat(key == BACKSPACE)
                button.clicked.connect(lambda _=False, k=key: self.press(k))
                grid.addWidget(button, r, c, 1, span)
                c += span
                self.keys[key] = button
        if with_ok:
            ok = QPushButton()
            ok.setProperty("key", True)
            ok.setProperty("tone", "green")
            ok.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            ok.setMinimumSize(QSize(side, side))
            ok.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            ok.clicked.connect(self.submitted)
            grid.addWidget(ok, len(rows), 0, 1, columns)
            self.keys["OK"] = ok
        self.retranslate()

    def retranslate(self) -> None:
        for key, button in self.keys.items():
            if key == BACKSPACE:
                button.setText("⌫")
                button.setToolTip(self.tr("Hapus satu"))
            elif key == CLEAR:
                button.setText(self.tr("Hapus semua"))
            elif key == "OK":
                button.setText(self.tr("OK"))
            else:
                button.setText(key)

    def set_target(self, line_edit: QLineEdit | None) -> None:
        self._target = line_edit

    def target(self) -> QLineEdit | None:
        return self._target

    def press(self, key: str) -> None:
        target = self._target
        if target is None:
            return
        if key == BACKSPACE:
            target.backspace()
        elif key == CLEAR:
            target.clear()
        else:
            target.insert(key)
