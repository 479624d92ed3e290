"""The TV display: the number each counter is calling (the largest text on screen), the last calls, how
many wait per service, clock and date, and a running text of announcements from central. A new call
flashes its counter and is announced aloud: a chime, then "Nomor antrian A dua puluh lima, silakan menuju
loket dua" (kiosk.voice).

It fits any hall: 1 to 12 counters on a 1080p or 4K screen, landscape or portrait. Sizes follow the
window (the style is designed at 1280x720 and scaled by the short and long sides, so a portrait TV gets
the same letters as a landscape one); the counters' grid picks the column count that gives the biggest
numbers, each number is sized to its card, and long names are elided rather than cut.

It follows the database through the bridge (`queueChanged`), so a call made by a counter in another
process on this PC shows (and is heard) within a second. All of its reading is in `_read()`.
"""

from __future__ import annotations

import logging
import math

from kiosk.ui import i18n
from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import (
    QBoxLayout,
    QColor,
    QFont,
    QFontMetrics,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPainter,
    QRect,
    QSizePolicy,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui.widgets.clock import ClockLabel, format_date
from kiosk.ui.widgets.common import (
    clear_layout,
    get_prop,
    icon_pixmap,
    scaled_style,
    set_prop,
    style_template,
)
from kiosk.ui.widgets.marquee import Marquee

log = logging.getLogger(__name__)

FLASH_MS = 6000
BLINK_MS = 500
SLOW_REFRESH_MS = 15_000  # announcements and the date; calls come through queueChanged
DESIGN = (1280, 720)      # display.qss sizes (spx) are for this; scaled by long and short side
GRID_SPACING = 16         # spx
CARD_PADDING = 12         # spx
SAMPLE_NUMBER = "M-000"   # the widest a ticket number gets: every card's number is sized for it
MAX_RECENT = 6
CALLS_PAGE = 50


def display_scale(width: int, height: int) -> float:
    """How much bigger than the design the window is: long side against 1280, short side against 720."""
    long_side, short_side = max(width, height, 1), max(min(width, height), 1)
    return max(0.5, min(long_side / DESIGN[0], short_side / DESIGN[1], 4.0))


def _ignore_size(widget: QWidget) -> QWidget:
    """Let the layout size this widget (its text is fitted or elided to whatever it gets)."""
    widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
    widget.setMinimumSize(1, 1)
    return widget


def _elide(label: QLabel, text: str, width: int) -> None:
    label.setText(label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max(1, width)))
    label.setToolTip(text)


class CounterCard(Translatable, QFrame):
    """One counter: its name, the number it is calling (sized to the card) and the service or its state."""

    def __init__(self, counter: int, parent=None):
        super().__init__(parent)
        self.counter = counter
        self.state = "open"
        self.reason = ""
        self._service = ""
        self.setObjectName("counterCard")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.padding = (CARD_PADDING, 6)  # px, set by the view for its scale
        # Placed by hand in _fit(): name on top, service (or state) at the bottom, the number between.
        self.name = QLabel(self)
        self.name.setObjectName("counterName")
        self.number = QLabel("—", self)
        self.number.setObjectName("counterNumber")
        self.service = QLabel(self)
        self.service.setObjectName("counterService")
        for label in (self.name, self.number, self.service):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._blink = QTimer(self)
        self._blink.setInterval(BLINK_MS)
        self._blink.timeout.connect(self._toggle)
        self._stop = QTimer(self)
        self._stop.setSingleShot(True)
        self._stop.timeout.connect(self.stop_flash)
        self.retranslate()

    def retranslate(self) -> None:
        self.name.setText(self.tr("LOKET {n}").format(n=self.counter))
        self._fit()

    def show_ticket(self, number: str | None, service: str) -> None:
        self.number.setText(number or "—")
        self._service = service
        self._fit()

    def set_state(self, state: str | None, reason: str | None = None) -> None:
        """open | paused | closed (a missing state is open)."""
        state = state if state in ("paused", "closed") else "open"
        if state != self.state or (reason or "") != self.reason:
            self.state, self.reason = state, reason or ""
            set_prop(self, "state", state)
            self._repolish()
            self._fit()

    def state_text(self) -> str:
        label = {"paused": self.tr("ISTIRAHAT"), "closed": self.tr("TUTUP")}.get(self.state, "")
        return f"{label} — {self.reason}" if label and self.reason else label

    def bottom_text(self) -> str:
        return self.state_text() or self._service

    def number_px(self) -> int:
        return self.number.font().pixelSize()

    def set_padding(self, horizontal: int, vertical: int) -> None:
        self.padding = (horizontal, vertical)
        self._fit()

    def _fit(self) -> None:
        """Number as large as the card allows; name and service elided to the card's width."""
        self.ensurePolished()  # the fonts come from the view's scaled style sheet
        frame = self.frameWidth() + 3  # the QSS border is drawn inside the frame
        pad_x, pad_y = self.padding
        x, width = frame + pad_x, max(1, self.width() - 2 * (frame + pad_x))
        top, bottom = frame + pad_y, self.height() - frame - pad_y
        name_h = self.name.fontMetrics().height()
        service_h = self.service.fontMetrics().height()
        self.name.setGeometry(x, top, width, name_h)
        self.service.setGeometry(x, bottom - service_h, width, service_h)
        number_h = max(1, bottom - service_h - top - name_h)
        self.number.setGeometry(x, top + name_h, width, number_h)
        _elide(self.name, self.tr("LOKET {n}").format(n=self.counter), width)
        _elide(self.service, self.bottom_text(), width)
        font = QFont(self.number.font())
        font.setPixelSize(100)
        metrics = QFontMetrics(font)
        by_width = width * 100 / max(1, metrics.horizontalAdvance(SAMPLE_NUMBER))
        by_height = number_h * 100 / max(1, metrics.height())
        px = max(8, int(min(by_width, by_height) * 0.96))
        if px != self.number.font().pixelSize():
            self.number.setStyleSheet(f"font-size: {px}px;")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _repolish(self) -> None:
        for widget in (self, self.name, self.number, self.service):  # colours depend on the card's state
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def _set_flash(self, on: bool) -> None:
        set_prop(self, "flash", on)
        self._repolish()

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


class RowsPanel(QWidget):
    """Rows of (bold key, text, bold value) painted in aligned columns: as many as fit the height, the
    middle column elided to the width, "+N lainnya" when some rows do not fit. Nothing is ever cut."""

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        _ignore_size(self)
        self._rows: list[tuple[str, str, str]] = []
        self._empty = ""
        self.more_text = "+{n}"  # None: rows that do not fit are left out silently (the oldest last calls)

    def set_rows(self, rows: list[tuple[str, str, str]], empty: str) -> None:
        if rows != self._rows or empty != self._empty:
            self._rows, self._empty = list(rows), empty
            self.update()

    def row_height(self) -> int:
        return round(self.fontMetrics().height() * 1.1)

    def shown_rows(self) -> list[tuple[str, str, str]]:
        """The rows painted at the current size (the last one may be "+N lainnya")."""
        fit = max(1, self.height() // max(1, self.row_height()))
        if len(self._rows) <= fit:
            return list(self._rows)
        if self.more_text is None:
            return self._rows[:fit]
        return self._rows[:fit - 1] + [("", self.more_text.format(n=len(self._rows) - fit + 1), "")]

    def text(self) -> str:
        """What is shown, one row a line (tests, accessibility)."""
        rows = self.shown_rows()
        return "\n".join(" ".join(p for p in row if p) for row in rows) if rows else self._empty

    def _columns(self, rows) -> tuple[QFont, int, int, int]:
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        gap = max(4, self.fontMetrics().horizontalAdvance("  "))
        first = max((metrics.horizontalAdvance(r[0]) for r in rows), default=0)
        last = max((metrics.horizontalAdvance(r[2]) for r in rows), default=0)
        middle = self.width() - first - last - (2 * gap if first else gap)
        return bold, first, last, middle

    def cells(self) -> list[tuple[str, str, QRect]]:
        """(kind, text drawn, rectangle) of every cell — kind is key, text or value — for painting and for
        the layout tests."""
        rows = self.shown_rows()
        if not rows:
            return []
        _bold, first, last, middle = self._columns([r for r in rows if r[0] or r[2]] or rows)
        gap = max(4, self.fontMetrics().horizontalAdvance("  "))
        height = self.row_height()
        out = []
        for index, (key, text, value) in enumerate(rows):
            y = index * height
            x = 0
            if key:
                out.append(("key", key, QRect(0, y, first, height)))
            if first:
                x = first + gap
            if text and not (key or value):  # "+N lainnya": the whole width
                x, span = 0, self.width()
            else:
                span = max(1, middle)
            if text:
                elided = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, span)
                out.append(("text", elided, QRect(x, y, span, height)))
            if value:
                out.append(("value", value, QRect(self.width() - last, y, last, height)))
        return out

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        if not self._rows:
            painter.setPen(QColor("#9FB3C8"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                             self.fontMetrics().elidedText(self._empty, Qt.TextElideMode.ElideRight, self.width()))
            painter.end()
            return
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setPen(self.palette().windowText().color())
        for kind, text, rect in self.cells():
            painter.setFont(self.font() if kind == "text" else bold)
            align = Qt.AlignmentFlag.AlignRight if kind == "value" else Qt.AlignmentFlag.AlignLeft
            painter.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()


def best_columns(count: int, width: int, height: int, spacing: int, chrome_h: int, number_ratio: float,
                 chrome_w: int = 0) -> int:
    """The column count that gives the biggest numbers for `count` cards in width x height.

    `chrome_h` / `chrome_w` are a card's height / width besides its number (name, service, padding);
    `number_ratio` is the sample number's width per pixel of font size.
    """
    best, best_px = 1, -1.0
    for columns in range(1, max(1, count) + 1):
        rows = math.ceil(count / columns)
        card_w = (width - (columns - 1) * spacing) / columns
        card_h = (height - (rows - 1) * spacing) / rows
        px = min((card_w - chrome_w) / number_ratio, (card_h - chrome_h) / 1.4)
        if px > best_px + 0.5:
            best, best_px = columns, px
    return best


class _ResizeAware(QWidget):
    """A plain container that calls back when the layout has given it a new size."""

    def __init__(self, on_resize, parent=None):
        super().__init__(parent)
        self._on_resize = on_resize

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._on_resize()


class DisplayView(Translatable, QWidget):
    """The wall screen. `called` is emitted for every new call (and recall) it notices."""

    called = Signal(dict)

    def __init__(self, ctx, parent=None, announcer=None):
        super().__init__(parent)
        self.ctx = ctx
        self.cards: dict[int, CounterCard] = {}
        self.board: dict = {"counters": [], "recent": [], "waiting": {}}
        self._names: dict[str, dict] = {}
        self._columns = 0
        self._scale = 0.0
        self.announcer = announcer if announcer is not None else _default_announcer(ctx)
        self.setObjectName("displayRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle("Mini MPP — Layar antrian")
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)

        self.header = QFrame()
        self.header.setObjectName("displayHeader")
        h = QHBoxLayout(self.header)
        self.logo = QLabel()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title = _ignore_size(QLabel(ctx.site_title()))
        self.title.setObjectName("displayTitle")
        self.date = _ignore_size(QLabel())
        self.date.setObjectName("displayDate")
        titles.addWidget(self.title)
        titles.addWidget(self.date)
        self.clock = ClockLabel(ctx.clock, seconds=False)
        self.clock.setObjectName("displayClock")
        h.addWidget(self.logo)
        h.addLayout(titles, 1)
        h.addWidget(self.clock)
        root.addWidget(self.header)

        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.grid_host = _ResizeAware(self._arrange)
        self.grid_host.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.empty = _ignore_size(QLabel())
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.grid.addWidget(self.empty, 0, 0)
        self.body.addWidget(self.grid_host, 7)

        self.side = QFrame()
        self.side.setObjectName("sidePanel")
        self.side.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.side_layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.side)
        self.recent_title, self.recent = QLabel(), RowsPanel("lastCall")
        self.waiting_title, self.waiting = QLabel(), RowsPanel("waitingRow")
        for title, content in ((self.recent_title, self.recent), (self.waiting_title, self.waiting)):
            box = QVBoxLayout()
            box.setSpacing(4)
            title.setObjectName("sideTitle")
            title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            box.addWidget(title)
            box.addWidget(content, 1)
            self.side_layout.addLayout(box, 1)
        self.body.addWidget(self.side, 3)
        root.addLayout(self.body, 1)
        self.marquee = Marquee()
        self.marquee.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        root.addWidget(self.marquee)

        ctx.bridge.queueChanged.connect(self.refresh)
        self._slow = QTimer(self)
        self._slow.setInterval(SLOW_REFRESH_MS)
        self._slow.timeout.connect(self.refresh_slow)
        self._slow.start()
        announcer = self.announcer
        self.destroyed.connect(lambda *_: announcer.stop(timeout=2))
        announcer.start()
        self._apply_scale()
        self.retranslate()
        self.refresh()
        self.refresh_slow()

    # --- sizes ------------------------------------------------------------------------------------

    def _apply_scale(self) -> None:
        """Style, paddings and orientation for the current window size."""
        scale = round(display_scale(self.width(), self.height()), 3)
        portrait = self.height() > self.width()
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        self.body.setStretch(0, 13 if portrait else 7)
        self.body.setStretch(1, 6 if portrait else 3)
        # Portrait: last calls and waiting side by side under the counters.
        self.side_layout.setDirection(QBoxLayout.Direction.LeftToRight if portrait else QBoxLayout.Direction.TopToBottom)
        self.side_layout.setStretch(0, 4 if portrait else 1)
        self.side_layout.setStretch(1, 5 if portrait else 1)
        if scale == self._scale:
            return
        self._scale = scale
        self.setStyleSheet(scaled_style(style_template("display.qss"), scale))
        px = lambda n: max(1, round(n * scale))  # noqa: E731
        self.header.layout().setContentsMargins(px(20), px(8), px(20), px(8))
        self.logo.setPixmap(icon_pixmap("logo", px(64)))
        self.body.setContentsMargins(px(16), px(16), px(16), px(16))
        self.body.setSpacing(px(16))
        self.grid.setSpacing(px(GRID_SPACING))
        self.side_layout.setContentsMargins(px(16), px(12), px(16), px(12))
        self.side_layout.setSpacing(px(16))
        for card in self.cards.values():
            card.set_padding(px(CARD_PADDING), px(6))
        self.ensurePolished()
        for label in (self.title, self.date, self.recent_title, self.waiting_title):
            label.ensurePolished()
            label.setFixedHeight(label.fontMetrics().height())

    def _fit_texts(self) -> None:
        """Header and panel titles elided to the width they got."""
        _elide(self.title, self.ctx.site_title(), self.title.width())
        _elide(self.date, format_date(self.ctx.now(), self.language()), self.date.width())
        _elide(self.recent_title, self.tr("Panggilan terakhir"), self.recent_title.width())
        _elide(self.waiting_title, self.tr("Menunggu"), self.waiting_title.width())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_scale()
        self._arrange()
        QTimer.singleShot(0, self._fit_texts)  # once the layout has given the labels their widths

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._apply_scale()
        self._arrange()
        QTimer.singleShot(0, self._fit_texts)

    def secondary_px(self) -> int:
        """The pixel size of the secondary text (last calls, waiting, service names)."""
        return self.waiting.font().pixelSize()

    def _arrange(self) -> None:
        """Put the cards in the grid with the column count that gives the biggest numbers."""
        count = len(self.cards)
        if not count:
            return
        spacing = self.grid.spacing()
        sample = next(iter(self.cards.values()))
        sample.ensurePolished()
        line = sample.name.fontMetrics().height() + sample.service.fontMetrics().height()
        font = QFont(sample.number.font())
        font.setPixelSize(100)
        ratio = QFontMetrics(font).horizontalAdvance(SAMPLE_NUMBER) / 100
        pad_x, pad_y = (2 * (round(p * self._scale) + 6) for p in (CARD_PADDING, 6))  # 6: frame and border
        columns = best_columns(count, self.grid_host.width(), self.grid_host.height(), spacing,
                               line + pad_y, ratio, chrome_w=pad_x)
        if columns == self._columns:
            return
        self._columns = columns
        for index, card in enumerate(self.cards.values()):
            self.grid.addWidget(card, index // columns, index % columns)
        rows = math.ceil(count / columns)
        for row in range(12):
            self.grid.setRowStretch(row, 1 if row < rows else 0)
        for col in range(12):
            self.grid.setColumnStretch(col, 1 if col < columns else 0)

    # --- data --------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.empty.setText(self.tr("Belum ada loket yang diatur."))
        for card in self.cards.values():
            card.retranslate()
        self._fit_texts()
        self._render_side()

    def refresh_slow(self) -> None:
        from kiosk.errors import KioskError
        from kiosk.ops import catalog

        self._fit_texts()
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

    def _read(self) -> tuple[dict, dict, list[dict]] | None:
        """Everything the screen and its voice need, in one read: board, service names, new call events."""
        from kiosk.errors import KioskError
        from kiosk.ops import catalog, queue

        announcer = self.announcer
        try:
            board, names = self.ctx.run(queue.display_board), self.ctx.run(catalog.service_names)
            calls, after = [], announcer.after
            while True:  # a burst larger than a page is read to the end
                page = self.ctx.run(queue.calls, after=after if announcer.resumed else None, limit=CALLS_PAGE)
                if not announcer.resumed:  # where the voice starts: its cursor, or the newest call
                    announcer.resume(page["latest"])
                    after = announcer.after
                    continue
                calls += page["calls"]
                if len(page["calls"]) < CALLS_PAGE:
                    break
                after = page["calls"][-1]["event_id"]
            return board, names, calls
        except KioskError:
            return None

    def refresh(self) -> None:
        read = self._read()
        if read is None:
            self.board, calls = {"counters": [], "recent": [], "waiting": {}}, []
        else:
            self.board, self._names, calls = read
        self._render()
        self._announce(calls)

    def _announce(self, calls: list[dict]) -> None:
        """Flash the counters of new calls and hand them to the voice (which drops any too old to say)."""
        if not calls:
            return
        self.announcer.offer(calls)
        now = self.ctx.now()
        max_age = int(self.ctx.settings.get("voice.max_age"))
        for call in calls:
            if (now - call["at"]).total_seconds() > max_age:
                continue  # old news (the display was off): no flash either
            card = self.cards.get(call["counter"])
            if card is not None:
                card.flash()
            self.called.emit({"counter": call["counter"], "number": call["number"], "service": call["service"]})

    def _render(self) -> None:
        counters = self.board["counters"]
        numbers = [c["counter"] for c in counters]
        if numbers != list(self.cards):
            clear_layout(self.grid)
            self.empty = _ignore_size(QLabel(self.tr("Belum ada loket yang diatur.")))
            self.empty.setObjectName("emptyHint")
            self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.empty.setWordWrap(True)
            self.grid.addWidget(self.empty, 0, 0)
            self.cards = {}
            px = lambda n: max(1, round(n * self._scale))  # noqa: E731
            for n in numbers:
                card = CounterCard(n)
                card.set_padding(px(CARD_PADDING), px(6))
                self.cards[n] = card
            self._columns = 0
            self._arrange()
        self.empty.setVisible(not numbers)
        for c in counters:
            t = c["ticket"]
            card = self.cards[c["counter"]]
            card.set_state(c.get("state"), c.get("reason"))
            card.show_ticket(None if t is None else t["number"], "" if t is None else self.service_name(t["service"]))
        self._render_side()

    def _render_side(self) -> None:
        """Last calls and waiting per service (the panels show as many rows as fit)."""
        self.recent.more_text = None
        self.waiting.more_text = self.tr("+{n} lainnya")
        self.recent.set_rows([(call["number"], "", self.tr("Loket {n}").format(n=call["counter"]))
                              for call in self.board["recent"][:MAX_RECENT]], self.tr("Belum ada panggilan."))
        waiting = self.board["waiting"]
        rows = []
        for code in sorted(waiting, key=lambda c: self._names.get(c, {}).get("prefix", c)):
            rows.append((self._names.get(code, {}).get("prefix", ""), self.service_name(code), str(waiting[code])))
        self.waiting.set_rows(rows, self.tr("Tidak ada yang menunggu."))

    def number_on(self, counter: int) -> str | None:
        card = self.cards.get(counter)
        text = card.number.text() if card else None
        return None if text in (None, "—") else text

    def closeEvent(self, event) -> None:
        self.announcer.stop(timeout=2)
        super().closeEvent(event)


def _default_announcer(ctx):
    """This PC's voice: settings re-read before each call (so `kiosk config set voice.*` counts at once),
    the cursor in the data dir (so a restart never repeats a call)."""
    from kiosk import config
    from kiosk.voice.announcer import CURSOR_FILE, Announcer, CursorFile, VoiceSettings

    data_dir = ctx.app.data_dir

    def settings() -> VoiceSettings:
        try:
            return VoiceSettings.from_settings(config.load(data_dir))
        except Exception:  # a broken config.toml: keep speaking with what the app started with
            return VoiceSettings.from_settings(ctx.settings)

    return Announcer(settings, clock=ctx.clock, cursor=CursorFile(data_dir / CURSOR_FILE))
