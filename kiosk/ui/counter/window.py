"""The counter's main window: the sign-in page or the tabs, the status bar, sign-out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.ops import catalog, counters, operators
from kiosk.ui import i18n
from kiosk.ui.counter.intake_tab import IntakeTab
from kiosk.ui.counter.queue_tab import QueueTab, TransferDialog
from kiosk.ui.counter.search_tab import ApplicationsTab
from kiosk.ui.counter.signin import LoginPage
from kiosk.ui.counter.supervisor_tab import SupervisorTab
from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from kiosk.ui.widgets.indicators import HubIndicator, PrinterIndicator, SyncIndicator


class CounterView(Translatable, QMainWindow):
    """Loket N: login, then tabs Antrian / Permohonan baru / Cari permohonan / Supervisor."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.operator: dict | None = None
        self._service_names: dict[str, dict] = {}
        self.setObjectName("counterWindow")
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.login_page = LoginPage(self)
        self.stack.addWidget(self.login_page)

        work = QWidget()
        w = QVBoxLayout(work)
        top = QHBoxLayout()
        self.who = QLabel()
        self.who.setObjectName("pageTitle")
        self.logout_button = QPushButton()
        self.logout_button.clicked.connect(self.logout)
        top.addWidget(self.who, 1)
        top.addWidget(self.logout_button)
        w.addLayout(top)
        self.tabs = QTabWidget()
        self.queue_tab = QueueTab(self)
        self.intake_tab = IntakeTab(self)
        self.applications_tab = ApplicationsTab(self)
        self.supervisor_tab = SupervisorTab(self)
        self.tabs.addTab(self.queue_tab, "")
        self.tabs.addTab(self.intake_tab, "")
        self.tabs.addTab(self.applications_tab, "")
        self.tabs.addTab(self.supervisor_tab, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        w.addWidget(self.tabs, 1)
        self.stack.addWidget(work)
        self.work_page = work

        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        self.site_label = QLabel()
        self.counter_label = QLabel()
        self.operator_label = QLabel()
        self.sync_indicator = SyncIndicator(ctx.bridge)
        self.printer_indicator = PrinterIndicator(ctx.bridge)
        self.hub_indicator = HubIndicator(ctx.bridge)
        for widget in (self.site_label, self.counter_label, self.operator_label):
            bar.addWidget(widget)
        bar.addPermanentWidget(self.hub_indicator)
        bar.addPermanentWidget(self.sync_indicator)
        bar.addPermanentWidget(self.printer_indicator)
        ctx.bridge.queueChanged.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        site = self.ctx.site()
        self.setWindowTitle(self.tr("Loket {n} — {site}").format(n=self.ctx.counter, site=self.ctx.site_title()))
        self.site_label.setText(f"{site['name']} ({site['code']})" if site else self.tr("Situs belum disiapkan"))
        self.counter_label.setText(self.tr("Loket {n}").format(n=self.ctx.counter))
        self.operator_label.setText(self.tr("Petugas: {name}").format(name=self.operator["username"])
                                    if self.operator else self.tr("Belum masuk"))
        self.logout_button.setText(self.tr("Keluar"))
        if self.operator:
            self.who.setText(self.tr("{name} ({role}) · Loket {n}").format(
                name=self.operator["name"], role=self.operator["role"], n=self.ctx.counter))
        self.tabs.setTabText(0, self.tr("Antrian"))
        self.tabs.setTabText(1, self.tr("Permohonan baru"))
        self.tabs.setTabText(2, self.tr("Cari permohonan"))
        self.tabs.setTabText(3, self.tr("Supervisor"))
        for page in (self.login_page, self.queue_tab, self.intake_tab, self.applications_tab, self.supervisor_tab):
            page.retranslate()

    # --- the signed-in operator ------------------------------------------------------------------------

    def is_logged_in(self) -> bool:
        return self.operator is not None

    def actor(self) -> str | None:
        """Who the ops run as: the signed-in operator's username."""
        return self.operator["username"] if self.operator else None

    def act(self, func: Callable[..., Any], /, **kwargs) -> Any:
        """Perform one op as the signed-in operator; its KioskError is for the caller to show."""
        return self.ctx.run(func, actor=self.actor(), **kwargs)

    def logged_in(self, operator: dict) -> None:
        self.operator = operator
        self._service_names = self.act(catalog.service_names)
        self.tabs.setTabVisible(3, self.ctx.run(operators.may, role=operator["role"], permission="supervise"))
        self.supervisor_tab.signed_in(operator["role"])
        self.stack.setCurrentWidget(self.work_page)
        self.tabs.setCurrentIndex(0)
        self.intake_tab.load()
        self.retranslate()
        self.refresh()

    def logout(self) -> None:
        self.intake_tab.save_draft()
        self.operator = None
        self.stack.setCurrentWidget(self.login_page)
        self.login_page.username.setFocus()
        self.retranslate()

    # --- screens ------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.operator is None:
            return
        self.queue_tab.refresh()
        self.intake_tab._update_link_text()
        if self.tabs.currentWidget() is self.supervisor_tab:
            self.supervisor_tab.refresh()

    def _tab_changed(self, _index: int) -> None:
        if self.operator is not None and self.tabs.currentWidget() is self.supervisor_tab:
            self.supervisor_tab.refresh()

    def service_label(self, code: str) -> str:
        info = self._service_names.get(code)
        return i18n.service_name(info, self.language()) if info else code

    def ask_transfer(self, current: str | None) -> dict | None:
        """Where to send the citizen (the transfer dialog): {to_service} or {to_counter}; None when cancelled."""
        services = [info for code, info in sorted(self._service_names.items(), key=lambda kv: kv[1]["prefix"])
                    if code != current]
        others = [c for c in self.act(counters.list_counters)
                  if c["counter"] != self.ctx.counter and (current is None or current in c["services"])]
        dialog = TransferDialog(services, others, self)
        return dialog.chosen() if dialog.exec() else None

    def ask_reason(self) -> str | None:
        """The reason for a break (istirahat), asked in a small dialog; None when cancelled."""
        return self.ask_text(self.tr("Istirahat"), self.tr("Alasan istirahat (mis. sholat, makan siang):"))

    def confirm(self, question: str) -> bool:
        """Yes/no before an action that cannot be undone from here."""
        answer = QMessageBox.question(self, self.windowTitle(), question)
        return answer == QMessageBox.StandardButton.Yes

    def ask_text(self, title: str, prompt: str) -> str | None:
        """One line of text asked in a small dialog (a reason); None when cancelled."""
        text, ok = QInputDialog.getText(self, title, prompt)
        return text.strip() if ok else None

    def closeEvent(self, event) -> None:
        self.intake_tab.save_draft()
        super().closeEvent(event)
