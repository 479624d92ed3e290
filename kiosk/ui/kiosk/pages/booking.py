"""Punya kode booking? A citizen who booked a visit online types the code (or scans its QR) -> a ticket.

The check-in is one op (`booking.check_in`): the ticket, ranked by the booked slot, printed like any other.
A scanner types the code and Enter into the field; scanned at home, the window brings it here.
"""

from __future__ import annotations

import re

from kiosk.errors import KioskError
from kiosk.ui.i18n import Translatable
from kiosk.ui.kiosk.pages.common import KIOSK_ACTOR, add_nav, page_layout, primary_button
from kiosk.ui.qt import QHBoxLayout, QLineEdit, QWidget, Signal
from kiosk.ui.widgets.common import make_label
from kiosk.ui.widgets.keypad import OnScreenKeypad

# A booking's QR holds `B:` and its 8-character code (central/bookings.py).
BOOKING_QR = re.compile(r"\bB:[0-9A-Z]{4}-?[0-9A-Z*]{4}\b", re.I)


class BookingPage(Translatable, QWidget):
    """The code field, the keypad and Check-in; `checked_in(ticket)` with the ticket (and its "booking")."""

    checked_in = Signal(object)
    back = Signal()
    home = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = page_layout(self, 12)
        self.title = make_label(name="pageTitle")
        self.hint = make_label(name="pageHint", wrap=True)
        layout.addWidget(self.title)
        entry = QHBoxLayout()
        self.input = QLineEdit()
        self.input.setObjectName("regnoInput")
        self.input.setMaxLength(40)
        self.input.returnPressed.connect(self.submit)
        self.check_button = primary_button(self, self.submit)
        entry.addWidget(self.input, 1)
        entry.addWidget(self.check_button)
        layout.addLayout(entry)
        layout.addWidget(self.hint)
        self.error = make_label(name="statusError", wrap=True)
        self.error.hide()
        layout.addWidget(self.error)
        self.keypad = OnScreenKeypad("alnum")
        self.keypad.set_target(self.input)
        layout.addWidget(self.keypad, 1)
        self.nav = add_nav(layout, self.back, self.home)
        self.retranslate()

    def reset(self) -> None:
        self.input.clear()
        self.error.hide()
        self.hint.show()
        self.input.setFocus()

    def submit(self) -> None:
        """Check the booking in from what is in the field (typed, or scanned with its `B:`)."""
        from kiosk.ops import bookings

        text = self.input.text().strip()
        if not text:
            return
        try:
            ticket = self.ctx.run(bookings.check_in, actor=KIOSK_ACTOR, code=text, print=True)
        except KioskError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.hint.hide()  # the error takes the hint's place: the page never grows
            self.input.selectAll()
            return
        self.input.clear()
        self.error.hide()
        self.hint.show()
        self.checked_in.emit(ticket)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Punya kode booking?"))
        self.hint.setText(self.tr("Ketik kode booking Anda, atau arahkan QR booking ke pemindai."))
        self.input.setPlaceholderText(self.tr("mis. K7QM-4TZ5"))
        self.check_button.setText(self.tr("Check-in"))
        self.keypad.retranslate()
        self.nav.retranslate()
