"""Today's figures (`report.daily`), the daily report PDF (`report.daily_pdf`), the SKM report PDF
(`report.skm_pdf`) and today's IKM (`survey.ikm`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kiosk.errors import KioskError
from kiosk.ops import queue, reports, survey
from kiosk.ui.counter.supervisor.base import SupervisorPage, fill, make_table, minutes
from kiosk.ui.qt import (
    QDate,
    QDateEdit,
    QDesktopServices,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QUrl,
    QVBoxLayout,
)


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    return edit


def _iso(edit: QDateEdit) -> str:
    q = edit.date()
    return date(q.year(), q.month(), q.day()).isoformat()


class TodayPage(SupervisorPage):
    """Waiting, wait and service time per service and per operator, no-shows; the two PDF reports."""

    def __init__(self, view):
        super().__init__(view)
        self.report_path: Path | None = None
        self.skm_path: Path | None = None
        self._date_set = False
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("pageTitle")
        self.summary.setWordWrap(True)
        self.ikm = QLabel()
        layout.addWidget(self.summary)
        layout.addWidget(self.ikm)
        tables = QHBoxLayout()
        self.services = make_table(6, select_rows=False)
        self.operators = make_table(3, select_rows=False)
        for table in (self.services, self.operators):  # the name column takes what is left, elided
            header = table.horizontalHeader()
            header.setStretchLastSection(False)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tables.addWidget(self.services, 3)
        tables.addWidget(self.operators, 2)
        layout.addLayout(tables, 1)
        self.note = QLabel()
        self.note.setObjectName("hint")
        layout.addWidget(self.note)

        # The two PDF reports in one box, one row each.
        self.report_box = QGroupBox()
        grid = QGridLayout(self.report_box)
        self.report_label, self.skm_label = QLabel(), QLabel()
        self.report_date = _date_edit()
        self.report_button = QPushButton()
        self.report_button.setProperty("tone", "blue")
        self.report_button.clicked.connect(self.make_report)
        self.open_button = QPushButton()
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(lambda: self._open(self.report_path))
        self.skm_from, self.skm_to = _date_edit(), _date_edit()
        self.skm_to_label = QLabel()
        self.skm_button = QPushButton()
        self.skm_button.setProperty("tone", "blue")
        self.skm_button.clicked.connect(self.make_skm)
        self.skm_open = QPushButton()
        self.skm_open.setEnabled(False)
        self.skm_open.clicked.connect(lambda: self._open(self.skm_path))
        grid.addWidget(self.report_label, 0, 0)
        grid.addWidget(self.report_date, 0, 1)
        grid.addWidget(self.report_button, 0, 4)
        grid.addWidget(self.open_button, 0, 5)
        grid.addWidget(self.skm_label, 1, 0)
        grid.addWidget(self.skm_from, 1, 1)
        grid.addWidget(self.skm_to_label, 1, 2)
        grid.addWidget(self.skm_to, 1, 3)
        grid.addWidget(self.skm_button, 1, 4)
        grid.addWidget(self.skm_open, 1, 5)
        grid.setColumnStretch(6, 1)
        layout.addWidget(self.report_box)
        self.report_message = self.message
        layout.addWidget(self.message)
        self.retranslate()

    def retranslate(self) -> None:
        self.services.setHorizontalHeaderLabels([self.tr("Layanan"), self.tr("Menunggu"), self.tr("Selesai"),
                                                 self.tr("Tidak hadir"), self.tr("Tunggu*"), self.tr("Layanan*")])
        self.operators.setHorizontalHeaderLabels([self.tr("Petugas"), self.tr("Dilayani"), self.tr("Layanan*")])
        self.note.setText(self.tr("* median, dalam menit"))
        self.report_box.setTitle(self.tr("Laporan PDF"))
        self.report_label.setText(self.tr("Harian"))
        self.skm_label.setText(self.tr("SKM"))
        self.report_button.setText(self.tr("Buat laporan harian"))
        self.open_button.setText(self.tr("Buka"))
        self.skm_to_label.setText(self.tr("s.d."))
        self.skm_button.setText(self.tr("Buat laporan SKM"))
        self.skm_open.setText(self.tr("Buka"))

    def refresh(self) -> None:
        ctx = self.view.ctx
        today = ctx.clock.local(ctx.now()).date()
        if not self._date_set:
            q = QDate(today.year, today.month, today.day)
            self.report_date.setDate(q)
            self.skm_from.setDate(QDate(today.year, today.month, 1))
            self.skm_to.setDate(q)
            self._date_set = True
        data = self.act(reports.daily_report)
        if data is None:
            return
        t = data["tickets"]
        per_service: dict[str, int] = {}  # waiting now (not called yet), from the queue itself
        for ticket in self.act(queue.open_queue) or []:
            if ticket["status"] == "waiting":
                per_service[ticket["service"]] = per_service.get(ticket["service"], 0) + 1
        waiting = sum(per_service.values())
        self.summary.setText(self.tr("Hari ini: {i} tiket · {w} menunggu · {d} selesai · {n} tidak hadir · "
                                     "tunggu median {mw} menit · layanan median {ms} menit").format(
            i=t["issued"], w=waiting, d=t["done"], n=t["no_show"], mw=minutes(t["wait"]["median"]),
            ms=minutes(t["service_time"]["median"])))
        fill(self.services, [[f"{e['service']} — {e['name']}", per_service.get(e["service"], 0), e["done"], e["no_show"],
                              minutes(e["wait"]["median"]), minutes(e["service_time"]["median"])]
                             for e in data["services"]])
        fill(self.operators, [[f"{o['name']} ({o['operator']})", o["served"], minutes(o["service_time"]["median"])]
                              for o in data["operators"]])
        ikm = self.act(survey.ikm, date_from=today.isoformat(), date_to=today.isoformat())
        if ikm and ikm["respondents"]:
            self.ikm.setText(self.tr("IKM hari ini: {v} (mutu {m}) dari {n} responden").format(
                v=ikm["ikm"], m=ikm["mutu"], n=ikm["respondents"]))
        else:
            self.ikm.setText(self.tr("Belum ada survei kepuasan hari ini."))

    def make_report(self) -> None:
        """`report.daily_pdf` renders off the GUI thread (a slow op); the button says when it is ready."""
        self.report_button.setEnabled(False)
        self.say(self.tr("Membuat laporan…"))

        def done(result: dict) -> None:
            self.report_button.setEnabled(True)
            self.report_path = Path(result["file"])
            self.open_button.setEnabled(True)
            self.say(self.tr("Laporan tersimpan: {p}").format(p=self.report_path))

        def failed(exc: KioskError) -> None:
            self.report_button.setEnabled(True)
            self.say(str(exc), error=True)

        self.view.ctx.run_async(reports.save_daily_report, done=done, failed=failed, actor=self.view.actor(),
                                day=_iso(self.report_date))

    def make_skm(self) -> None:
        """`report.skm_pdf` (as `kiosk report skm`): the PermenPANRB 14/2017 layout for the chosen days."""
        self.skm_button.setEnabled(False)
        self.say(self.tr("Membuat laporan SKM…"))

        def done(result: dict) -> None:
            self.skm_button.setEnabled(True)
            self.skm_path = Path(result["file"])
            self.skm_open.setEnabled(True)
            self.say(self.tr("Laporan SKM tersimpan: {p}").format(p=self.skm_path))

        def failed(exc: KioskError) -> None:
            self.skm_button.setEnabled(True)
            self.say(str(exc), error=True)

        self.view.ctx.run_async(reports.save_skm_report, done=done, failed=failed, actor=self.view.actor(),
                                date_from=_iso(self.skm_from), date_to=_iso(self.skm_to))

    @staticmethod
    def _open(path: Path | None) -> None:
        if path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
