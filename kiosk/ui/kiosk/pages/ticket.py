"""Ambil Antrian, the result: the number, very large, while the ticket prints."""

from __future__ import annotations

from kiosk.errors import KioskError
from kiosk.ui import i18n
from kiosk.ui.i18n import Translatable
from kiosk.ui.kiosk.pages.common import KIOSK_ACTOR, primary_button
from kiosk.ui.qt import QHBoxLayout, Qt, QTimer, QVBoxLayout, QWidget, Signal
from kiosk.ui.widgets.common import make_label, min_touch_px, set_prop

TICKET_HOME_SECONDS = 8          # after a ticket printed
TICKET_FAILED_HOME_SECONDS = 45  # the number must stay readable when the printer failed


class TicketPage(Translatable, QWidget):
    """The number, very large, while the ticket prints; clear instructions when the printer fails."""

    done = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
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
        self.done_button = primary_button(self, self.done)
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
        ctx.bridge.printJobChanged.connect(self.on_job)

    def take(self, service: dict, priority: str | None = None) -> dict | None:
        """Ambil Antrian: the ticket and its print job in one transaction, then the number on screen.

        `service` is the catalog entry the citizen touched; returns the ticket, or None when none was issued.
        """
        from kiosk.ops import queue

        try:
            ticket = self.ctx.run(queue.issue_ticket, actor=KIOSK_ACTOR, service=service["code"],
                                  priority=priority, print=True)
        except KioskError as exc:
            self.show_error(str(exc))
            return None
        self.show_ticket(ticket, i18n.service_name(service, self.language()), ticket["print"])
        return ticket

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
        service = self._service_name + (f"  ·  {priority}" if priority else "")
        if t.get("booking"):
            b = t["booking"]
            service += "  ·  " + self.tr("Booking {code}, jam {start}").format(code=b["code"], start=b["start"])
        self.service.setText(service)
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
