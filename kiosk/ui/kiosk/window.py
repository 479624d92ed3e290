"""The citizen kiosk's window: header (logo, site, clock, language), the pages, navigation and lock-down.

Bahasa Indonesia first (English one touch away, back to Indonesian at home), big tiles of at least
15 mm, high contrast, bundled fonts. Back home after `ui.idle_timeout` seconds without a touch.
In the kiosk role the window cannot be closed (Alt+F4, Esc, close do nothing); five quick taps on the
logo and a supervisor PIN open the admin panel.

The window walks the citizen through the pages (`kiosk.ui.kiosk.pages`) and reads the catalog; each
action (take a ticket, print an info sheet, check a status, answer the survey) is one op that its page
runs through the UiContext. Printing goes to the spooler and never blocks the screen.
"""

from __future__ import annotations

from kiosk.errors import KioskError
from kiosk.ops import catalog as catalog_ops
from kiosk.ui import i18n
from kiosk.ui.i18n import Translatable, set_window_language
from kiosk.ui.kiosk.pages import (
    BookingPage,
    Choice,
    ChoicePage,
    HomePage,
    InfoPage,
    PriorityPage,
    SearchPage,
    StatusPage,
    SurveyPage,
    ThanksPage,
    TicketPage,
)
from kiosk.ui.kiosk.pages.booking import BOOKING_QR
from kiosk.ui.kiosk.pages.common import KIOSK_ACTOR
from kiosk.ui.qt import (
    QApplication,
    QElapsedTimer,
    QEvent,
    QFrame,
    QHBoxLayout,
    QLabel,
    QObject,
    QPushButton,
    QSize,
    QStackedWidget,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui.widgets.clock import ClockLabel
from kiosk.ui.widgets.common import apply_scaled_style, get_prop, icon_pixmap, min_touch_px

GESTURE_TAPS, GESTURE_WINDOW_MS = 5, 3000
_INPUT_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.TouchBegin,
                 QEvent.Type.TouchUpdate, QEvent.Type.KeyPress, QEvent.Type.Wheel}


class _Logo(QLabel):
    tapped = Signal()

    def mousePressEvent(self, event) -> None:
        self.tapped.emit()
        event.accept()


class _InputWatch(QObject):
    """Application-wide filter: any touch or key in the kiosk window restarts the idle timer; in the
    kiosk role Esc and Alt+F4 are swallowed. No context menu anywhere in the kiosk (a right-click or a
    long press on a text field would open Qt's English Undo/Cut/Paste menu)."""

    def __init__(self, view: KioskView):
        super().__init__(view)
        self.view = view

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ContextMenu and isinstance(obj, QWidget) and self.view.owns(obj):
            return True
        if kind in _INPUT_EVENTS and isinstance(obj, QWidget) and self.view.owns(obj):
            self.view.touched()
            if kind == QEvent.Type.KeyPress and self.view.locked:
                key = event.key()
                if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_F4 and event.modifiers() & Qt.KeyboardModifier.AltModifier):
                    return True
        return False


class KioskView(Translatable, QWidget):
    """The citizen kiosk window."""

    PAGES = ("home", "choice", "priority", "ticket", "info", "status", "survey", "thanks", "search", "booking")
    PRINTER_PROBLEMS = {"paper_out", "cover_open", "offline", "error"}

    def __init__(self, ctx, locked: bool = True, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.locked = locked
        self.flow: str | None = None
        self.agency: str | None = None
        self.service: dict | None = None
        self.priority: str | None = None  # chosen with the home's secondary "Prioritas" button, never asked
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
        self.ticket_page = TicketPage(ctx)
        self.info_page = InfoPage(ctx)
        self.status_page = StatusPage(ctx)
        self.survey_page = SurveyPage(ctx, at_home=lambda: self.stack.currentWidget() is self.home_page)
        self.thanks_page = ThanksPage()
        self.search_page = SearchPage(ctx, self.catalog)
        self.booking_page = BookingPage(ctx)
        for page in (self.home_page, self.choice_page, self.priority_page, self.ticket_page, self.info_page,
                     self.status_page, self.survey_page, self.thanks_page, self.search_page, self.booking_page):
            self.stack.addWidget(page)
        self.home_page.chosen.connect(self.start_flow)
        self.home_page.service_chosen.connect(lambda code: self.take_ticket(self.priority, service_code=code))
        for page in (self.choice_page, self.priority_page, self.info_page, self.status_page, self.survey_page,
                     self.search_page, self.booking_page):
            page.back.connect(self.go_back)
            page.home.connect(self.go_home)
        self.search_page.chosen.connect(lambda code: self.take_ticket(self.priority, service_code=code))
        self.booking_page.checked_in.connect(self.show_checked_in)
        self.survey_page._catcher.routes.append((BOOKING_QR, self.scan_booking))
        ctx.bridge.printerStateChanged.connect(self.on_printer_state)
        ctx.bridge.queueChanged.connect(self.on_records_changed)
        self.choice_page.chosen.connect(self.choose)
        self.priority_page.chosen.connect(self.choose_priority)
        self.ticket_page.done.connect(self.go_home)
        self.survey_page.submitted.connect(self.show_thanks)
        self.survey_page.wanted.connect(self.open_survey)  # a ticket's QR, or a counter's invitation
        self.survey_page.not_served.connect(self.show_ticket_status)
        self.thanks_page.done.connect(self.go_home)

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.on_idle)
        self.set_idle_timeout(int(ctx.settings.get("ui.idle_timeout")))
        self._watch = _InputWatch(self)
        QApplication.instance().installEventFilter(self._watch)
        self._taps = QElapsedTimer()
        self._tap_count = 0
        self.retranslate()
        self.on_printer_state(ctx.bridge.printer_state)
        self.refresh_home()
        self.apply_style()

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
                     self.status_page, self.survey_page, self.thanks_page, self.search_page, self.booking_page):
            page.retranslate()
        if self.stack.currentWidget() is self.choice_page and self._history:
            self._show_step(self._history[-1], push=False)

    def set_language(self, lang: str) -> None:
        set_window_language(self, lang)
        self.retranslate()

    def toggle_language(self) -> None:
        self.set_language("en" if self.language() == "id" else "id")

    def resizeEvent(self, event) -> None:
        self.apply_style()
        super().resizeEvent(event)

    def apply_style(self) -> float:
        """The style sheet scaled to the window; a portrait screen is designed at 800x1280, so its fonts
        are as big as in landscape (not shrunk to the narrow side)."""
        base = (1280, 800) if self.width() >= self.height() else (800, 1280)
        return apply_scaled_style(self, "kiosk.qss", base)

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
        self.flow = self.agency = self.service = self.priority = None
        self._history.clear()
        self.ticket_page.home_timer.stop()
        self.thanks_page.timer.stop()
        self.status_page.reset()
        if self.language() != "id":
            self.set_language("id")
        self.refresh_catalog()
        self.refresh_home()
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
        elif kind in ("search", "booking", "status"):
            self.stack.setCurrentWidget({"search": self.search_page, "booking": self.booking_page,
                                         "status": self.status_page}[kind])
        elif kind == "services":
            self._show_services(step[1])
        elif kind == "priority":
            self.stack.setCurrentWidget(self.priority_page)
        elif kind == "info":
            self.info_page.show_service(step[1])
            self.stack.setCurrentWidget(self.info_page)
        elif kind == "survey":
            self.survey_page.start(step[1])
            self.stack.setCurrentWidget(self.survey_page)

    def catalog(self) -> list[dict]:
        if self._catalog is None:
            self._catalog = self.ctx.run(catalog_ops.service_details, actor=KIOSK_ACTOR)
        return self._catalog

    def refresh_catalog(self) -> None:
        """Forget the cached catalog (after a pull from central changed it)."""
        self._catalog = None

    def offered(self) -> list[dict]:
        """The services a ticket can be taken for here (no counter serves the others: not offered)."""
        return [s for s in self.catalog() if s.get("available", True)]

    def refresh_home(self) -> None:
        """The home's one-touch tiles: the services most issued here lately (available ones)."""
        try:
            codes = self.ctx.run(catalog_ops.popular_services, actor=KIOSK_ACTOR)
        except KioskError:
            codes = []
        by_code = {s["code"]: s for s in self.offered()}
        self.home_page.set_popular([by_code[c] for c in codes if c in by_code])

    def on_records_changed(self) -> None:
        """Counters opened, paused or set up elsewhere: the idle home follows (never a page in use)."""
        if self.stack.currentWidget() is self.home_page:
            self.refresh_catalog()
            self.refresh_home()

    def on_printer_state(self, state: dict) -> None:
        problem = bool(state.get("enabled", True)) and state.get("state") in self.PRINTER_PROBLEMS
        self.home_page.set_printer_problem(problem)

    def start_flow(self, flow: str) -> None:
        self.flow = flow
        self._history.clear()
        self.refresh_catalog()
        if flow == "survey":  # the survey page asks for the service itself (one touch)
            self._show_step(("survey", None))
            return
        if flow == "status":
            self.status_page.reset()
            self._show_step(("status",))
            self.status_page.input.setFocus()
            return
        if flow == "search":
            self.flow = "ticket"
            self.search_page.reset()
            self._show_step(("search",))
            return
        if flow == "booking":
            self.booking_page.reset()
            self._show_step(("booking",))
            return
        if flow == "priority":  # optional: which priority, then the services
            self.flow = "ticket"
            self._show_step(("priority",))
            return
        self._show_step(("agencies",))

    def _flow_question(self) -> str:
        return {
            "ticket": self.tr("Ambil Antrian"),
            "info": self.tr("Info Layanan"),
            "survey": self.tr("Survei Kepuasan"),
        }.get(self.flow or "", "")

    def _services_for_flow(self) -> list[dict]:
        """Info Layanan tells of every service; a ticket or a survey only of those served here."""
        return self.catalog() if self.flow == "info" else self.offered()

    def _show_agencies(self) -> None:
        agencies: dict[str, dict] = {}
        for s in self._services_for_flow():
            agencies.setdefault(s["agency"], {"short": s["agency_short"], "name": s["agency_name"], "count": 0})
            agencies[s["agency"]]["count"] += 1
        tone = {"ticket": "green", "info": "blue", "survey": "purple"}.get(self.flow or "", "blue")
        items = []
        if self.flow == "ticket":  # the most-used services first, by the names citizens use
            for service in self.home_page.popular:
                items.append(Choice("svc:" + service["code"], service.get("label") or service["name"],
                                    service.get("label_en") or "", self._service_subtitle(service, "id"),
                                    self._service_subtitle(service, "en"), icon="ticket", tone="teal"))
        items += [Choice(code, a["short"], subtitle=self.tr("{n} layanan").format(n=a["count"]), icon="building",
                         tone=tone) for code, a in agencies.items()]
        hint = (self.tr("Layanan apa yang Anda terima hari ini? Pilih instansinya.") if self.flow == "survey"
                else self.tr("Pilih instansi yang Anda tuju."))
        title = self.tr("{flow} — Pilih instansi").format(flow=self._flow_question())
        if self.flow == "ticket":
            hint = self.tr("Pilih layanan Anda, atau instansinya.")
        hint = self._priority_note(hint)
        self.choice_page.show_choices(title, hint, items)
        self.stack.setCurrentWidget(self.choice_page)

    def _show_services(self, agency: str) -> None:
        tone = {"ticket": "green", "info": "blue", "survey": "purple"}.get(self.flow or "", "blue")
        items = []
        for s in self._services_for_flow():
            if s["agency"] != agency:
                continue
            items.append(Choice(s["code"], s["name"], s["name_en"], self._service_subtitle(s, "id"),
                                self._service_subtitle(s, "en"), tone=tone))
        agency_short = next((s["agency_short"] for s in self.catalog() if s["agency"] == agency), agency)
        self.choice_page.show_choices(self.tr("{agency} — Pilih layanan").format(agency=agency_short),
                                      self._priority_note(""), items)
        self.stack.setCurrentWidget(self.choice_page)

    def _service_subtitle(self, service: dict, lang: str) -> str:
        """A service tile's second line: the counters' pause if any, else where it is processed."""
        if service.get("notice"):
            return i18n.translate_in(lang, "HomePage", "Loket sedang istirahat")
        return i18n.translate_in(lang, "Status", i18n.SERVICE_MODE[service["mode"]])

    def _priority_note(self, hint: str) -> str:
        if not self.priority:
            return hint
        label = i18n.label(i18n.PRIORITY, self.priority, self.language())
        note = self.tr("Antrian prioritas: {label}. Anda dilayani lebih dulu.").format(label=label)
        return f"{note} {hint}".strip()

    def choose_priority(self, priority: str | None) -> None:
        """The optional priority question answered: the services next, this priority kept for the ticket."""
        self.priority = priority
        self.flow = "ticket"
        self._show_step(("agencies",))

    def choose(self, key: str) -> None:
        step = self._history[-1][0] if self._history else None
        if key.startswith("svc:"):
            key = key[4:]
        elif step == "agencies":
            services = [s for s in self._services_for_flow() if s["agency"] == key]
            if len(services) != 1:
                self.agency = key
                self._show_step(("services", key))
                return
            key = services[0]["code"]  # an agency with one service: no question to ask
        self.service = next((s for s in self.catalog() if s["code"] == key), None)
        if self.service is None:
            return
        if self.flow == "ticket":
            self.take_ticket(self.priority, service_code=key)
        elif self.flow == "info":
            self._show_step(("info", self.service))
        elif self.flow == "survey":
            self._show_step(("survey", key))

    # --- actions (each page runs its own op) ---------------------------------------------------------

    def take_ticket(self, priority: str | None = None, service_code: str | None = None) -> dict | None:
        """Ambil Antrian: issue the ticket (its print queued with it) and show the number."""
        code = service_code or (self.service or {}).get("code")
        if not code:
            return None
        service = next((s for s in self.catalog() if s["code"] == code), {"code": code, "name": code})
        ticket = self.ticket_page.take(service, priority)
        self._history.clear()
        self.stack.setCurrentWidget(self.ticket_page)
        return ticket

    def show_checked_in(self, ticket: dict) -> None:
        """A booking was checked in: its ticket, as any other."""
        service = next((s for s in self.catalog() if s["code"] == ticket["service"]),
                       {"code": ticket["service"], "name": ticket["service"]})
        self.ticket_page.show_ticket(ticket, i18n.service_name(service, self.language()), ticket.get("print") or {})
        self._history.clear()
        self.stack.setCurrentWidget(self.ticket_page)

    def scan_booking(self, text: str) -> None:
        """A booking's QR scanned anywhere outside a text field: check it in."""
        self.start_flow("booking")
        self.booking_page.input.setText(text)
        self.booking_page.submit()

    def open_survey(self, found: dict) -> None:
        """The survey of the service a scanned or invited ticket was served for."""
        self.flow, self._history = "survey", [("survey", found["service"]["code"])]
        self.survey_page.start(invitation=found)
        self.stack.setCurrentWidget(self.survey_page)

    def show_ticket_status(self, text: str) -> None:
        """A scanned ticket not served yet: its place in the queue (Cek Status)."""
        self.start_flow("status")
        self.status_page.input.setText(text)
        self.status_page.submit()

    def show_thanks(self) -> None:
        """The survey was stored: thank the citizen, then home on its own."""
        self._history.clear()
        self.stack.setCurrentWidget(self.thanks_page)
        self.thanks_page.start()
