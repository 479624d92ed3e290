"""Info Layanan: a service's standard on screen, and on paper at one touch."""

from __future__ import annotations

from kiosk.errors import KioskError
from kiosk.ui import i18n
from kiosk.ui.i18n import Translatable
from kiosk.ui.kiosk.pages.common import KIOSK_ACTOR, add_nav, page_layout, primary_button, scroll_area
from kiosk.ui.qt import QLabel, QSizePolicy, Qt, QVBoxLayout, QWidget, Signal
from kiosk.ui.widgets.common import clear_layout, make_label, set_prop


class InfoPage(Translatable, QWidget):
    """A service's standard: requirements, procedure, time, fee, product, where it is processed."""

    back = Signal()
    home = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.service: dict | None = None
        self.job_id = None
        layout = page_layout(self, 12)
        self.body = QWidget()
        self.body.setObjectName("infoBody")
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(24, 20, 24, 20)
        self.body_layout.setSpacing(8)
        layout.addWidget(scroll_area(self.body), 1)
        self.print_label = make_label(name="printState", wrap=True)
        self.print_label.hide()
        layout.addWidget(self.print_label)
        self.print_button = primary_button(self, self.print_info)
        self.nav = add_nav(layout, self.back, self.home, extra=self.print_button)
        ctx.bridge.printJobChanged.connect(self.on_job)

    def show_service(self, service: dict) -> None:
        self.service = service
        self.job_id = None
        self.print_label.hide()
        self.retranslate()

    def print_info(self) -> None:
        """Queue the service's information sheet; the page follows the job until it is on paper."""
        from kiosk.ops import printing

        if not self.service:
            return
        try:
            job = self.ctx.run(printing.print_info, actor=KIOSK_ACTOR, service=self.service["code"])
        except KioskError as exc:  # e.g. the service was withdrawn meanwhile: nothing to print
            job = {"id": None, "kind": "info", "state": "unavailable", "error": str(exc)}
        self.job_id = job.get("id")
        self.set_print_state(job)
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

