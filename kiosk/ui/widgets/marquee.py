"""Running text (teks berjalan) for the TV display: scrolls right to left, repeats, cheap to paint."""

from __future__ import annotations

from kiosk.ui.qt import QPainter, QSizePolicy, QTimer, QWidget

SEPARATOR = "     •     "


class Marquee(QWidget):
    """Paints one line of text moving left by `speed` pixels per tick (~30 ticks a second)."""

    def __init__(self, parent=None, speed: int = 2, interval_ms: int = 33):
        super().__init__(parent)
        self.setObjectName("marquee")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._text = ""
        self._offset = 0
        self._speed = speed
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def set_items(self, items: list[str]) -> None:
        text = SEPARATOR.join(i.strip() for i in items if i and i.strip())
        if text != self._text:
            self._text = text
            self._offset = 0
            self.update()
        if text and not self._timer.isActive() and self.isVisible():
            self._timer.start()

    def text(self) -> str:
        return self._text

    def showEvent(self, event) -> None:
        if self._text:
            self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setHeight(self.fontMetrics().height() + 16)
        return hint

    def _tick(self) -> None:
        if not self._text:
            self._timer.stop()
            return
        self._offset += self._speed
        width = self.fontMetrics().horizontalAdvance(self._text + SEPARATOR)
        if width and self._offset >= width:
            self._offset -= width
        self.update()

    def paintEvent(self, event) -> None:
        if not self._text:
            return
        painter = QPainter(self)
        painter.setFont(self.font())
        painter.setPen(self.palette().windowText().color())
        metrics = self.fontMetrics()
        unit = self._text + SEPARATOR
        width = metrics.horizontalAdvance(unit)
        y = (self.height() + metrics.ascent() - metrics.descent()) // 2
        x = -self._offset
        while x < self.width():
            painter.drawText(x, y, unit)
            x += max(width, 1)
        painter.end()
