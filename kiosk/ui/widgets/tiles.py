"""The big touch tile: an icon over one or two lines of large text, at least 15 mm in both directions."""

from __future__ import annotations

from kiosk.ui.qt import QHBoxLayout, QLabel, QPushButton, QSize, QSizePolicy, Qt, QVBoxLayout
from kiosk.ui.widgets.common import icon_pixmap, min_touch_px


class BigTile(QPushButton):
    """A push button for fingers. `tone` picks the colour in the style sheet (green, blue, ...)."""

    def __init__(self, title: str = "", subtitle: str = "", icon_name: str | None = None, tone: str = "blue",
                 horizontal: bool = False, icon_size: int = 72, parent=None):
        super().__init__(parent)
        self.setProperty("tone", tone)
        self.setProperty("tile", True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        side = min_touch_px(self)
        self.setMinimumSize(QSize(side * 2, side))
        self._icon_name = icon_name
        self._icon_size = icon_size
        self.icon_label = QLabel()
        self.icon_label.setObjectName("tileIcon")
        self.title_label = QLabel(title)
        self.title_label.setObjectName("tileTitle")
        self.subtitle_label = QLabel(subtitle)
        self.subtitle_label.setObjectName("tileSubtitle")
        for label in (self.icon_label, self.title_label, self.subtitle_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setWordWrap(label is not self.icon_label)
        texts = QVBoxLayout()
        texts.setSpacing(4)
        texts.addWidget(self.title_label)
        texts.addWidget(self.subtitle_label)
        if horizontal:
            layout = QHBoxLayout(self)
            layout.setContentsMargins(24, 12, 24, 12)
            layout.setSpacing(24)
            layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignVCenter)
            layout.addLayout(texts, 1)
            align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        else:
            layout = QVBoxLayout(self)
            layout.setContentsMargins(16, 16, 16, 16)
            layout.setSpacing(10)
            layout.addStretch(1)
            layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignHCenter)
            layout.addLayout(texts)
            layout.addStretch(1)
            align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
        self.title_label.setAlignment(align)
        self.subtitle_label.setAlignment(align)
        self.set_icon(icon_name, icon_size)
        self.subtitle_label.setVisible(bool(subtitle))

    def set_icon(self, name: str | None, size: int | None = None) -> None:
        self._icon_name = name
        self._icon_size = size or self._icon_size
        if name:
            self.icon_label.setPixmap(icon_pixmap(name, self._icon_size))
        self.icon_label.setVisible(bool(name))

    def set_texts(self, title: str, subtitle: str = "") -> None:
        self.title_label.setText(title)
        self.subtitle_label.setText(subtitle)
        self.subtitle_label.setVisible(bool(subtitle))

    def text(self) -> str:  # what tests and screen readers see
        return self.title_label.text()

    def sizeHint(self) -> QSize:
        hint = self.layout().sizeHint()
        return QSize(max(hint.width(), self.minimumWidth()), max(hint.height(), self.minimumHeight()))
