"""The citizen's touch kiosk: Ambil Antrian, Info Layanan, Cek Status, Survei Kepuasan.

Bahasa Indonesia first (English one touch away, back to Indonesian at home), big tiles of at least
15 mm, high contrast, bundled fonts. Back home after `ui.idle_timeout` seconds without a touch.
In the kiosk role the window cannot be closed (Alt+F4, Esc, close do nothing); five quick taps on the
logo and a supervisor PIN open the admin panel.

Every action is one domain call in one transaction through `UiContext.write`; printing goes to the
spooler through the bridge and never blocks the screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.errors import KioskError
from kiosk.ui import i18n
from kiosk.ui.i18n import Translatable, set_window_language
from kiosk.ui.qt import (
    QApplication,
    QElapsedTimer,
    QEvent,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QObject,
    QPushButton,
    QScrollArea,
    QScroller,
    QSize,
    QSizePolicy,
    QStackedWidget,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui.widgets.clock import ClockLabel, format_day
from kiosk.ui.widgets.common import (
    apply_scaled_style,
    clear_layout,
    get_prop,
    icon_pixmap,
    make_label,
    min_touch_px,
    page_header,
    set_prop,
)
from kiosk.ui.widgets.keypad import OnScreenKeypad
from kiosk.ui.widgets.tiles import BigTile

TICKET_HOME_SECONDS = 8          # after a ticket printed
TICKET_FAILED_HOME_SECONDS = 45  # the number must stay readable when the printer failed
THANKS_HOME_SECONDS = 6
GESTURE_TAPS, GESTURE_WINDOW_MS = 5, 3000
_REGNO_IN_TEXT = re.compile(r"\d{6}-?\d{6}-?[0-9A-Z]{7}-?[0-9A-Z*]")
# A ticket's QR says `T:<ticket uuid>` (kiosk.printing.templates.ticket_qr_payload).
_TICKET_QR = re.compile(r"T:([0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})")
_INPUT_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.TouchBegin,
                 QEvent.Type.TouchUpdate, QEvent.Type.KeyPress, QEvent.Type.Wheel}


@dataclass(frozen=True)
class Choice:
    key: str
    title: str
    title_en: str = ""
    subtitle: str = ""
    subtitle_en: str = ""
    icon: str | None = None
    tone: str = "blue"


def _catalog(session) -> list[dict]:
    """The active catalog as plain dicts (the session closes before the widgets use it)."""
    from kiosk import catalog

    return [{
        "code": s.code, "name": s.name, "name_en": s.name_en or "", "prefix": s.prefix, "mode": s.mode,
        "agency": s.agency_code, "agency_short": s.agency.short, "agency_name": s.agency.name,
        "requirements": list(s.requirements or []), "procedure": list(s.procedure or []), "sla": s.sla,
        "fee_text": s.fee_text or ("Gratis" if not s.fee else f"Rp{s.fee:,}".replace(",", ".")),
        "product": s.product, "complaint": s.complaint,
    } for s in catalog.services(session)]


# --- pages ----------------------------------------------------------------------------------------------

class NavBar(Translatable, QWidget):
    """Kembali / Beranda at the bottom of every page but home; big and always in the same place."""

    back = Signal()
    home = Signal()

    def __init__(self, parent=None, extra: QPushButton | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        self.back_button = QPushButton()
        self.home_button = QPushButton()
        for button, icon_name in ((self.back_button, "back"), (self.home_button, "home")):
            button.setProperty("nav", True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setIcon(icon_pixmap(icon_name, 64))
            button.setIconSize(QSize(36, 36))
            button.setMinimumHeight(min_touch_px(self))
        self.back_button.clicked.connect(self.back)
        self.home_button.clicked.connect(self.home)
        layout.addWidget(self.back_button)
        layout.addStretch(1)
        if extra is not None:
            layout.addWidget(extra)
            layout.addStretch(1)
        layout.addWidget(self.home_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Kembali"))
        self.home_button.setText(self.tr("Beranda"))


def _page_layout(page: QWidget, spacing: int) -> QVBoxLayout:
    """A page's column, with the margins every page with a NavBar uses."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(32, 20, 32, 24)
    layout.setSpacing(spacing)
    return layout


def _add_nav(layout: QVBoxLayout, back, home, extra: QPushButton | None = None) -> NavBar:
    """A NavBar at the bottom of `layout`, its Kembali / Beranda connected to `back` / `home`."""
    nav = NavBar(extra=extra)
    nav.back.connect(back)
    nav.home.connect(home)
    layout.addWidget(nav)
    return nav


def _primary_button(page: QWidget, clicked) -> QPushButton:
    """A big primary button that never takes the keyboard focus."""
    button = QPushButton()
    button.setProperty("primary", True)
    button.setMinimumHeight(min_touch_px(page))
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.clicked.connect(clicked)
    return button


def _scroll_area(widget: QWidget, kinetic: bool = True) -> QScrollArea:
    """`widget` in a vertical scroll area; `kinetic` also scrolls it by dragging a finger."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(widget)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if kinetic:
        QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return scroll


class HomePage(Translatable, QWidget):
    chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 28)
        layout.setSpacing(20)
        self.prompt = QLabel()
        self.prompt.setObjectName("homePrompt")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.prompt)
        grid = QGridLayout()
        grid.setSpacing(24)
        self.tiles = {
            "ticket": BigTile(icon_name="ticket", tone="green", icon_size=96),
            "info": BigTile(icon_name="info", tone="blue", icon_size=96),
            "status": BigTile(icon_name="status", tone="orange", icon_size=96),
            "survey": BigTile(icon_name="survey", tone="purple", icon_size=96),
        }
        for index, (key, tile) in enumerate(self.tiles.items()):
            tile.clicked.connect(lambda _=False, k=key: self.chosen.emit(k))
            grid.addWidget(tile, index // 2, index % 2)
        layout.addLayout(grid, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.prompt.setText(self.tr("Selamat datang! Sentuh salah satu tombol di bawah ini."))
        self.tiles["ticket"].set_texts(self.tr("Ambil Antrian"), self.tr("Ambil nomor untuk dilayani di loket"))
        self.tiles["info"].set_texts(self.tr("Info Layanan"), self.tr("Persyaratan, waktu dan biaya"))
        self.tiles["status"].set_texts(self.tr("Cek Status"), self.tr("Lihat perkembangan permohonan Anda"))
        self.tiles["survey"].set_texts(self.tr("Survei Kepuasan"), self.tr("Beri nilai pelayanan kami"))


class ChoicePage(Translatable, QWidget):
    """A title and a grid of tiles (agencies or services); the tiles are reused when nothing changed."""

    chosen = Signal(str)
    back = Signal()
    home = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[Choice] = []
        self.tiles: dict[str, BigTile] = {}
        layout = _page_layout(self, 16)
        self.title, self.hint = page_header(layout)
        self.grid = QGridLayout()
        self.grid.setSpacing(18)
        holder = QWidget()
        holder.setLayout(self.grid)
        self.scroll = _scroll_area(holder)
        layout.addWidget(self.scroll, 1)
        self.nav = _add_nav(layout, self.back, self.home)
        self._title_key: tuple[str, str] = ("", "")

    def show_choices(self, title: str, hint: str, items: list[Choice]) -> None:
        self._title_key = (title, hint)
        self.title.setText(title)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        if items != self.items:
            self.items = list(items)
            self._build()
        else:
            self._relabel()

    def _build(self) -> None:
        clear_layout(self.grid)
        self.tiles = {}
        count = len(self.items)
        columns = 1 if count <= 3 else 2 if count <= 8 else 3
        small = count > 4
        for index, item in enumerate(self.items):
            tile = BigTile(icon_name=item.icon, tone=item.tone, horizontal=True, icon_size=56 if small else 72)
            tile.setProperty("small", small)
            tile.clicked.connect(lambda _=False, k=item.key: self.chosen.emit(k))
            self.grid.addWidget(tile, index // columns, index % columns)
            self.tiles[item.key] = tile
        rows = (count + columns - 1) // columns
        for row in range(rows):
            self.grid.setRowStretch(row, 1)
        self._relabel()

    def _relabel(self) -> None:
        english = self.language() == "en"
        for item in self.items:
            tile = self.tiles[item.key]
            title = item.title_en if english and item.title_en else item.title
            subtitle = item.subtitle_en if english and item.subtitle_en else item.subtitle
            tile.set_texts(title, subtitle)

    def retranslate(self) -> None:
        self.nav.retranslate()
        self._relabel()


class PriorityPage(Translatable, QWidget):
    chosen = Signal(object)  # None | "lansia" | "disabilitas" | "hamil"
    back = Signal()
    home = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = _page_layout(self, 18)
        self.title, self.hint = page_header(layout)
        row = QHBoxLayout()
        row.setSpacing(18)
        self.tiles = {
            "lansia": BigTile(icon_name="lansia", tone="teal", icon_size=88),
            "disabilitas": BigTile(icon_name="disabilitas", tone="teal", icon_size=88),
            "hamil": BigTile(icon_name="hamil", tone="teal", icon_size=88),
        }
        for key, tile in self.tiles.items():
            tile.setProperty("small", True)
            tile.clicked.connect(lambda _=False, k=key: self.chosen.emit(k))
            row.addWidget(tile)
        layout.addLayout(row, 3)
        self.none_tile = BigTile(icon_name="person", tone="green", horizontal=True, icon_size=80)
        self.none_tile.clicked.connect(lambda: self.chosen.emit(None))
        layout.addWidget(self.none_tile, 2)
        self.nav = _add_nav(layout, self.back, self.home)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Apakah Anda termasuk prioritas?"))
        self.hint.setText(self.tr("Lansia, penyandang disabilitas dan ibu hamil dilayani lebih dulu."))
        self.tiles["lansia"].set_texts(self.tr("Lansia"), self.tr("60 tahun ke atas"))
        self.tiles["disabilitas"].set_texts(self.tr("Disabilitas"), self.tr("Penyandang disabilitas"))
        self.tiles["hamil"].set_texts(self.tr("Ibu Hamil"), "")
        self.none_tile.set_texts(self.tr("Tidak, bukan prioritas"), self.tr("Ambil nomor antrian biasa"))
        self.nav.retranslate()


class TicketPage(Translatable, QWidget):
    """The number, very large, while the ticket prints; clear instructions when the printer fails."""

    done = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.ticket: dict | None = None
        self.print_state = "busy"
        self.job_id = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 16, 40, 24)
        layout.setSpacing(8)
        center = Qt.AlignmentFlag.AlignCenter
        self.heading = make_label(name="pageTitle", align=center)
        self.number = make_label(name="ticketNumber", align=center)
        self.service = make_label(name="ticketService", wrap=True, align=center)
        self.wait = make_label(name="ticketWait", wrap=True, align=center)
        self.print_label = make_label(name="printState", wrap=True, align=center)
        self.done_button = _primary_button(self, self.done)
        self.done_button.setMinimumWidth(min_touch_px(self) * 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.number, 3)
        layout.addWidget(self.service)
        layout.addWidget(self.wait)
        layout.addSpacing(8)
        layout.addWidget(self.print_label)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.done_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.home_timer = QTimer(self)
        self.home_timer.setSingleShot(True)
        self.home_timer.timeout.connect(self.done)

    def show_ticket(self, ticket: dict, service_name: str, job: dict) -> None:
        self.ticket = dict(ticket)
        self._service_name = service_name
        self.job_id = job.get("id")
        self.set_print_state(job.get("state"), job.get("error"))

    def show_error(self, message: str) -> None:
        """No ticket was issued (e.g. the service was just withdrawn): say so, in the same place."""
        self.ticket = None
        self.job_id = None
        self.heading.setText(self.tr("Maaf, nomor antrian tidak dapat diambil."))
        self.number.setText("")
        self.service.setText(message)
        self.wait.setText(self.tr("Silakan tanyakan kepada petugas."))
        self.print_label.setText("")
        set_prop(self.print_label, "tone", "")
        self.home_timer.start(TICKET_FAILED_HOME_SECONDS * 1000)

    def set_print_state(self, state: str | None, error: str | None = None) -> None:
        """queued/sending -> "printing…"; done -> take your ticket; failed -> remember the number."""
        if state == "done":
            self.print_state = "ok"
        elif state in ("failed", "unavailable"):
            self.print_state = "error"
        else:
            self.print_state = "busy"
        self._error = error
        self.retranslate()
        seconds = {"ok": TICKET_HOME_SECONDS, "error": TICKET_FAILED_HOME_SECONDS}.get(self.print_state)
        if seconds:
            self.home_timer.start(seconds * 1000)
        else:
            self.home_timer.start(TICKET_FAILED_HOME_SECONDS * 1000)  # a job that never answers

    def on_job(self, job: dict) -> None:
        if self.ticket is not None and job.get("id") is not None and job.get("id") == self.job_id:
            self.set_print_state(job.get("state"), job.get("error"))

    def retranslate(self) -> None:
        self.done_button.setText(self.tr("Selesai"))
        if self.ticket is None:
            return
        t = self.ticket
        self.heading.setText(self.tr("Nomor antrian Anda"))
        self.number.setText(t["number"])
        priority = i18n.label(i18n.PRIORITY, t.get("priority"), self.language())
        self.service.setText(self._service_name + (f"  ·  {priority}" if priority else ""))
        if t.get("people_ahead") and t.get("estimated_wait_minutes"):
            self.wait.setText(self.tr("{n} orang di depan Anda · perkiraan {m} menit").format(
                n=t["people_ahead"], m=t["estimated_wait_minutes"]))
        elif t.get("people_ahead"):
            self.wait.setText(self.tr("{n} orang di depan Anda").format(n=t["people_ahead"]))
        else:
            self.wait.setText(self.tr("Tidak ada yang di depan Anda. Silakan menunggu panggilan."))
        if self.print_state == "ok":
            text = self.tr("Silakan ambil tiket Anda di bawah layar, lalu tunggu nomor Anda dipanggil.")
        elif self.print_state == "error":
            text = self.tr("Maaf, tiket tidak dapat dicetak. Ingat atau foto nomor {n} ini, lalu sampaikan "
                           "kepada petugas loket. Nomor Anda tetap berlaku.").format(n=t["number"])
        else:
            text = self.tr("Tiket sedang dicetak…")
        self.print_label.setText(text)
        set_prop(self.print_label, "tone", self.print_state)


class InfoPage(Translatable, QWidget):
    """A service's standard: requirements, procedure, time, fee, product, where it is processed."""

    back = Signal()
    home = Signal()
    print_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.service: dict | None = None
        self.job_id = None
        layout = _page_layout(self, 12)
        self.body = QWidget()
        self.body.setObjectName("infoBody")
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(24, 20, 24, 20)
        self.body_layout.setSpacing(8)
        layout.addWidget(_scroll_area(self.body), 1)
        self.print_label = make_label(name="printState", wrap=True)
        self.print_label.hide()
        layout.addWidget(self.print_label)
        self.print_button = _primary_button(
            self, lambda: self.service and self.print_requested.emit(self.service["code"]))
        self.nav = _add_nav(layout, self.back, self.home, extra=self.print_button)

    def show_service(self, service: dict) -> None:
        self.service = service
        self.job_id = None
        self.print_label.hide()
        self.retranslate()

    def _add(self, text: str, name: str) -> QLabel:
        label = make_label(text, name, wrap=True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.body_layout.addWidget(label)
        return label

    def retranslate(self) -> None:
        self.nav.retranslate()
        self.print_button.setText(self.tr("Cetak info ini"))
        clear_layout(self.body_layout)
        s = self.service
        if s is None:
            return
        lang = self.language()
        self._add(i18n.service_name(s, lang), "infoName")
        self._add(s["agency_name"], "infoAgency")
        mode = self._add(i18n.label(i18n.SERVICE_MODE, s["mode"], lang), "infoMode")
        mode.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self._add(self.tr("Persyaratan"), "infoHeading")
        self._add("\n".join(f"{i}.  {r}" for i, r in enumerate(s["requirements"], 1)) or "–", "infoText")
        if s["procedure"]:
            self._add(self.tr("Prosedur"), "infoHeading")
            self._add("\n".join(f"{i}.  {p}" for i, p in enumerate(s["procedure"], 1)), "infoText")
        self._add(self.tr("Waktu penyelesaian"), "infoHeading")
        self._add(s["sla"] or "–", "infoText")
        self._add(self.tr("Biaya"), "infoHeading")
        self._add(s["fee_text"] or "–", "infoText")
        if s["product"]:
            self._add(self.tr("Hasil layanan"), "infoHeading")
            self._add(s["product"], "infoText")
        if s["complaint"]:
            self._add(self.tr("Pengaduan"), "infoHeading")
            self._add(s["complaint"], "infoText")
        self.body_layout.addStretch(1)

    def set_print_state(self, job: dict) -> None:
        state = job.get("state")
        if state == "done":
            text, tone = self.tr("Silakan ambil kertas info di bawah layar."), "ok"
        elif state in ("failed", "unavailable"):
            text, tone = self.tr("Maaf, printer sedang bermasalah. Silakan tanyakan kepada petugas."), "error"
        else:
            text, tone = self.tr("Sedang dicetak…"), "busy"
        self.print_label.setText(text)
        set_prop(self.print_label, "tone", tone)
        self.print_label.show()

    def on_job(self, job: dict) -> None:
        if self.job_id is not None and job.get("id") == self.job_id:
            self.set_print_state(job)


class StatusPage(Translatable, QWidget):
    """Type the registration number (or scan the receipt's QR) -> the status timeline, from the local copy.

    Two faces: the entry (field + keypad, errors right above the keys) and, after a lookup, the result
    across the whole width in large type, with one button to check another number.
    """

    lookup = Signal(str)
    back = Signal()
    home = Signal()

    STEPS = ("received", "forwarded", "in_process", "ready", "handed_over")

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = _page_layout(self, 12)
        self.title = make_label(name="pageTitle")
        layout.addWidget(self.title)
        self.faces = QStackedWidget()
        layout.addWidget(self.faces, 1)

        entry_page = QWidget()
        entry_layout = QVBoxLayout(entry_page)
        entry_layout.setContentsMargins(0, 0, 0, 0)
        entry_layout.setSpacing(12)
        self.hint = make_label(name="pageHint", wrap=True)
        entry_layout.addWidget(self.hint)
        entry = QHBoxLayout()
        self.input = QLineEdit()
        self.input.setObjectName("regnoInput")
        self.input.setMaxLength(80)  # a scanned QR may be a whole URL
        self.input.returnPressed.connect(self.submit)
        self.check_button = _primary_button(self, self.submit)
        entry.addWidget(self.input, 1)
        entry.addWidget(self.check_button)
        entry_layout.addLayout(entry)
        self.error = make_label(name="statusError", wrap=True)
        self.error.hide()
        entry_layout.addWidget(self.error)
        self.keypad = OnScreenKeypad("alnum")
        self.keypad.set_target(self.input)
        entry_layout.addWidget(self.keypad, 1)
        self.faces.addWidget(entry_page)

        result_page = QWidget()
        result_layout = QVBoxLayout(result_page)
        result_layout.setContentsMargins(0, 0, 0, 0)
        self.result = QWidget()
        self.result.setObjectName("infoBody")
        self.result_layout = QVBoxLayout(self.result)
        self.result_layout.setContentsMargins(24, 16, 24, 16)
        self.result_layout.setSpacing(10)
        result_layout.addWidget(_scroll_area(self.result, kinetic=False), 1)
        self.faces.addWidget(result_page)

        self.again_button = _primary_button(self, self.reset)
        self.nav = _add_nav(layout, self._back, self.home, extra=self.again_button)
        self._shown: dict | None = None
        self._error: str | None = None
        self.retranslate()

    def _back(self) -> None:
        if self._shown is not None:
            self.reset()
        else:
            self.back.emit()

    def reset(self) -> None:
        self.input.clear()
        self._shown = None
        self._error = None
        self._render()
        self.input.setFocus()

    def submit(self) -> None:
        text = self.input.text().strip().upper()
        ticket = _TICKET_QR.search(text)
        if ticket:
            self.input.clear()
            self.lookup.emit(f"T:{ticket.group(1).lower()}")
            return
        found = _REGNO_IN_TEXT.search(text)
        if found:
            text = found.group(0)
            self.input.setText(text)
        if text:
            self.lookup.emit(text)

    def show_error(self, message: str) -> None:
        self._shown, self._error = None, message
        self._render()

    def show_status(self, data: dict) -> None:
        self._shown, self._error = data, None
        self._render()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Cek Status Permohonan"))
        self.hint.setText(self.tr("Ketik nomor registrasi pada tanda terima Anda, atau arahkan kode QR "
                                  "tanda terima ke pemindai."))
        from kiosk.applications import REGNO_EXAMPLE

        self.input.setPlaceholderText(self.tr("mis. {example}").format(example=REGNO_EXAMPLE))
        self.check_button.setText(self.tr("Cek"))
        self.again_button.setText(self.tr("Cek nomor lain"))
        self.keypad.retranslate()
        self.nav.retranslate()
        self._render()

    def _add(self, text: str, name: str, state: str | None = None) -> QLabel:
        label = make_label(text, name, wrap=True)
        if state:
            label.setProperty("state", state)
        self.result_layout.addWidget(label)
        return label

    def _render(self) -> None:
        self.error.setText(self._error or "")
        self.error.setVisible(bool(self._error))
        self.again_button.setVisible(self._shown is not None)
        clear_layout(self.result_layout)
        if not self._shown:
            self.faces.setCurrentIndex(0)
            return
        self.faces.setCurrentIndex(1)
        lang = self.language()
        data = self._shown
        if data.get("kind") == "ticket":
            self._render_ticket(data, lang)
            return
        self._add(i18n.label(i18n.APPLICATION_STATUS, data["status"], lang), "statusHeadline")
        self._add(f"{data['registration_number']}  ·  {i18n.service_name(data['service'], lang)}", "statusRegno")
        reached = {h["to"]: h["at"] for h in data["history"]}
        steps = list(self.STEPS)
        if data["mode"] != "forward" and "forwarded" not in reached:
            steps.remove("forwarded")
        if data["status"] == "rejected":
            steps = [s for s in steps if s in reached] + ["rejected"]
        current = data["status"]
        for step in steps:
            at = reached.get(step)
            text = i18n.label(i18n.APPLICATION_STATUS, step, lang)
            if at:
                text += "  ·  " + format_day(at, lang)
            mark = "●" if step == current else "✓" if at else "○"
            state = "rejected" if step == "rejected" else "current" if step == current else "done" if at else "todo"
            self._add(f"{mark}  {text}", "timelineStep", state)
        if data["status"] == "ready":
            self._add(self.tr("Hasil dapat diambil di loket Mini MPP ini. Bawa tanda terima Anda."), "pageHint")
        elif data["status"] == "rejected":
            self._add(self.tr("Silakan tanyakan alasannya kepada petugas loket."), "pageHint")
        self.result_layout.addStretch(1)

    def _render_ticket(self, t: dict, lang: str) -> None:
        """A scanned queue ticket: where it stands today."""
        self._add(self.tr("Nomor antrian {n}").format(n=t["number"]), "statusHeadline")
        self._add(i18n.service_name(t["service"], lang), "statusRegno")
        status = t["status"]
        if status == "waiting":
            text = (self.tr("Menunggu. {n} orang di depan Anda.").format(n=t["people_ahead"]) if t["people_ahead"]
                    else self.tr("Menunggu. Anda berikutnya."))
        elif status in ("called", "serving"):
            text = self.tr("Silakan ke loket {c}.").format(c=t["counter"])
        else:
            text = i18n.label(i18n.TICKET_STATUS, status, lang)
        self._add(text, "timelineStep", "current")
        self.result_layout.addStretch(1)


class SurveyPage(Translatable, QWidget):
    """The 9 SKM questions, one at a time, with four big faces."""

    answered = Signal(list)
    back = Signal()
    home = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.scores: list[int] = []
        layout = _page_layout(self, 14)
        self.progress = make_label(name="surveyProgress")
        self.question = make_label(name="surveyQuestion", wrap=True, align=Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addWidget(self.question)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(18)
        self.faces: dict[int, BigTile] = {}
        for score in (1, 2, 3, 4):
            tile = BigTile(icon_name=f"face{score}", tone="white", icon_size=120)
            tile.setProperty("face", True)
            tile.setProperty("tile", False)
            tile.clicked.connect(lambda _=False, v=score: self.answer(v))
            row.addWidget(tile)
            self.faces[score] = tile
        layout.addLayout(row, 3)
        self.nav = _add_nav(layout, self._back, self.home)

    def start(self) -> None:
        self.scores = []
        self.retranslate()

    def answer(self, score: int) -> None:
        from kiosk.survey import UNSUR

        self.scores.append(score)
        if len(self.scores) == len(UNSUR):
            self.answered.emit(list(self.scores))
        else:
            self.retranslate()

    def _back(self) -> None:
        if self.scores:
            self.scores.pop()
            self.retranslate()
        else:
            self.back.emit()

    def retranslate(self) -> None:
        from kiosk import survey

        lang = self.language()
        index = min(len(self.scores), len(survey.UNSUR) - 1)
        questions = survey.QUESTIONS_EN if lang == "en" else survey.QUESTIONS_ID
        answers = survey.ANSWERS_EN if lang == "en" else survey.ANSWERS_ID
        self.progress.setText(self.tr("Pertanyaan {i} dari {n}").format(i=index + 1, n=len(survey.UNSUR))
                              + f"  ·  {survey.UNSUR[index][1]}")
        self.question.setText(questions[index])
        for score, tile in self.faces.items():
            tile.set_texts(answers[score])
        self.nav.retranslate()


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

    def retranslate(self) -> None:
        self.label.setText(self.tr("Terima kasih!"))
        self.sub.setText(self.tr("Penilaian Anda membantu kami memperbaiki pelayanan."))


# --- the window ------------------------------------------------------------------------------------------

class _Logo(QLabel):
    tapped = Signal()

    def mousePressEvent(self, event) -> None:
        self.tapped.emit()
        event.accept()


class _InputWatch(QObject):
    """Application-wide filter: any touch or key in the kiosk window restarts the idle timer; in the
    kiosk role Esc and Alt+F4 are swallowed."""

    def __init__(self, view: KioskView):
        super().__init__(view)
        self.view = view

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind in _INPUT_EVENTS and isinstance(obj, QWidget) and self.view.owns(obj):
            self.view.touched()
            if kind == QEvent.Type.KeyPress and self.view.locked:
                key = event.key()
                if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_F4 and event.modifiers() & Qt.KeyboardModifier.AltModifier):
                    return True
        return False


class KioskView(Translatable, QWidget):
    """The citizen kiosk window."""

    PAGES = ("home", "choice", "priority", "ticket", "info", "status", "survey", "thanks")

    def __init__(self, ctx, locked: bool = True, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.locked = locked
        self.flow: str | None = None
        self.agency: str | None = None
        self.service: dict | None = None
        self._catalog: list[dict] | None = None
        self._history: list[tuple] = []
        self.setObjectName("kioskRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        set_window_language(self, "id")
        if locked:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setWindowTitle("Mini MPP — Kiosk")

        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self._build_header())
        self.stack = QStackedWidget()
        root.addWidget(self.stack, 1)
        self.home_page = HomePage()
        self.choice_page = ChoicePage()
        self.priority_page = PriorityPage()
        self.ticket_page = TicketPage()
        self.info_page = InfoPage()
        self.status_page = StatusPage()
        self.survey_page = SurveyPage()
        self.thanks_page = ThanksPage()
        for page in (self.home_page, self.choice_page, self.priority_page, self.ticket_page, self.info_page,
                     self.status_page, self.survey_page, self.thanks_page):
            self.stack.addWidget(page)
        self.home_page.chosen.connect(self.start_flow)
        for page in (self.choice_page, self.priority_page, self.info_page, self.status_page, self.survey_page):
            page.back.connect(self.go_back)
            page.home.connect(self.go_home)
        self.choice_page.chosen.connect(self.choose)
        self.priority_page.chosen.connect(self.take_ticket)
        self.ticket_page.done.connect(self.go_home)
        self.info_page.print_requested.connect(self.print_info)
        self.status_page.lookup.connect(self.check_status)
        self.survey_page.answered.connect(self.submit_survey)
        self.thanks_page.done.connect(self.go_home)
        ctx.bridge.printJobChanged.connect(self.ticket_page.on_job)
        ctx.bridge.printJobChanged.connect(self.info_page.on_job)

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.on_idle)
        self.set_idle_timeout(int(ctx.settings.get("ui.idle_timeout")))
        self._watch = _InputWatch(self)
        QApplication.instance().installEventFilter(self._watch)
        self._taps = QElapsedTimer()
        self._tap_count = 0
        self.retranslate()
        apply_scaled_style(self, "kiosk.qss")

    # --- chrome ------------------------------------------------------------------------------------

    def _build_header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("kioskHeader")
        layout = QHBoxLayout(header)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.setSpacing(16)
        self.logo = _Logo()
        self.logo.setObjectName("kioskLogo")
        self.logo.setPixmap(icon_pixmap("logo", 64))
        self.logo.tapped.connect(self.logo_tapped)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title = QLabel(self.ctx.site_title())
        self.title.setObjectName("kioskTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("kioskSubtitle")
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        self.clock = ClockLabel(self.ctx.clock)
        self.clock.setObjectName("kioskClock")
        self.language_button = QPushButton()
        self.language_button.setObjectName("languageButton")
        self.language_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.language_button.setMinimumHeight(min_touch_px(self))
        self.language_button.setIcon(icon_pixmap("globe", 64))
        self.language_button.setIconSize(QSize(32, 32))
        self.language_button.clicked.connect(self.toggle_language)
        layout.addWidget(self.logo)
        layout.addLayout(titles, 1)
        layout.addWidget(self.clock)
        layout.addSpacing(12)
        layout.addWidget(self.language_button)
        return header

    def retranslate(self) -> None:
        self.subtitle.setText(self.tr("Mal Pelayanan Publik · Kabupaten Kutai Kartanegara"))
        # The button names the *other* language, in that language.
        self.language_button.setText("English" if self.language() == "id" else "Bahasa Indonesia")
        for page in (self.home_page, self.choice_page, self.priority_page, self.ticket_page, self.info_page,
                     self.status_page, self.survey_page, self.thanks_page):
            page.retranslate()
        if self.stack.currentWidget() is self.choice_page and self._history:
            self._show_step(self._history[-1], push=False)

    def set_language(self, lang: str) -> None:
        set_window_language(self, lang)
        self.retranslate()

    def toggle_language(self) -> None:
        self.set_language("en" if self.language() == "id" else "id")

    def resizeEvent(self, event) -> None:
        apply_scaled_style(self, "kiosk.qss")
        super().resizeEvent(event)

    # --- lock-down ----------------------------------------------------------------------------------

    def owns(self, widget: QWidget) -> bool:
        window = widget.window()
        return window is self or (window is not None and window.parent() is self)

    def closeEvent(self, event) -> None:
        if self.locked and not get_prop(self, "allowClose", False):
            event.ignore()
            return
        QApplication.instance().removeEventFilter(self._watch)
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:
        if self.locked and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def allow_close(self) -> None:
        self.setProperty("allowClose", True)

    def logo_tapped(self) -> None:
        """Hidden gesture: five taps on the logo within three seconds -> supervisor PIN -> admin panel."""
        if self._tap_count == 0 or self._taps.elapsed() > GESTURE_WINDOW_MS:
            self._taps.start()
            self._tap_count = 0
        self._tap_count += 1
        if self._tap_count >= GESTURE_TAPS:
            self._tap_count = 0
            self.open_admin()

    def open_admin(self) -> None:
        from kiosk.ui.admin import AdminPanel, PinDialog

        dialog = PinDialog(self.ctx, self)
        if dialog.exec() and dialog.operator:
            AdminPanel(self.ctx, kiosk=self, operator=dialog.operator, parent=self).exec()

    # --- idle ------------------------------------------------------------------------------------------

    def set_idle_timeout(self, seconds: float) -> None:
        self.idle_timer.setInterval(max(1, int(seconds * 1000)))
        self.idle_timer.start()

    def touched(self) -> None:
        self.idle_timer.start()

    def on_idle(self) -> None:
        if self.stack.currentWidget() is not self.home_page or self.language() != "id":
            self.go_home()
        self.idle_timer.start()

    # --- navigation ------------------------------------------------------------------------------------

    def current_page(self) -> str:
        return self.PAGES[self.stack.currentIndex()]

    def go_home(self) -> None:
        self.flow = self.agency = self.service = None
        self._history.clear()
        self.ticket_page.home_timer.stop()
        self.thanks_page.timer.stop()
        self.status_page.reset()
        if self.language() != "id":
            self.set_language("id")
        self.stack.setCurrentWidget(self.home_page)

    def go_back(self) -> None:
        if len(self._history) <= 1:
            self.go_home()
            return
        self._history.pop()
        self._show_step(self._history[-1], push=False)

    def _show_step(self, step: tuple, push: bool = True) -> None:
        if push:
            self._history.append(step)
        kind = step[0]
        if kind == "agencies":
            self._show_agencies()
        elif kind == "services":
            self._show_services(step[1])
        elif kind == "priority":
            self.stack.setCurrentWidget(self.priority_page)
        elif kind == "info":
            self.info_page.show_service(step[1])
            self.stack.setCurrentWidget(self.info_page)
        elif kind == "survey":
            self.survey_page.start()
            self.stack.setCurrentWidget(self.survey_page)

    def catalog(self) -> list[dict]:
        if self._catalog is None:
            self._catalog = self.ctx.read(_catalog)
        return self._catalog

    def refresh_catalog(self) -> None:
        """Forget the cached catalog (after a pull from central changed it)."""
        self._catalog = None

    def start_flow(self, flow: str) -> None:
        self.flow = flow
        self._history.clear()
        self.refresh_catalog()
        if flow == "status":
            self.status_page.reset()
            self._history.append(("status",))
            self.stack.setCurrentWidget(self.status_page)
            self.status_page.input.setFocus()
            return
        self._show_step(("agencies",))

    def _flow_question(self) -> str:
        return {
            "ticket": self.tr("Ambil Antrian"),
            "info": self.tr("Info Layanan"),
            "survey": self.tr("Survei Kepuasan"),
        }.get(self.flow or "", "")

    def _show_agencies(self) -> None:
        agencies: dict[str, dict] = {}
        for s in self.catalog():
            agencies.setdefault(s["agency"], {"short": s["agency_short"], "name": s["agency_name"], "count": 0})
            agencies[s["agency"]]["count"] += 1
        tone = {"ticket": "green", "info": "blue", "survey": "purple"}.get(self.flow or "", "blue")
        items = [Choice(code, a["short"], subtitle=self.tr("{n} layanan").format(n=a["count"]), icon="building",
                        tone=tone) for code, a in agencies.items()]
        hint = (self.tr("Layanan apa yang Anda terima hari ini? Pilih instansinya.") if self.flow == "survey"
                else self.tr("Pilih instansi yang Anda tuju."))
        title = self.tr("{flow} — Pilih instansi").format(flow=self._flow_question())
        self.choice_page.show_choices(title, hint, items)
        self.stack.setCurrentWidget(self.choice_page)

    def _show_services(self, agency: str) -> None:
        tone = {"ticket": "green", "info": "blue", "survey": "purple"}.get(self.flow or "", "blue")
        items = []
        for s in self.catalog():
            if s["agency"] != agency:
                continue
            mode = i18n.translate_in("id", "Status", i18n.SERVICE_MODE[s["mode"]])
            mode_en = i18n.translate_in("en", "Status", i18n.SERVICE_MODE[s["mode"]])
            items.append(Choice(s["code"], s["name"], s["name_en"], mode, mode_en, tone=tone))
        agency_short = next((s["agency_short"] for s in self.catalog() if s["agency"] == agency), agency)
        self.choice_page.show_choices(self.tr("{agency} — Pilih layanan").format(agency=agency_short), "", items)
        self.stack.setCurrentWidget(self.choice_page)

    def choose(self, key: str) -> None:
        step = self._history[-1][0] if self._history else None
        if step == "agencies":
            self.agency = key
            self._show_step(("services", key))
            return
        self.service = next((s for s in self.catalog() if s["code"] == key), None)
        if self.service is None:
            return
        if self.flow == "ticket":
            self._show_step(("priority", key))
        elif self.flow == "info":
            self._show_step(("info", self.service))
        elif self.flow == "survey":
            self._show_step(("survey", key))

    # --- actions (one domain call each) -------------------------------------------------------------

    def take_ticket(self, priority: str | None = None, service_code: str | None = None) -> dict | None:
        """Ambil Antrian: issue the ticket, show the number, queue its print."""
        from kiosk import tickets

        code = service_code or (self.service or {}).get("code")
        if not code:
            return None
        now = self.ctx.now()
        bridge = self.ctx.bridge

        def issue(s) -> dict:
            # The ticket and its print job in one transaction: a ticket never exists without its job.
            ticket = tickets.issue_ticket(s, code, now=now, priority=priority, actor="kiosk")
            data = tickets.ticket_dict(s, ticket)
            data["print"] = bridge.queue_print_in(s, "ticket", ticket.id, actor="kiosk")
            return data

        try:
            ticket = self.ctx.write(issue)
        except KioskError as exc:
            self.ticket_page.show_error(str(exc))
            self._history.clear()
            self.stack.setCurrentWidget(self.ticket_page)
            return None
        bridge.jobs_queued(ticket["print"])
        service = next((s for s in self.catalog() if s["code"] == ticket["service"]), {"name": ticket["service"]})
        self.ticket_page.show_ticket(ticket, i18n.service_name(service, self.language()), ticket["print"])
        self._history.clear()
        self.stack.setCurrentWidget(self.ticket_page)
        return ticket

    def print_info(self, service_code: str) -> None:
        job = self.ctx.bridge.submit_print("info", service_code, actor="kiosk")
        self.info_page.job_id = job.get("id")
        self.info_page.set_print_state(job)

    def check_status(self, text: str) -> None:
        """Cek Status from the local copy: status and dates only, no personal data on a public screen."""
        from kiosk import applications, tickets

        if text.startswith("T:"):
            now = self.ctx.now()

            def ticket_query(s):
                return tickets.ticket_dict(s, tickets.find_ticket(s, text[2:], now=now))

            try:
                data = self.ctx.read(ticket_query)
            except KioskError as exc:
                self.status_page.show_error(str(exc))
                return
            service = next((x for x in self.catalog() if x["code"] == data["service"]), {"name": data["service"]})
            self.status_page.show_status({**data, "kind": "ticket", "service": service})
            return

        def query(s):
            app = applications.find_application(s, text)
            return {"registration_number": app.registration_number, "status": app.status,
                    "mode": app.service.mode,
                    "service": {"name": app.service.name, "name_en": app.service.name_en},
                    "history": [{"to": e.to_status, "at": e.at.astimezone(_site_tz())} for e in app.history]}

        try:
            data = self.ctx.read(query)
        except KioskError as exc:
            self.status_page.show_error(str(exc))
            return
        self.status_page.show_status(data)

    def submit_survey(self, scores: list[int]) -> None:
        from kiosk import survey

        code = (self.service or {}).get("code")
        now = self.ctx.now()

        def add(session) -> None:
            survey.add_survey(session, service_code=code, scores=scores, now=now)

        try:
            self.ctx.write(add)
        except KioskError as exc:
            self.survey_page.progress.setText(str(exc))
            return
        self._history.clear()
        self.stack.setCurrentWidget(self.thanks_page)
        self.thanks_page.timer.start(THANKS_HOME_SECONDS * 1000)


def _site_tz():
    from kiosk.clock import SITE_TZ

    return SITE_TZ
