"""The supervisor tab: the daily report (PDF), today's IKM and this PC's print queue (retry, reprint)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.errors import KioskError
from kiosk.ops import printing, reports, survey
from kiosk.ui import i18n
from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import (
    QAbstractItemView,
    QDate,
    QDateEdit,
    QDesktopServices,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QUrl,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from kiosk.ui.counter.window import CounterView


class SupervisorTab(Translatable, QWidget):
    """Daily report (PDF) and the print queue (retry, reprint)."""

    def __init__(self, view: CounterView):
        super().__init__()
        self.view = view
        self.report_path: Path | None = None
        self._date_set = False
        layout = QVBoxLayout(self)
        self.report_box = QGroupBox()
        r = QHBoxLayout(self.report_box)
        self.report_date = QDateEdit()
        self.report_date.setCalendarPopup(True)
        self.report_date.setDisplayFormat("dd-MM-yyyy")
        self.report_button = QPushButton()
        self.report_button.setProperty("tone", "blue")
        self.report_button.clicked.connect(self.make_report)
        self.open_button = QPushButton()
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_report)
        self.report_message = QLabel()
        self.report_message.setWordWrap(True)
        self.ikm = QLabel()
        r.addWidget(self.report_date)
        r.addWidget(self.report_button)
        r.addWidget(self.open_button)
        r.addWidget(self.report_message, 1)
        layout.addWidget(self.report_box)
        layout.addWidget(self.ikm)
        self.jobs_box = QGroupBox()
        j = QVBoxLayout(self.jobs_box)
        self.jobs = QTableWidget(0, 6)
        self.jobs.verticalHeader().hide()
        self.jobs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.jobs.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.jobs.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.jobs.horizontalHeader().setStretchLastSection(True)
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
        j.addWidget(self.jobs, 1)
        j.addLayout(row)
        layout.addWidget(self.jobs_box, 1)
        self._jobs: list[dict] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.report_box.setTitle(self.tr("Laporan harian"))
        self.report_button.setText(self.tr("Buat laporan PDF"))
        self.open_button.setText(self.tr("Buka"))
        self.jobs_box.setTitle(self.tr("Antrian cetak"))
        self.jobs.setHorizontalHeaderLabels([self.tr("No."), self.tr("Jenis"), self.tr("Referensi"),
                                             self.tr("Status"), self.tr("Percobaan"), self.tr("Kesalahan terakhir")])
        self.retry_button.setText(self.tr("Ulangi yang dipilih"))
        self.retry_all_button.setText(self.tr("Ulangi semua yang gagal"))
        self.reprint_button.setText(self.tr("Cetak ulang (salinan)"))

    def refresh(self) -> None:
        """Today's IKM (`survey.ikm`) and the print queue (`print.jobs`, newest first)."""
        ctx = self.view.ctx
        today = ctx.clock.local(ctx.now()).date()
        if not self._date_set:
            self.report_date.setDate(QDate(today.year, today.month, today.day))
            self._date_set = True
        result = self.view.act(survey.ikm, date_from=today.isoformat(), date_to=today.isoformat())
        if result["respondents"]:
            self.ikm.setText(self.tr("IKM hari ini: {v} (mutu {m}) dari {n} responden").format(
                v=result["ikm"], m=result["mutu"], n=result["respondents"]))
        else:
            self.ikm.setText(self.tr("Belum ada survei kepuasan hari ini."))
        self._jobs = list(reversed(self.view.act(printing.list_jobs)))
        self.jobs.setRowCount(len(self._jobs))
        for row, job in enumerate(self._jobs):
            lang = self.language()
            kind = i18n.label(i18n.PRINT_JOB_KIND, job.get("kind"), lang)
            values = [job.get("id"), kind + (" (SALINAN)" if job.get("is_copy") else ""), job.get("ref"),
                      i18n.label(i18n.PRINT_JOB_STATE, job.get("state"), lang), job.get("attempts"),
                      job.get("last_error") or ""]
            for col, value in enumerate(values):
                self.jobs.setItem(row, col, QTableWidgetItem("" if value is None else str(value)))

    def _selected_job(self) -> dict | None:
        rows = self.jobs.selectionModel().selectedRows()
        return self._jobs[rows[0].row()] if rows else None

    def _retry(self, job_id: int | None) -> None:
        """`print.retry`: one job (a printed one prints again as a copy), or every waiting one."""
        try:
            if job_id is None:
                jobs = self.view.act(printing.retry, all=True)
            else:
                jobs = self.view.act(printing.retry, job=job_id)
        except KioskError as exc:
            self.report_message.setText(str(exc))
        else:
            self.report_message.setText(self.tr("{n} cetakan dikirim ulang.").format(n=len(jobs)))
        self.refresh()

    def retry_selected(self) -> None:
        job = self._selected_job()
        if job:
            self._retry(job.get("id"))

    def reprint_selected(self) -> None:
        job = self._selected_job()
        if job:
            try:
                self.view.act(printing.reprint, job=job["id"])
            except KioskError as exc:
                self.report_message.setText(str(exc))
            self.refresh()

    def make_report(self) -> None:
        """`report.daily_pdf` renders off the GUI thread (a slow op); the button says when it is ready."""
        qdate = self.report_date.date()
        day = date(qdate.year(), qdate.month(), qdate.day())
        self.report_button.setEnabled(False)
        self.report_message.setText(self.tr("Membuat laporan…"))

        def done(result: dict) -> None:
            self.report_button.setEnabled(True)
            self.report_path = Path(result["file"])
            self.open_button.setEnabled(True)
            self.report_message.setText(self.tr("Laporan tersimpan: {p}").format(p=self.report_path))

        def failed(exc: KioskError) -> None:
            self.report_button.setEnabled(True)
            self.report_message.setText(str(exc))

        self.view.ctx.run_async(reports.save_daily_report, done=done, failed=failed, actor=self.view.actor(),
                                day=day.isoformat())

    def open_report(self) -> None:
        if self.report_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report_path)))
