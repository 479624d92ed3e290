"""This PC's print queue, named by what it prints (ticket number, registration number): retry, reprint."""

from __future__ import annotations

from kiosk.errors import KioskError
from kiosk.ops import printing
from kiosk.ui import i18n
from kiosk.ui.counter.supervisor.base import SupervisorPage, fill, make_table, selected_row
from kiosk.ui.qt import QHBoxLayout, QPushButton, QVBoxLayout


class PrintQueuePage(SupervisorPage):
    def __init__(self, view):
        super().__init__(view)
        self._jobs: list[dict] = []
        layout = QVBoxLayout(self)
        self.jobs = make_table(6)
        layout.addWidget(self.jobs, 1)
        row = QHBoxLayout()
        self.retry_button = QPushButton()
        self.retry_button.clicked.connect(self.retry_selected)
        self.retry_all_button = QPushButton()
        self.retry_all_button.clicked.connect(lambda: self._retry(None))
        self.reprint_button = QPushButton()
        self.reprint_button.clicked.connect(self.reprint_selected)
        for button in (self.retry_button, self.retry_all_button, self.reprint_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.retranslate()

    def retranslate(self) -> None:
        self.jobs.setHorizontalHeaderLabels([self.tr("No."), self.tr("Jenis"), self.tr("Cetakan"),
                                             self.tr("Status"), self.tr("Percobaan"), self.tr("Kesalahan terakhir")])
        self.retry_button.setText(self.tr("Ulangi yang dipilih"))
        self.retry_all_button.setText(self.tr("Ulangi semua yang gagal"))
        self.reprint_button.setText(self.tr("Cetak ulang (salinan)"))

    def refresh(self) -> None:
        """`print.jobs`, newest first; each named by its document's title ("Tiket A-005"), not an id."""
        self._jobs = list(reversed(self.act(printing.list_jobs) or []))
        lang = self.language()
        fill(self.jobs, [[job.get("id"),
                          i18n.label(i18n.PRINT_JOB_KIND, job.get("kind"), lang) + (" (SALINAN)" if job.get("is_copy")
                                                                                      else ""),
                          job.get("title") or job.get("ref"),
                          i18n.label(i18n.PRINT_JOB_STATE, job.get("state"), lang), job.get("attempts"),
                          job.get("last_error") or ""] for job in self._jobs])

    def _selected_job(self) -> dict | None:
        row = selected_row(self.jobs)
        return self._jobs[row] if row is not None else None

    def _retry(self, job_id: int | None) -> None:
        """`print.retry`: one job (a printed one prints again as a copy), or every waiting one."""
        try:
            jobs = self.view.act(printing.retry, all=True) if job_id is None else self.view.act(printing.retry,
                                                                                               job=job_id)
        except KioskError as exc:
            self.say(str(exc), error=True)
        else:
            self.say(self.tr("{n} cetakan dikirim ulang.").format(n=len(jobs)))
        self.refresh()

    def retry_selected(self) -> None:
        job = self._selected_job()
        if job:
            self._retry(job.get("id"))

    def reprint_selected(self) -> None:
        job = self._selected_job()
        if job and self.act(printing.reprint, job=job["id"]):
            self.say(self.tr("Salinan {t} dicetak.").format(t=job.get("title") or job.get("ref")))
        self.refresh()
