"""Survei Kepuasan (SKM, PermenPANRB 14/2017): the nine questions on one or two screens, four faces each, then
"Kirim"; the respondent's profile (one screen) and a written suggestion (on-screen keyboard) if they wish.

How a citizen gets here, fewest touches first:
- a counter presses "Mohon isi survei" (op `survey.invite`): the kiosk, when idle on its home screen, opens
  the survey of that ticket's service by itself, saying which number and counter asked;
- they scan their ticket's QR at the kiosk (the scanner types `T:<uuid>` like a keyboard): the survey of the
  service they were served for opens (a ticket still waiting shows its place in the queue instead);
- the home tile "Survei Kepuasan", then one touch on the service they received.

In portrait all nine questions fit one screen; in landscape they take two (1–5, 6–9), and answering the last
open question of the first moves on by itself. The response is stored in one op (`survey.add`) when the
citizen presses Kirim; nothing ties it to the ticket.
"""

from __future__ import annotations

import re

from kiosk.errors import InputError, KioskError
from kiosk.ops import catalog as catalog_ops
from kiosk.ops import survey
from kiosk.ui.i18n import Translatable
from kiosk.ui.kiosk.pages.common import KIOSK_ACTOR, add_nav, page_layout, scroll_area
from kiosk.ui.qt import (
    QApplication,
    QElapsedTimer,
    QEvent,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QObject,
    QPlainTextEdit,
    QPushButton,
    QSize,
    QSizePolicy,
    QStackedWidget,
    Qt,
    QTextEdit,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui.widgets.common import clear_layout, icon_pixmap, make_label, min_touch_px
from kiosk.ui.widgets.keyboard import TextKeyboard
from kiosk.ui.widgets.tiles import BigTile
from mpp.skm import EDUCATION
from mpp.text import LIMITS

STEPS = ("service", "questions", "profile", "suggestion")
LANDSCAPE_PER_PAGE = 5  # questions per screen when the screen is wider than tall (5 + 4)
ADVANCE_MS = 450  # the pause before the second screen, so the citizen sees their last face chosen
INVITE_CHECK_MS = 3000  # the counters' invitations are also looked at this often while the kiosk is idle
SCAN_GAP_MS = 800  # a scanner types a whole code faster than this between two keys
JOBS = ("PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Lainnya")
_TICKET_QR = re.compile(r"T:[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}", re.I)


class _Choices(QWidget):
    """A row of big toggle buttons of which at most one is chosen; touching the chosen one again clears it."""

    changed = Signal()

    def __init__(self, values: tuple[str, ...], columns: int | None = None, parent=None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        columns = columns or len(values)
        self.buttons: dict[str, QPushButton] = {}
        side = min_touch_px(self)
        for index, value in enumerate(values):
            button = QPushButton(value)
            button.setProperty("choice", True)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumSize(QSize(side, side))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.clicked.connect(lambda checked, v=value: self._clicked(v, checked))
            layout.addWidget(button, index // columns, index % columns)
            self.buttons[value] = button

    def _clicked(self, value: str, checked: bool) -> None:
        for other, button in self.buttons.items():
            if other != value:
                button.setChecked(False)
        self.changed.emit()

    def value(self) -> str | None:
        return next((v for v, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, value: str | None) -> None:
        for v, button in self.buttons.items():
            button.setChecked(v == value)


class _QuestionRow:
    """One unsur: its name and question on the left, four faces on the right (one grid row)."""

    def __init__(self, index: int, question: dict, answered):
        self.index = index
        self.question = question
        self.label = make_label(name="surveyRowText", wrap=True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.faces: dict[int, QPushButton] = {}
        side = min_touch_px(self.label)
        for score in (1, 2, 3, 4):
            face = QPushButton()
            face.setProperty("face", True)
            face.setCheckable(True)
            face.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            face.setIcon(icon_pixmap(f"face{score}", 96))
            face.setIconSize(QSize(56, 56))
            face.setMinimumSize(QSize(side, side))
            face.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            face.clicked.connect(lambda _=False, s=score: answered(self.index, s))
            self.faces[score] = face

    def widgets(self) -> list[QWidget]:
        return [self.label, *self.faces.values()]

    def show_answer(self, score: int | None) -> None:
        for value, face in self.faces.items():
            face.setChecked(value == score)


class _ScanCatcher(QObject):
    """Application-wide filter: what a QR scanner types into the kiosk window while no text field has the
    focus (home screen, a menu) is collected; a ticket's QR followed by Enter goes to `page.scan`, other
    codes to the handlers added to `routes` (a booking's QR: the window's check-in)."""

    def __init__(self, page: SurveyPage):
        super().__init__(page)
        self.page = page
        self.buffer = ""
        self.clock = QElapsedTimer()
        # (pattern, handler): the first pattern found in a scanned line gets the line (a booking's QR too).
        self.routes = [(_TICKET_QR, page.scan)]

    def eventFilter(self, obj, event) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(obj, QWidget):
            return False
        window = self.page.window()
        if obj.window() is not window:
            return False
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit | QPlainTextEdit | QTextEdit) and focus.window() is window:
            return False  # Cek Status and the survey's own fields take what is typed
        if self.clock.isValid() and self.clock.elapsed() > SCAN_GAP_MS:
            self.buffer = ""
        self.clock.start()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text, self.buffer = self.buffer, ""
            for pattern, handler in self.routes:
                if pattern.search(text):
                    handler(text)
                    return True
            return False
        if event.text() and event.text().isprintable():
            self.buffer = (self.buffer + event.text())[-120:]
        return False


class SurveyPage(Translatable, QWidget):
    """The SKM: service (if not known), the nine questions, then optionally the profile and a suggestion.

    `wanted(found)` asks the window to open this page for a ticket (a scanned QR, or a counter's invitation:
    {ticket, number, service, counter, invited_at}); `not_served(text)` hands a scanned ticket still waiting
    to Cek Status. `at_home()` tells whether the kiosk is idle on its home screen (an invitation may open).
    """

    submitted = Signal()
    back = Signal()
    home = Signal()
    wanted = Signal(object)
    not_served = Signal(str)

    def __init__(self, ctx, parent=None, at_home=None):
        super().__init__(parent)
        self.ctx = ctx
        self.at_home = at_home or (lambda: False)
        asked = ctx.run(survey.questions)
        self.questions: list[dict] = asked["questions"]
        self.answer_texts: dict[int, dict] = {a["score"]: a for a in asked["answers"]}
        self.service: dict | None = None  # {code, name, name_en}
        self.invitation: dict | None = None
        self.answers: dict[int, int] = {}
        self.page = 0
        self.step = "questions"
        self.asked_service = False
        self.advanced_once = False
        self._services: list[dict] = []
        self._seen_invitations: set[str] = set()
        self._error: str | None = None

        layout = page_layout(self, 6)
        layout.setContentsMargins(32, 12, 32, 14)  # a little tighter than other pages: 1366x768 holds it all
        self.title = make_label(name="pageTitle", wrap=True)
        self.context = make_label(name="surveyContext", wrap=True)
        self.context.hide()
        layout.addWidget(self.title)
        layout.addWidget(self.context)
        self.steps = QStackedWidget()
        layout.addWidget(self.steps, 1)
        self.error = make_label(name="statusError", wrap=True)
        self.error.hide()
        layout.addWidget(self.error)

        self._build_service_step()
        self._build_questions_step()
        self._build_profile_step()
        self._build_suggestion_step()

        actions = QWidget()
        row = QHBoxLayout(actions)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        self.more_button = self._button("secondary", self._more)
        self.next_button = self._button("primary", self.next_page)
        self.send_button = self._button("primary", self.submit)
        for button in (self.more_button, self.next_button, self.send_button):
            row.addWidget(button)
        self.nav = add_nav(layout, self._back, self.home, extra=actions)

        self._catcher = _ScanCatcher(self)
        QApplication.instance().installEventFilter(self._catcher)
        self._invite_timer = QTimer(self)
        self._invite_timer.setSingleShot(True)
        self._invite_timer.setInterval(250)  # a burst of commits is one look
        self._invite_timer.timeout.connect(self.check_invitations)
        self._invite_poll = QTimer(self)
        self._invite_poll.setInterval(INVITE_CHECK_MS)
        self._invite_poll.timeout.connect(self.check_invitations)
        self._invite_poll.start()
        bridge = getattr(ctx, "bridge", None)
        if bridge is not None:
            bridge.queueChanged.connect(self._invite_timer.start)
        self.start(None)

    # --- building -----------------------------------------------------------------------------------

    def _button(self, kind: str, clicked) -> QPushButton:
        button = QPushButton()
        button.setProperty(kind, True)
        button.setProperty("compact", True)  # two of them share the bar with Kembali and Beranda
        button.setMinimumHeight(min_touch_px(self))
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(clicked)
        return button

    def _build_service_step(self) -> None:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        self.service_hint = make_label(name="pageHint", wrap=True)
        column.addWidget(self.service_hint)
        holder = QWidget()
        self.service_grid = QGridLayout(holder)
        self.service_grid.setSpacing(14)
        self.service_grid.setContentsMargins(0, 0, 0, 0)
        column.addWidget(scroll_area(holder), 1)
        self.service_tiles: dict[str, BigTile] = {}
        self.steps.addWidget(page)

    def _build_questions_step(self) -> None:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self.progress = make_label(name="surveyProgress", wrap=True)
        self.progress.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self.table = QGridLayout()
        self.table.setHorizontalSpacing(12)
        self.table.setVerticalSpacing(8)
        self.table.setColumnStretch(0, 5)
        for c in range(1, 5):
            self.table.setColumnStretch(c, 2)
        self.headers = [make_label(name="surveyAnswerHeader", wrap=True, align=Qt.AlignmentFlag.AlignCenter)
                        for _ in range(4)]
        self.rows = [_QuestionRow(i, q, self.answer) for i, q in enumerate(self.questions)]
        column.addLayout(self.table, 1)
        self.steps.addWidget(page)

    def _build_profile_step(self) -> None:
        # Two columns: the choices on the left, the age and its keypad on the right (fits a 1280x800 screen
        # in height and keeps the kiosk's minimum width).
        page = QWidget()
        columns = QHBoxLayout(page)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(28)
        left = QVBoxLayout()
        left.setSpacing(4)
        self.sex = _Choices(("L", "P"))
        self.education = _Choices(EDUCATION, columns=4)
        self.job = _Choices(JOBS, columns=3)
        self.profile_labels = [make_label(name="surveyFieldLabel") for _ in range(4)]
        for label, field in zip(self.profile_labels[:1] + self.profile_labels[2:], (self.sex, self.education, self.job),
                                strict=True):
            left.addWidget(label)
            left.addWidget(field)
        left.addStretch(1)
        columns.addLayout(left, 3)
        right = QVBoxLayout()
        right.setSpacing(4)
        right.addWidget(self.profile_labels[1])
        self.age = QLineEdit()
        self.age.setObjectName("surveyAge")
        self.age.setMaxLength(3)
        self.age.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.age.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right.addWidget(self.age)
        keypad = QGridLayout()
        keypad.setSpacing(8)
        self.age_keys: dict[str, QPushButton] = {}
        side = min_touch_px(self)
        for index, key in enumerate([*"123456789", "⌫", "0"]):
            button = QPushButton(key)
            button.setProperty("key", True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumSize(QSize(side, side))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.clicked.connect(lambda _=False, k=key: self._age_key(k))
            keypad.addWidget(button, index // 3, index % 3)
            self.age_keys[key] = button
        right.addLayout(keypad)
        right.addStretch(1)
        columns.addLayout(right, 2)
        self.steps.addWidget(page)

    def _build_suggestion_step(self) -> None:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        top = QHBoxLayout()
        self.suggestion_hint = make_label(name="pageHint", wrap=True)
        self.suggestion_count = make_label(name="surveyProgress", align=Qt.AlignmentFlag.AlignRight)
        top.addWidget(self.suggestion_hint, 1)
        top.addWidget(self.suggestion_count)
        column.addLayout(top)
        self.suggestion = QPlainTextEdit()
        self.suggestion.setObjectName("surveySuggestion")
        self.suggestion.setTabChangesFocus(True)
        self.suggestion.setMinimumHeight(min_touch_px(self))
        self.suggestion.textChanged.connect(self._suggestion_changed)
        column.addWidget(self.suggestion, 1)
        self.keyboard = TextKeyboard(limit=LIMITS["suggestion"][0])
        self.keyboard.set_target(self.suggestion)
        column.addWidget(self.keyboard)
        self.steps.addWidget(page)

    # --- starting -------------------------------------------------------------------------------------

    def start(self, service: str | None = None, invitation: dict | None = None) -> None:
        """A new response: about `service` (a code; None asks the citizen first), for an invited or scanned
        ticket when `invitation` is given."""
        self.answers = {}
        self.page = 0
        self.advanced_once = False
        self.invitation = invitation
        self._error = None
        self.sex.set_value(None)
        self.education.set_value(None)
        self.job.set_value(None)
        self.age.clear()
        self.suggestion.clear()
        for row in self.rows:
            row.show_answer(None)
        self.service = None
        if invitation is not None:
            self.service = dict(invitation["service"])
        elif service:
            self.service = self._service_names(service)
        self.asked_service = self.service is None
        if self.service is None:
            self._fill_services()
            self._go("service")
        else:
            self._go("questions")

    def _service_names(self, code: str) -> dict:
        found = next((s for s in self._catalog() if s["code"] == code), None)
        return {"code": code, "name": found["name"] if found else code,
                "name_en": (found or {}).get("name_en") or ""}

    def _catalog(self) -> list[dict]:
        try:
            return self.ctx.run(catalog_ops.service_details, actor=KIOSK_ACTOR)
        except KioskError:
            return []

    def _fill_services(self) -> None:
        """The services a citizen can have received here today (those a counter serves)."""
        services = [s for s in self._catalog() if s.get("available", True)]
        if [s["code"] for s in services] == [s["code"] for s in self._services]:
            return
        self._services = services
        clear_layout(self.service_grid)
        self.service_tiles = {}
        columns = 1 if len(services) <= 3 else 2 if len(services) <= 8 else 3
        for index, s in enumerate(services):
            tile = BigTile(tone="purple", horizontal=True)
            tile.setProperty("small", len(services) > 4)
            tile.clicked.connect(lambda _=False, code=s["code"]: self.choose_service(code))
            self.service_grid.addWidget(tile, index // columns, index % columns)
            self.service_tiles[s["code"]] = tile
        self._relabel_services()

    def choose_service(self, code: str) -> None:
        """The citizen touched the service they received."""
        found = next((s for s in self._services if s["code"] == code), None)
        if found is None:
            return
        self.service = {"code": code, "name": found["name"], "name_en": found.get("name_en") or ""}
        self._go("questions")

    # --- the nine questions ---------------------------------------------------------------------------

    def per_page(self) -> int:
        """All nine on a portrait screen; five, then four, on a landscape one."""
        window = self.window()
        width, height = window.width(), window.height()
        return len(self.questions) if height > width else LANDSCAPE_PER_PAGE

    def pages(self) -> int:
        return -(-len(self.questions) // self.per_page())

    def page_rows(self) -> list[_QuestionRow]:
        size = self.per_page()
        return self.rows[self.page * size:(self.page + 1) * size]

    def answer(self, index_or_score: int, score: int | None = None) -> None:
        """Answer question `index` (0-based) with `score` 1..4; `answer(score)` alone answers the first open
        question (as a citizen going down the list would)."""
        if score is None:
            score = index_or_score
            index = next((i for i in range(len(self.questions)) if i not in self.answers), None)
            if index is None:
                return
        else:
            index = index_or_score
        page_was_open = any(row.index not in self.answers for row in self.page_rows())
        self.answers[index] = score
        self.rows[index].show_answer(score)
        self._error = None
        page_done = all(row.index in self.answers for row in self.page_rows())
        if page_was_open and page_done and self.page + 1 < self.pages() and not self.advanced_once:
            self.advanced_once = True
            QTimer.singleShot(ADVANCE_MS, self._advance_if_done)
        self._refresh()

    def _advance_if_done(self) -> None:
        if self.step == "questions" and all(row.index in self.answers for row in self.page_rows()) \
                and self.page + 1 < self.pages():
            self.next_page()

    def complete(self) -> bool:
        return len(self.answers) == len(self.questions)

    def scores(self) -> list[int]:
        return [self.answers[i] for i in range(len(self.questions))]

    def next_page(self) -> None:
        if self.page + 1 < self.pages():
            self.page += 1
            self._refresh()

    def _layout_questions(self) -> None:
        for row in self.rows:
            for widget in row.widgets():
                self.table.removeWidget(widget)
                widget.hide()
        self.table.addWidget(self.progress, 0, 0)
        for c, header in enumerate(self.headers, 1):
            self.table.addWidget(header, 0, c)
        shown = self.page_rows()
        for r, row in enumerate(shown, 1):
            self.table.addWidget(row.label, r, 0)
            for c, face in enumerate(row.faces.values(), 1):
                self.table.addWidget(face, r, c)
            for widget in row.widgets():
                widget.show()
        for r in range(len(self.questions) + 1):
            self.table.setRowStretch(r, 1 if 1 <= r <= len(shown) else 0)

    # --- profile and suggestion -------------------------------------------------------------------------

    def _more(self) -> None:
        if self.step == "questions":
            self.open_profile()
        elif self.step == "profile":
            self.open_suggestion()

    def open_profile(self) -> None:
        """Who answered (optional): sex, age, education, occupation."""
        if self.complete():
            self._go("profile")

    def _age_key(self, key: str) -> None:
        if key == "⌫":
            self.age.backspace()
        elif len(self.age.text()) < 3:
            self.age.insert(key)

    def profile(self) -> dict:
        age = self.age.text().strip()
        return {"age": int(age) if age.isdigit() else age or None, "sex": self.sex.value(),
                "education": self.education.value(), "job": self.job.value()}

    def open_suggestion(self) -> None:
        """The profile checked (as the op will check it), then the suggestion."""
        try:
            self.ctx.run(survey.check_profile, **self.profile())
        except InputError as exc:
            self._error = str(exc)
            self._refresh()
            return
        self._go("suggestion")

    def _suggestion_changed(self) -> None:
        limit = LIMITS["suggestion"][0]
        text = self.suggestion.toPlainText()
        if len(text) > limit:  # typed on a real keyboard, or pasted
            self.suggestion.setPlainText(text[:limit])
            return
        self.suggestion_count.setText(f"{len(text)}/{limit}")

    # --- storing -----------------------------------------------------------------------------------------

    def submit(self) -> None:
        """Store the anonymous response (with what the citizen told of themselves); `submitted` once saved,
        the reason in place if not."""
        if not self.complete() or self.service is None:
            return
        extra = self.profile() if self.step in ("profile", "suggestion") else {}
        if self.step == "suggestion":
            extra["suggestion"] = self.suggestion.toPlainText()
        try:
            self.ctx.run(survey.add_survey, actor=KIOSK_ACTOR, service=self.service["code"], scores=self.scores(),
                         **extra)
        except KioskError as exc:
            self._error = str(exc)
            self._refresh()
            return
        self.submitted.emit()

    # --- a ticket's QR, a counter's invitation ----------------------------------------------------------

    def scan(self, text: str) -> None:
        """A ticket's QR read by the scanner: its service's survey, or its place in the queue if not served."""
        try:
            found = self.ctx.run(survey.for_ticket, actor=KIOSK_ACTOR, text=text)
        except InputError:
            self.not_served.emit(text)
            return
        except KioskError:  # unknown ticket, hub away: Cek Status says so in its own words
            self.not_served.emit(text)
            return
        self._seen_invitations.add(found["ticket"])
        self.wanted.emit(found)

    def check_invitations(self) -> None:
        """Open the newest fresh invitation not shown yet, when the kiosk is idle at home."""
        if not self.at_home():
            return
        try:
            fresh = self.ctx.run(survey.invitations, actor=KIOSK_ACTOR)
        except KioskError:
            return
        found = next((i for i in fresh if i["ticket"] not in self._seen_invitations), None)
        if found is not None:
            self._seen_invitations.add(found["ticket"])
            self.wanted.emit(found)

    # --- navigation and text --------------------------------------------------------------------------

    def _go(self, step: str) -> None:
        self.step = step
        self._error = None
        self.steps.setCurrentIndex(STEPS.index(step))
        self._refresh()

    def _back(self) -> None:
        if self.step == "suggestion":
            self._go("profile")
        elif self.step == "profile":
            self._go("questions")
        elif self.step == "questions" and self.page > 0:
            self.page -= 1
            self._refresh()
        elif self.step == "questions" and self.asked_service:
            self._go("service")
        else:
            self.back.emit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        size = self.per_page()
        if size != getattr(self, "_laid_out_per_page", None):
            self._laid_out_per_page = size
            first_open = next((i for i in range(len(self.questions)) if i not in self.answers), 0)
            self.page = min(first_open // size, self.pages() - 1)
            self._refresh()

    def _relabel_services(self) -> None:
        english = self.language() == "en"
        for s in self._services:
            tile = self.service_tiles.get(s["code"])
            if tile is not None:
                tile.set_texts(s.get("name_en") if english and s.get("name_en") else s["name"])

    def retranslate(self) -> None:
        self.nav.retranslate()
        self.keyboard.retranslate()
        self._relabel_services()
        self._refresh()

    def _service_name(self) -> str:
        if self.service is None:
            return ""
        english = self.language() == "en"
        return self.service["name_en"] if english and self.service.get("name_en") else self.service["name"]

    def _refresh(self) -> None:
        text = "text_en" if self.language() == "en" else "text"
        step = self.step
        if step == "profile":
            self.title.setText(self.tr("Tentang Anda (tidak wajib, tanpa nama)"))
        elif step == "suggestion":
            self.title.setText(self.tr("Saran dan masukan (tidak wajib)"))
        else:
            self.title.setText(self.tr("Survei Kepuasan") + (f" — {self._service_name()}" if self.service else ""))
        invited = self.invitation
        if invited is not None and step in ("service", "questions"):
            where = self.tr(", loket {c}").format(c=invited["counter"]) if invited.get("counter") else ""
            self.context.setText(self.tr("Nomor {n}{where}: mohon nilai layanan kami. Bukan Anda? Tekan Beranda.")
                                 .format(n=invited["number"], where=where))
            self.context.show()
        else:
            self.context.hide()
        self.service_hint.setText(self.tr("Layanan apa yang Anda terima hari ini? Atau pindai kode QR pada tiket "
                                          "antrian Anda."))
        for score, header in zip((1, 2, 3, 4), self.headers, strict=True):
            header.setText(self.answer_texts[score][text])
        for row in self.rows:
            q = row.question
            row.label.setText(f"<span style='color:#5F6B76'>{q['code']} · {q['name']}</span><br/>"
                              f"<b>{q[text]}</b>")
            for score, face in row.faces.items():
                face.setToolTip(self.answer_texts[score][text])
                face.setAccessibleName(f"{q['code']} {self.answer_texts[score][text]}")
        shown = self.page_rows()
        if len(shown) == len(self.questions):
            where = self.tr("Pertanyaan 1–{n}").format(n=len(self.questions))
        else:
            where = self.tr("Pertanyaan {a}–{b} dari {n}").format(a=shown[0].index + 1, b=shown[-1].index + 1,
                                                                 n=len(self.questions))
        self.progress.setText(where + "\n" + self.tr("terjawab {k} dari {n}").format(
            k=len(self.answers), n=len(self.questions)))
        for label, caption in zip(self.profile_labels, (self.tr("Jenis kelamin"), self.tr("Umur (tahun)"),
                                                        self.tr("Pendidikan"), self.tr("Pekerjaan")), strict=True):
            label.setText(caption)
        self.sex.buttons["L"].setText(self.tr("Laki-laki"))
        self.sex.buttons["P"].setText(self.tr("Perempuan"))
        self.job.buttons["Swasta"].setText(self.tr("Swasta"))
        self.job.buttons["Wirausaha"].setText(self.tr("Wirausaha"))
        self.job.buttons["Lainnya"].setText(self.tr("Lainnya"))
        self.suggestion_hint.setText(self.tr("Apa yang perlu kami perbaiki? Tanpa nama."))
        self.suggestion.setPlaceholderText(self.tr("Ketik saran Anda di sini…"))
        self._suggestion_changed()

        last_page = self.page + 1 >= self.pages()
        self.next_button.setText(self.tr("Lanjut"))
        self.send_button.setText(self.tr("Kirim"))
        self.more_button.setText(self.tr("Profil, saran") if step == "questions" else self.tr("Saran ›"))
        self.next_button.setVisible(step == "questions" and not last_page)
        self.next_button.setEnabled(all(row.index in self.answers for row in shown))
        self.send_button.setVisible(step in ("profile", "suggestion") or (step == "questions" and last_page))
        self.send_button.setEnabled(self.complete())
        self.more_button.setVisible((step == "questions" and last_page) or step == "profile")
        self.more_button.setEnabled(self.complete())
        self.error.setText(self._error or "")
        self.error.setVisible(bool(self._error))
        if step == "questions":
            self._layout_questions()
        self.nav.retranslate()
