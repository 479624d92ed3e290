"""The TV display: the number each counter is calling (very large), the last calls, how many wait per
service, clock and date, and a running text of announcements from central. A new call flashes.

It follows the database through the bridge (`queueChanged`), so a call made by a counter in another
process on this PC shows here within a second.
"""

from __future__ import annotations

from kiosk.ui import i18n
from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui.widgets.clock import ClockLabel, format_date
from kiosk.ui.widgets.common import apply_scaled_style, clear_layout, get_prop, icon_pixmap, set_prop
from kiosk.ui.widgets.marquee import Marquee

FLASH_MS = 6000
BLINK_MS = 500
SLOW_REFRESH_MS = 15_000  # announcements and the date; calls come through queueChanged


class CounterCard(Translatable, QFrame):
    def __init__(self, counter: int, parent=None):
        super().__init__(parent)
        self.counter = counter
        self.setObjectName("counterCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(0)
        self.name = QLabel()
        self.name.setObjectName("counterName")
        self.number = QLabel("—")
        self.number.setObjectName("counterNumber")
        self.service = QLabel()
        self.service.setObjectName("counterService")
        self.service.setWordWrap(True)
        for label in (self.name, self.number, self.service):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.name)
        layout.addWidget(self.number, 1)
        layout.addWidget(self.service)
        self._blink = QTimer(self)
        self._blink.setInterval(BLINK_MS)
        self._blink.timeout.connect(self._toggle)
        self._stop = QTimer(self)
        self._stop.setSingleShot(True)
        self._stop.timeout.connect(self.stop_flash)
        self.retranslate()

    def retranslate(self) -> None:
        self.name.setText(self.tr("LOKET {n}").format(n=self.counter))

    def show_ticket(self, number: str | None, service: str) -> None:
        self.number.setText(number or "—")
        self.service.setText(service)

    def _set_flash(self, on: bool) -> None:
        set_prop(self, "flash", on)
        for label in (self.name, self.number, self.service):  # their colours depend on the card's state
            label.style().unpolish(label)
            label.style().polish(label)

    def flash(self) -> None:
        self._set_flash(True)
        self._blink.start()
        self._stop.start(FLASH_MS)

    def is_flashing(self) -> bool:
        return self._stop.isActive()

    def _toggle(self) -> None:
        self._set_flash(not get_prop(self, "flash", False))

    def stop_flash(self) -> None:
        self._blink.stop()
        self._stop.stop()
        self._set_flash(False)


class DisplayView(Translatable, QWidget):
    """The wall screen. `called` is emitted for every new call (and recall) it notices."""

    called = Signal(dict)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.cards: dict[int, CounterCard] = {}
        self.board: dict = {"counters": [], "recent": [], "waiting": {}}
        self._seen: dict[int, tuple] | None = None
        self._names: dict[str, dict] = {}
        self.setObjectName("displayRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle("Mini MPP — Layar antrian")
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)

        header = QFrame()
        header.setObjectName("displayHeader")
        h = QHBoxLayout(header)
        h.setContentsMargins(20, 8, 20, 8)
        logo = QLabel()
        logo.setPixmap(icon_pixmap("logo", 64))
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title = QLabel(ctx.site_title())
        self.title.setObjectName("displayTitle")
        self.date = QLabel()
        self.date.setObjectName("displayDate")
        titles.addWidget(self.title)
        titles.addWidget(self.date)
        self.clock = ClockLabel(ctx.clock, seconds=False)
        self.clock.setObjectName("displayClock")
        h.addWidget(logo)
        h.addLayout(titles, 1)
        h.addWidget(self.clock)
        root.addWidget(header)

        body = QHBoxLayout()
        body.setContentsMargins(16, 16, 16, 16)
        body.setSpacing(16)
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        self.empty = QLabel()
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        left = QVBoxLayout()
        left.addLayout(self.grid, 1)
        left.addWidget(self.empty)
        body.addLayout(left, 7)
        side = QFrame()
        side.setObjectName("sidePanel")
        s = QVBoxLayout(side)
        s.setContentsMargins(16, 12, 16, 12)
        self.recent_title = QLabel()
        self.recent_title.setObjectName("sideTitle")
        self.recent = QLabel()
        self.recent.setObjectName("lastCall")
        self.waiting_title = QLabel()
        self.waiting_title.setObjectName("sideTitle")
        self.waiting = QLabel()
        self.waiting.setObjectName("waitingRow")
        self.waiting.setWordWrap(True)
        s.addWidget(self.recent_title)
        s.addWidget(self.recent)
        s.addSpacing(12)
        s.addWidget(self.waiting_title)
        s.addWidget(self.waiting)
        s.addStretch(1)
        body.addWidget(side, 3)
        root.addLayout(body, 1)
        self.marquee = Marquee()
        self.marquee.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        root.addWidget(self.marquee)

        ctx.bridge.queueChanged.connect(self.refresh)
        self._slow = QTimer(self)
        self._slow.setInterval(SLOW_REFRESH_MS)
        self._slow.timeout.connect(self.refresh_slow)
        self._slow.start()
        self.retranslate()
        self.refresh()
        self.refresh_slow()
        apply_scaled_style(self, "display.qss", (1280, 720))

    def resizeEvent(self, event) -> None:
        apply_scaled_style(self, "display.qss", (1280, 720))
        super().resizeEvent(event)

    def retranslate(self) -> None:
        self.recent_title.setText(self.tr("Panggilan terakhir"))
        self.waiting_title.setText(self.tr("Menunggu"))
        self.empty.setText(self.tr("Belum ada loket yang diatur."))
        for card in self.cards.values():
            card.retranslate()
        self.date.setText(format_date(self.ctx.now(), self.language()))

    def refresh_slow(self) -> None:
        from kiosk.errors import KioskError
        from kiosk.ops import catalog

        self.date.setText(format_date(self.ctx.now(), self.language()))
        try:
            items = self.ctx.run(catalog.running_text)
        except KioskError:  # no site yet: keep the default line
            items = []
        default = self.tr("Selamat datang di {site}. Ambil nomor antrian di kiosk, lalu tunggu nomor Anda "
                          "dipanggil. Layanan tanpa biaya tambahan; laporkan pungutan liar ke SP4N-LAPOR!"
                          ).format(site=self.ctx.site_title())
        self.marquee.set_items(items or [default])

    def service_name(self, code: str) -> str:
        info = self._names.get(code)
        return i18n.service_name(info, self.language()) if info else code

    def refresh(self) -> None:
        from kiosk.errors import KioskError
        from kiosk.ops import catalog, queue

        try:
            self.board = self.ctx.run(queue.display_board)
            self._names = self.ctx.run(catalog.service_names)
        except KioskError:
            self.board = {"counters": [], "recent": [], "waiting": {}}
        self._render()

    def _render(self) -> None:
        counters = self.board["counters"]
        numbers = [c["counter"] for c in counters]
        if numbers != list(self.cards):
            clear_layout(self.grid)
            self.cards = {}
            columns = 1 if len(numbers) <= 1 else 2 if len(numbers) <= 4 else 3
            for index, n in enumerate(numbers):
                card = CounterCard(n)
                self.grid.addWidget(card, index // columns, index % columns)
                self.cards[n] = card
            for row in range(4):
                self.grid.setRowStretch(row, 1 if row < (len(numbers) + columns - 1) // columns else 0)
            for col in range(3):
                self.grid.setColumnStretch(col, 1 if col < columns else 0)
        self.empty.setVisible(not numbers)
        seen: dict[int, tuple] = {}
        for c in counters:
            t = c["ticket"]
            card = self.cards[c["counter"]]
            if t is None:
                card.show_ticket(None, "")
                continue
            card.show_ticket(t["number"], self.service_name(t["service"]))
            seen[c["counter"]] = (t["id"], t["called_at"], t["recall_count"])
            if self._seen is not None and t["status"] == "called" and self._seen.get(c["counter"]) != seen[c["counter"]]:
                card.flash()
                # The system chime until a voice/chime file is bundled (QtMultimedia is not in Essentials).
                QApplication.beep()
                self.called.emit({"counter": c["counter"], "number": t["number"], "service": t["service"]})
        self._seen = seen
        self.recent.setText(self._table(
            [(call["number"], self.tr("Loket {n}").format(n=call["counter"])) for call in self.board["recent"]],
            self.tr("Belum ada panggilan."), big=True))
        waiting = self.board["waiting"]
        rows = []
        for code in sorted(waiting, key=lambda c: self._names.get(c, {}).get("prefix", c)):
            prefix = self._names.get(code, {}).get("prefix", "")
            name = self.service_name(code)
            rows.append((prefix, name if len(name) <= 26 else name[:25].rstrip() + "…", str(waiting[code])))
        self.waiting.setText(self._table(rows, self.tr("Tidak ada yang menunggu.")))

    @staticmethod
    def _table(rows: list[tuple[str, ...]], empty: str, big: bool = False) -> str:
        """One rich-text table per panel: aligned columns, no widget churn on every call."""
        from html import escape

        if not rows:
            return f"<span style='color:#9FB3C8'>{escape(empty)}</span>"
        cells = []
        for row in rows:
            first, *middle, last = row
            tds = [f"<td style='padding-right:14px'><b>{escape(first)}</b></td>"]
            tds += [f"<td style='padding-right:10px; white-space:nowrap'>{escape(m)}</td>" for m in middle]
            tds.append(f"<td align='right'><b>{escape(last)}</b></td>")
            cells.append(f"<tr>{''.join(tds)}</tr>")
        return f"<table width='100%' cellspacing='0' cellpadding='3'>{''.join(cells)}</table>"

    def number_on(self, counter: int) -> str | None:
        card = self.cards.get(counter)
        text = card.number.text() if card else None
        return None if text in (None, "—") else text
