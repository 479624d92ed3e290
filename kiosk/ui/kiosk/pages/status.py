"""Cek Status: what a citizen typed or scanned -> where their application or queue ticket stands.

Status and dates only: the page is a public screen, so it never shows a name, NIK or phone number.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.codes import REGNO_EXAMPLE
from kiosk.errors import KioskError
from kiosk.ui import i18n
from kiosk.ui.i18n import Translatable
from kiosk.ui.kiosk.pages.common import KIOSK_ACTOR, add_nav, page_layout, primary_button, scroll_area
from kiosk.ui.qt import QHBoxLayout, QLabel, QLineEdit, QStackedWidget, QVBoxLayout, QWidget, Signal
from kiosk.ui.widgets.clock import format_day
from kiosk.ui.widgets.common import clear_layout, make_label
from kiosk.ui.widgets.keypad import OnScreenKeypad


class StatusPage(Translatable, QWidget):
    """Type the registration number (or scan the receipt's QR) -> the status timeline, from the local copy.

    Two faces: the entry (field + keypad, errors right above the keys) and, after a lookup, the result
    across the whole width in large type, with one button to check another number.
    """

    back = Signal()
    home = Signal()

    STEPS = ("received", "forwarded", "in_process", "ready", "handed_over")

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = page_layout(self, 12)
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
        self.check_button = primary_button(self, self.submit)
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
        result_layout.addWidget(scroll_area(self.result, kinetic=False), 1)
        self.faces.addWidget(result_page)

        self.again_button = primary_button(self, self.reset)
        self.nav = add_nav(layout, self._back, self.home, extra=self.again_button)
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
        """Look up what is in the field (a typed number, or a QR the scanner typed) from the local copy."""
        text = self.input.text().strip()
        if not text:
            return
        from kiosk.ops import intake

        try:
            data = self.ctx.run(intake.public_status, actor=KIOSK_ACTOR, text=text)
        except KioskError as exc:
            self.show_error(str(exc))
            return
        self.show_status(data)

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
        reached = {h["to"]: datetime.fromisoformat(h["at"]) for h in data["history"]}
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
