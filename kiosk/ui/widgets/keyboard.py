"""On-screen keyboard for free text on a touch screen (a survey suggestion): letters, digits, punctuation,
space, shift and backspace, typing into a QPlainTextEdit or a QLineEdit, up to a length limit.

Keys never take the keyboard focus, so a real keyboard or a scanner keeps working alongside.
"""

from __future__ import annotations

from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import (
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSize,
    QSizePolicy,
    Qt,
    QWidget,
    Signal,
)
from kiosk.ui.widgets.common import min_touch_px

SHIFT, BACKSPACE, SPACE, ENTER = "shift", "\b", " ", "\n"
# Ten columns; the last row holds shift, space (six columns wide) and the line break.
ROWS = [list("1234567890"), list("qwertyuiop"), list("asdfghjkl") + [BACKSPACE], list("zxcvbnm,.?"),
        [SHIFT, "-", SPACE, "!", ENTER]]
SPANS = {SPACE: 5, SHIFT: 2, ENTER: 1, BACKSPACE: 1}


class TextKeyboard(Translatable, QWidget):
    """Big keys for free text. `shift` capitalises the next letter (twice: until pressed again);
    `changed` after every key."""

    changed = Signal()

    def __init__(self, limit: int | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("textKeyboard")
        self.limit = limit
        self._target: QPlainTextEdit | QLineEdit | None = None
        self._shift = 0  # 0 off, 1 next letter, 2 locked
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setSpacing(6)
        grid.setContentsMargins(0, 0, 0, 0)
        side = min_touch_px(self)
        for r, row in enumerate(ROWS):
            c = 0
            for key in row:
                span = SPANS.get(key, 1)
                button = QPushButton()
                button.setProperty("key", True)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.setMinimumSize(QSize(side, side))
                button.setMaximumHeight(round(side * 1.6))  # a portrait screen gives the room to the text
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
                button.setAutoRepeat(key == BACKSPACE)
                button.clicked.connect(lambda _=False, k=key: self.press(k))
                grid.addWidget(button, r, c, 1, span)
                c += span
                self.keys[key] = button
        self.retranslate()

    def retranslate(self) -> None:
        upper = self._shift > 0
        for key, button in self.keys.items():
            if key == SHIFT:
                button.setText("⇧ ABC" if self._shift == 2 else "⇧ Abc" if self._shift else "⇧ abc")
            elif key == BACKSPACE:
                button.setText("⌫")
                button.setToolTip(self.tr("Hapus satu"))
            elif key == SPACE:
                button.setText(self.tr("spasi"))
            elif key == ENTER:
                button.setText("↵")
                button.setToolTip(self.tr("Baris baru"))
            else:
                button.setText(key.upper() if upper and key.isalpha() else key)

    def set_target(self, target: QPlainTextEdit | QLineEdit | None) -> None:
        self._target = target

    def _text(self) -> str:
        target = self._target
        if isinstance(target, QPlainTextEdit):
            return target.toPlainText()
        return target.text() if target is not None else ""

    def press(self, key: str) -> None:
        target = self._target
        if target is None:
            return
        if key == SHIFT:
            self._shift = (self._shift + 1) % 3
            self.retranslate()
            return
        if key == BACKSPACE:
            if isinstance(target, QPlainTextEdit):
                target.textCursor().deletePreviousChar()
            else:
                target.backspace()
        else:
            if key == ENTER and isinstance(target, QLineEdit):
                return
            if self.limit is not None and len(self._text()) >= self.limit:
                return
            text = key.upper() if self._shift and key.isalpha() else key
            if isinstance(target, QPlainTextEdit):
                target.insertPlainText(text)
                target.ensureCursorVisible()
            else:
                target.insert(text)
            if self._shift == 1 and key.isalpha():
                self._shift = 0
                self.retranslate()
        self.changed.emit()
