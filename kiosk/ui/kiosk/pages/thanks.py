"""After the survey: thank the citizen, then back home on its own."""

from __future__ import annotations

from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import QLabel, Qt, QTimer, QVBoxLayout, QWidget, Signal
from kiosk.ui.widgets.common import icon_pixmap, make_label

THANKS_HOME_SECONDS = 6


class ThanksPage(Translatable, QWidget):
    done = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        self.label = make_label(name="thanks", wrap=True, align=Qt.AlignmentFlag.AlignCenter)
        self.sub = make_label(name="pageHint", wrap=True, align=Qt.AlignmentFlag.AlignCenter)
        icon = QLabel()
        icon.setPixmap(icon_pixmap("face4", 160))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(icon)
        layout.addWidget(self.label)
        layout.addWidget(self.sub)
        layout.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.done)
        self.retranslate()

    def start(self) -> None:
        """Shown: go home after a few seconds."""
        self.timer.start(THANKS_HOME_SECONDS * 1000)

    def retranslate(self) -> None:
        self.label.setText(self.tr("Terima kasih!"))
        self.sub.setText(self.tr("Penilaian Anda membantu kami memperbaiki pelayanan."))
