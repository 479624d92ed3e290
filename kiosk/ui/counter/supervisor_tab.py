"""The supervisor tab: small pages, one per job (see `kiosk.ui.counter.supervisor`), so a supervisor needs no
terminal: today's figures and reports, operators, counters, the running text, the print queue, the site's PCs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.ops import operators
from kiosk.ui.counter.supervisor.announcements import AnnouncementsPage
from kiosk.ui.counter.supervisor.counters import CountersPage
from kiosk.ui.counter.supervisor.operators import OperatorsPage
from kiosk.ui.counter.supervisor.printq import PrintQueuePage
from kiosk.ui.counter.supervisor.site_pcs import SitePcsPage
from kiosk.ui.counter.supervisor.today import TodayPage
from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from kiosk.ui.counter.host import CounterHost


class SupervisorTab(Translatable, QWidget):
    """Hari ini · Petugas · Loket · Teks berjalan · Antrian cetak · PC situs."""

    def __init__(self, view: CounterHost):
        super().__init__()
        self.view = view
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pages = QTabWidget()
        self.pages.setObjectName("supervisorPages")
        self.today = TodayPage(view)
        self.operators = OperatorsPage(view)
        self.counters = CountersPage(view)
        self.announcements = AnnouncementsPage(view)
        self.printq = PrintQueuePage(view)
        self.site_pcs = SitePcsPage(view)
        for page in self.all_pages():  # a page scrolls rather than widen or heighten the whole window
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.pages.addTab(scroll, "")
        self.pages.currentChanged.connect(lambda _i: self.refresh())
        layout.addWidget(self.pages)
        self.retranslate()

    def all_pages(self):
        return (self.today, self.operators, self.counters, self.announcements, self.printq, self.site_pcs)

    def retranslate(self) -> None:
        titles = (self.tr("Hari ini"), self.tr("Petugas"), self.tr("Loket"), self.tr("Teks berjalan"),
                  self.tr("Antrian cetak"), self.tr("PC situs"))
        for index, title in enumerate(titles):
            self.pages.setTabText(index, title)
        for page in self.all_pages():
            page.retranslate()

    def signed_in(self, role: str) -> None:
        """Pages follow the role's permissions (`operator.may`): accounts only for who may manage them."""
        may_manage = self.view.ctx.run(operators.may, role=role, permission="manage_operators")
        self.pages.setTabVisible(self.index_of(self.operators), may_manage)

    def index_of(self, page) -> int:
        return self.all_pages().index(page)

    def show_page(self, page) -> None:
        self.pages.setCurrentIndex(self.index_of(page))

    def current_page(self):
        index = self.pages.currentIndex()
        return self.all_pages()[index] if index >= 0 else None

    def refresh(self) -> None:
        """The page on show reads its ops again."""
        if self.view.operator is None:
            return
        page = self.current_page()
        if page is not None:
            page.refresh()
